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
    // bulk import
    IMPORT_FILE_UNSUPPORTED(ErrorKind.VALIDATION),
    IMPORT_FILE_CORRUPT(ErrorKind.VALIDATION),
    IMPORT_COLUMNS_INVALID(ErrorKind.VALIDATION),
    IMPORT_NOT_FOUND(ErrorKind.NOT_FOUND),
    IMPORT_ALREADY_RECORDED(ErrorKind.CONFLICT);

    private final ErrorKind kind;

    ErrorCode(ErrorKind kind) {
        this.kind = kind;
    }

    /** The class of refusal this code belongs to. */
    public ErrorKind kind() {
        return kind;
    }
}
