package org.povertyledger.shared.common;

/** The broad class of a refusal, which the HTTP edge maps to a status code once. */
public enum ErrorKind {
    /** The request itself is malformed or breaks a rule on its own values (HTTP 400). */
    VALIDATION,
    /** The request names something that does not exist (HTTP 404). */
    NOT_FOUND,
    /** The request contradicts the current state of the ledger (HTTP 409). */
    CONFLICT,
    /** This node cannot serve the request, another one can (HTTP 503): e.g. an endpoint of a role it does not run. */
    UNAVAILABLE
}
