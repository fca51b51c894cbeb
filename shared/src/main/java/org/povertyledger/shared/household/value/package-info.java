/** Value objects of the household register; each validates itself so that an invalid value cannot exist. */
package org.povertyledger.shared.household.value;
