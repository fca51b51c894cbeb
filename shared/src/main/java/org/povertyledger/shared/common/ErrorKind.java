package org.povertyledger.shared.common;

/** The broad class of a refusal, which the HTTP edge maps to a status code once. */
public enum ErrorKind {
    /** The request itself is malformed or breaks a rule on its own values (HTTP 400). */
    VALIDATION,
    /** The request names something that does not exist (HTTP 404). */
    NOT_FOUND,
    /** The request contradicts the current state of the ledger (HTTP 409). */
    CONFLICT,
    /** The service cannot reach what it needs (the store) right now; the same request may succeed later (HTTP 503). */
    UNAVAILABLE
}
