package org.povertyledger.shared.common;

/** The broad class of a refusal, which the HTTP edge maps to a status code once. */
public enum ErrorKind {
    /** The request itself is malformed or breaks a rule on its own values (HTTP 400). */
    VALIDATION,
    /** The request names something that does not exist (HTTP 404). */
    NOT_FOUND,
    /** The request contradicts the current state of the ledger (HTTP 409). */
    CONFLICT,
    /**
     * The request is valid but cannot be answered now (HTTP 503 with {@code Retry-After}): a read model has not yet
     * processed the position a read asked for, the endpoint belongs to a role this node does not run, or the
     * store cannot be reached right now.
     */
    UNAVAILABLE,
    /** The user's unit scope does not reach a change that belongs to no single unit (HTTP 403). */
    FORBIDDEN
}
