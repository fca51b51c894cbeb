package org.povertyledger.shared.programme.value;

/** Where the money of an allocation comes from (Decision 90/QD-TTg, funding of the programme). */
public enum FundingSource {
    CENTRAL_BUDGET,
    LOCAL_BUDGET,
    /** Loans through the Vietnam Bank for Social Policies. */
    POLICY_CREDIT,
    /** Mobilised and other lawful sources. */
    OTHER
}
