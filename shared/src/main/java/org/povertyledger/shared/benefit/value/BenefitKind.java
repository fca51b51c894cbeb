package org.povertyledger.shared.benefit.value;

/** The kinds of support a household can receive under the programme and related policies. */
public enum BenefitKind {
    /** A state-paid or state-supported health-insurance card for a coverage year. */
    HEALTH_INSURANCE_CARD,
    /** A loan from the Vietnam Bank for Social Policies. */
    PREFERENTIAL_LOAN,
    /** A vocational course (Project 4, sub-project 1). */
    VOCATIONAL_TRAINING,
    /** A new house or a repair (Project 5). */
    HOUSING_SUPPORT,
    /** Support to work abroad under contract (Project 4, sub-project 2). */
    CONTRACT_WORK_ABROAD,
    /** Production support such as breeding cows or seedlings (Projects 2 and 3). */
    PRODUCTION_SUPPORT
}
