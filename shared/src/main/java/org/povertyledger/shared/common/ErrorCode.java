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
    // integrator feed and webhook subscriptions
    UNKNOWN_EVENT_TYPE(ErrorKind.VALIDATION),
    PERSONAL_DATA_NOT_PERMITTED(ErrorKind.VALIDATION),
    WEBHOOK_URL_NOT_PERMITTED(ErrorKind.VALIDATION),
    WEBHOOK_SUBSCRIPTION_NOT_FOUND(ErrorKind.NOT_FOUND),
    DEAD_LETTER_NOT_FOUND(ErrorKind.NOT_FOUND),
    WEBHOOK_SUBSCRIPTION_STATE(ErrorKind.CONFLICT);

    private final ErrorKind kind;

    ErrorCode(ErrorKind kind) {
        this.kind = kind;
    }

    /** The class of refusal this code belongs to. */
    public ErrorKind kind() {
        return kind;
    }
}
