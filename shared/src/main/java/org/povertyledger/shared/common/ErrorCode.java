package org.povertyledger.shared.common;

/**
 * Stable error codes carried from the domain to the edge. Clients may switch on them; they are never
 * renamed, only added.
 */
public enum ErrorCode {
    VALIDATION_FAILED(ErrorKind.VALIDATION),
    UNKNOWN_DEPRIVATION(ErrorKind.VALIDATION),
    NO_RULEBOOK_FOR_YEAR(ErrorKind.VALIDATION),
    HOUSEHOLD_NOT_FOUND(ErrorKind.NOT_FOUND),
    ASSESSMENT_NOT_FOUND(ErrorKind.NOT_FOUND),
    HOUSEHOLD_ALREADY_REGISTERED(ErrorKind.CONFLICT),
    PERIODIC_ASSESSMENT_EXISTS(ErrorKind.CONFLICT),
    CONCURRENT_MODIFICATION(ErrorKind.CONFLICT),
    IDEMPOTENCY_KEY_REUSED(ErrorKind.CONFLICT),
    REQUEST_IN_PROGRESS(ErrorKind.CONFLICT),
    STORE_UNAVAILABLE(ErrorKind.UNAVAILABLE),

    // Programme structure, funding, outputs and household benefits.
    PROGRAMME_NOT_FOUND(ErrorKind.NOT_FOUND),
    PROJECT_NOT_FOUND(ErrorKind.NOT_FOUND),
    SUB_PROJECT_NOT_FOUND(ErrorKind.NOT_FOUND),
    ALLOCATION_NOT_FOUND(ErrorKind.NOT_FOUND),
    PROGRAMME_ALREADY_REGISTERED(ErrorKind.CONFLICT),
    PROJECT_ALREADY_REGISTERED(ErrorKind.CONFLICT),
    SUB_PROJECT_ALREADY_REGISTERED(ErrorKind.CONFLICT),
    ALLOCATION_ALREADY_EXISTS(ErrorKind.CONFLICT),
    OUTSIDE_PROGRAMME_PERIOD(ErrorKind.VALIDATION),
    AGENCY_UNCHANGED(ErrorKind.CONFLICT),
    DISBURSEMENT_EXCEEDS_ALLOCATION(ErrorKind.CONFLICT),
    ALLOCATION_BELOW_DISBURSED(ErrorKind.CONFLICT),
    ALLOCATION_CLOSED(ErrorKind.CONFLICT),
    DATE_OUT_OF_SEQUENCE(ErrorKind.CONFLICT),
    FUNDING_LINK_MISMATCH(ErrorKind.CONFLICT),
    BENEFIT_NOT_ELIGIBLE(ErrorKind.CONFLICT),
    BENEFIT_ALREADY_RECORDED(ErrorKind.CONFLICT),

    // geography and indicators
    UNIT_NOT_FOUND(ErrorKind.NOT_FOUND),
    UNIT_ALREADY_REGISTERED(ErrorKind.CONFLICT),
    UNIT_NOT_VALID_ON_DATE(ErrorKind.CONFLICT),
    INVALID_PARENT(ErrorKind.VALIDATION),
    INVALID_MERGE(ErrorKind.VALIDATION),
    INDICATOR_NOT_FOUND(ErrorKind.NOT_FOUND),
    INDICATOR_ALREADY_DEFINED(ErrorKind.CONFLICT),
    INDICATOR_NOT_REPORTED(ErrorKind.CONFLICT),
    OBSERVATION_NOT_FOUND(ErrorKind.NOT_FOUND),
    INVALID_TARGET(ErrorKind.VALIDATION),
    NO_FIGURES_FOR_LEVEL(ErrorKind.VALIDATION),

    // who may see what
    NATIONAL_SCOPE_REQUIRED(ErrorKind.FORBIDDEN),

    // integrator feed and webhook subscriptions
    UNKNOWN_EVENT_TYPE(ErrorKind.VALIDATION),
    PERSONAL_DATA_NOT_PERMITTED(ErrorKind.VALIDATION),
    WEBHOOK_URL_NOT_PERMITTED(ErrorKind.VALIDATION),
    WEBHOOK_SUBSCRIPTION_NOT_FOUND(ErrorKind.NOT_FOUND),
    DEAD_LETTER_NOT_FOUND(ErrorKind.NOT_FOUND),
    WEBHOOK_SUBSCRIPTION_STATE(ErrorKind.CONFLICT),

    // bulk import
    IMPORT_FILE_UNSUPPORTED(ErrorKind.VALIDATION),
    IMPORT_FILE_CORRUPT(ErrorKind.VALIDATION),
    IMPORT_COLUMNS_INVALID(ErrorKind.VALIDATION),
    IMPORT_NOT_FOUND(ErrorKind.NOT_FOUND),
    IMPORT_ALREADY_RECORDED(ErrorKind.CONFLICT),

    // review periods: sign-off and locking
    PERIOD_LOCKED(ErrorKind.CONFLICT),
    PERIOD_STEP_NOT_ALLOWED(ErrorKind.CONFLICT),
    SAME_USER_APPROVAL(ErrorKind.CONFLICT),

    // read-your-writes (Consistency-Position / minPosition) and reproducible reports
    PROJECTION_BEHIND(ErrorKind.UNAVAILABLE),
    POSITION_BEYOND_HEAD(ErrorKind.VALIDATION),

    // several nodes: an endpoint of a role this node does not run
    ROLE_NOT_ON_THIS_NODE(ErrorKind.UNAVAILABLE),

    // signed checkpoints and proofs
    CHECKPOINT_NOT_FOUND(ErrorKind.NOT_FOUND),
    LEDGER_EMPTY(ErrorKind.CONFLICT),
    LEDGER_CHAIN_BROKEN(ErrorKind.CONFLICT),

    // audit: decision replays
    REPLAY_NOT_FOUND(ErrorKind.NOT_FOUND),
    REPLAY_STATE(ErrorKind.CONFLICT),
    RESTATEMENT_NOT_FOUND(ErrorKind.NOT_FOUND),
    RESTATEMENT_STATE(ErrorKind.CONFLICT),

    // rulebooks as registered versions
    RULEBOOK_NOT_FOUND(ErrorKind.NOT_FOUND),
    RULEBOOK_VERSION_EXISTS(ErrorKind.CONFLICT),
    RULEBOOK_VERSION_OUT_OF_SEQUENCE(ErrorKind.CONFLICT),
    RULEBOOK_SCOPE_CHANGED(ErrorKind.CONFLICT),
    RULEBOOK_PERIOD_OVERLAP(ErrorKind.CONFLICT),

    // review procedure (Decision 24/2021/QD-TTg)
    REVIEW_DATE_OUTSIDE_YEAR(ErrorKind.VALIDATION),
    REVIEW_STEP_ALREADY_RECORDED(ErrorKind.CONFLICT),

    // bulk import limits
    IMPORT_TOO_LARGE(ErrorKind.VALIDATION),

    // personal data and request limits
    PERSONAL_DATA_ALREADY_ERASED(ErrorKind.CONFLICT),
    REQUEST_TOO_LARGE(ErrorKind.VALIDATION),
    RATE_LIMITED(ErrorKind.VALIDATION);

    private final ErrorKind kind;

    ErrorCode(ErrorKind kind) {
        this.kind = kind;
    }

    /** The class of refusal this code belongs to. */
    public ErrorKind kind() {
        return kind;
    }
}
