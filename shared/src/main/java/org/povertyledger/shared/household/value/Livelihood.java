package org.povertyledger.shared.household.value;

/**
 * The household's main livelihood. Farming, forestry, fishery or salt making matters for the
 * average-living-standard band of Decree 07/2021.
 */
public enum Livelihood {
    FARMING_FORESTRY_FISHERY_SALT,
    OTHER
}
