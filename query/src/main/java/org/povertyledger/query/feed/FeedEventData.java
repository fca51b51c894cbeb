package org.povertyledger.query.feed;

import java.util.Collection;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.povertyledger.shared.household.event.AssessmentCorrectedEvent;
import org.povertyledger.shared.household.event.AssessmentRecordedEvent;
import org.povertyledger.shared.household.event.HouseholdDetailsUpdatedEvent;
import org.povertyledger.shared.household.event.HouseholdRegisteredEvent;
import org.povertyledger.shared.household.event.HouseholdStatusChangedEvent;
import org.povertyledger.shared.household.event.PersonalDataErasedEvent;

/**
 * The published {@code data} of each catalogued event, field by field. Written out by hand rather than derived
 * from the internal records, so that renaming an internal field can never change a published schema; the schema
 * files under {@code schemas/} describe exactly these objects (a test validates one against the other).
 */
final class FeedEventData {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private FeedEventData() {
    }

    /**
     * @param eventId the event's id (an assessment is identified by the id of the event that recorded it)
     * @param personal whether personal fields are included
     * @return the data, or {@code null} for a payload that is not published
     */
    static ObjectNode of(Object payload, String eventId, boolean personal) {
        return of(payload, eventId, personal, null);
    }

    /**
     * @param unit the household's commune at this event (the envelope's {@code unit}), for events that do not
     *        name it themselves
     */
    static ObjectNode of(Object payload, String eventId, boolean personal, String unit) {
        if (payload instanceof PersonalDataErasedEvent e) {
            // no personal data, no user name and no request reference: only what a receiver needs to act on it
            ObjectNode data = NODES.objectNode();
            data.put("householdId", e.householdId().value());
            data.put("communeCode", unit);
            data.put("erasedAt", text(e.erasedAt()));
            data.put("legalBasis", e.legalBasis());
            return data;
        }
        if (payload instanceof HouseholdRegisteredEvent e) {
            ObjectNode data = NODES.objectNode();
            data.put("householdId", e.householdId().value());
            data.put("communeCode", e.communeCode().value());
            data.put("village", e.village());
            data.put("area", e.area().name());
            if (personal) {
                data.put("headName", e.headName());
            }
            data.put("ethnicity", e.ethnicity());
            data.put("ethnicMinority", e.ethnicMinority());
            data.put("members", e.members());
            return data;
        }
        if (payload instanceof HouseholdDetailsUpdatedEvent e) {
            ObjectNode data = NODES.objectNode();
            data.put("householdId", e.householdId().value());
            data.put("communeCode", e.communeCode().value());
            data.put("village", e.village());
            data.put("members", e.members());
            data.put("effectiveDate", text(e.effectiveDate()));
            data.put("reason", e.reason());
            return data;
        }
        if (payload instanceof AssessmentRecordedEvent e) {
            ObjectNode data = NODES.objectNode();
            data.put("householdId", e.householdId().value());
            data.put("assessmentId", eventId);
            data.put("reviewYear", e.reviewYear());
            data.put("reviewKind", e.reviewKind().name());
            data.put("surveyDate", text(e.surveyDate()));
            data.put("area", e.area().name());
            data.put("incomePerCapitaMonthly", e.incomePerCapitaMonthly());
            data.put("livelihood", e.livelihood().name());
            data.set("deprivations", strings(e.deprivations()));
            data.put("decisionRef", e.decisionRef());
            data.put("effectiveDate", text(e.effectiveDate()));
            data.put("rulebookId", e.rulebookId());
            data.put("rulebookVersion", e.rulebookVersion());
            data.put("deprivationCount", e.deprivationCount());
            data.put("status", e.status().name());
            return data;
        }
        if (payload instanceof AssessmentCorrectedEvent e) {
            ObjectNode data = NODES.objectNode();
            data.put("householdId", e.householdId().value());
            data.put("assessmentId", e.assessmentId());
            data.put("correctedEventId", e.correctedEventId());
            data.put("reviewYear", e.reviewYear());
            data.put("reviewKind", e.reviewKind().name());
            data.put("surveyDate", text(e.surveyDate()));
            data.put("area", e.area().name());
            data.put("incomePerCapitaMonthly", e.incomePerCapitaMonthly());
            data.put("livelihood", e.livelihood().name());
            data.set("deprivations", strings(e.deprivations()));
            data.put("decisionRef", e.decisionRef());
            data.put("effectiveDate", text(e.effectiveDate()));
            data.put("rulebookId", e.rulebookId());
            data.put("rulebookVersion", e.rulebookVersion());
            data.put("deprivationCount", e.deprivationCount());
            data.put("previousStatus", e.previousStatus().name());
            data.put("status", e.status().name());
            data.put("reason", e.reason());
            return data;
        }
        if (payload instanceof HouseholdStatusChangedEvent e) {
            ObjectNode data = NODES.objectNode();
            data.put("householdId", e.householdId().value());
            data.put("previousStatus", e.previousStatus().name());
            data.put("newStatus", e.newStatus().name());
            data.put("transition", e.transition().name());
            data.put("assessmentId", e.assessmentId());
            data.put("reviewYear", e.reviewYear());
            data.put("effectiveDate", text(e.effectiveDate()));
            return data;
        }
        return null;
    }

    /** The commune a payload names itself, for the events that carry one. */
    static String communeOf(Object payload) {
        if (payload instanceof HouseholdRegisteredEvent e) {
            return e.communeCode().value();
        }
        if (payload instanceof HouseholdDetailsUpdatedEvent e) {
            return e.communeCode().value();
        }
        return null;
    }

    /** Whether the payload type is one that names the household's commune. */
    static boolean namesCommune(Class<?> payloadType) {
        return payloadType == HouseholdRegisteredEvent.class || payloadType == HouseholdDetailsUpdatedEvent.class;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static ArrayNode strings(Collection<String> values) {
        ArrayNode array = NODES.arrayNode();
        values.forEach(array::add);
        return array;
    }
}
