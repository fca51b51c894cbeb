/**
 * Administrative geography as events: units (province, district, commune, village), their names, parents and
 * flags over time, merges and dissolutions. Households keep the commune code they were recorded under; reports
 * map those codes onto the geography valid for the period.
 */
package org.povertyledger.shared.geography;
