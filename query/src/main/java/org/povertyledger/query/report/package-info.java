/**
 * Exports of indicator tables in formats others import: CSV and XLSX for officers, DHIS2 {@code dataValueSets}
 * JSON and ADX XML for health-information and statistics systems.
 */
package org.povertyledger.query.report;
