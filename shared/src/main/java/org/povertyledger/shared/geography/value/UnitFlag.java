package org.povertyledger.shared.geography.value;

/** Classifications of a unit that targets and reports single out. */
public enum UnitFlag {
    /** Especially difficult commune (xã đặc biệt khó khăn), e.g. under Decision 861/QD-TTg. */
    ESPECIALLY_DIFFICULT_COMMUNE,
    /** Poor district (huyện nghèo), e.g. under Decision 353/QD-TTg. */
    POOR_DISTRICT,
    /** Ethnic-minority and mountainous area. */
    ETHNIC_MINORITY_MOUNTAINOUS_AREA
}
