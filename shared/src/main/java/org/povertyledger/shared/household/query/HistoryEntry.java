package org.povertyledger.shared.household.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import org.povertyledger.shared.household.value.PovertyStatus;

/**
 * One event of a household's history with the metadata an auditor needs.
 *
 * @param payload the event's own fields
 */
public record HistoryEntry(
        long position,
        String eventId,
        String eventType,
        Instant recordedAt,
        LocalDate effectiveDate,
        String actorId,
        String actorRole,
        String legalBasis,
        String reason,
        String correlationId,
        PovertyStatus statusBefore,
        PovertyStatus statusAfter,
        Map<String, Object> payload) {
}
