package org.povertyledger.shared.common;

import java.util.List;

/**
 * Keys of the metadata every event carries. Command metadata with these keys is copied onto the
 * events the command produces, so each event says who, when, why and under which decision.
 */
public final class MetadataKeys {

    /** Authenticated user id of whoever issued the command. */
    public static final String ACTOR_ID = "actorId";
    /** Role under which the actor issued the command (OFFICER, ADMIN, ...). */
    public static final String ACTOR_ROLE = "actorRole";
    /** Transaction time: when the ledger recorded the event, ISO-8601 UTC. */
    public static final String RECORDED_AT = "recordedAt";
    /** Valid time: the date the fact holds from, ISO-8601 date. */
    public static final String EFFECTIVE_DATE = "effectiveDate";
    /** Legal basis: the decision number the change rests on. */
    public static final String LEGAL_BASIS = "legalBasis";
    /** Free-text reason, mandatory for corrections. */
    public static final String REASON = "reason";
    /** Correlation id shared by every message caused by one request. */
    public static final String CORRELATION_ID = "correlationId";
    /** Id of the message that directly caused this one. */
    public static final String CAUSATION_ID = "causationId";
    /** The client's idempotency key of the request that produced the event. */
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";

    /** The keys copied from a command onto the events it produces. */
    public static final List<String> PROPAGATED = List.of(ACTOR_ID, ACTOR_ROLE, EFFECTIVE_DATE, LEGAL_BASIS,
            REASON, IDEMPOTENCY_KEY);

    private MetadataKeys() {
    }
}
