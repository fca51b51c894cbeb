package org.povertyledger.shared.household.value;

/** Whether a household lives in a rural or urban area; the income lines differ. */
public enum Area {
    RURAL,
    URBAN
}
