package org.povertyledger.query.household;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.povertyledger.query.support.BatchedDocumentWriter;
import org.povertyledger.query.support.DocumentValues;
import org.povertyledger.shared.household.event.PersonalFields;
import org.povertyledger.shared.household.query.HistoryEntry;
import org.povertyledger.shared.household.query.HouseholdHistoryView;
import org.povertyledger.shared.household.value.PovertyStatus;

/**
 * One document of collection {@value #COLLECTION}: every event of one household, oldest first, plus
 * the little state needed to tell the status before and after each event.
 *
 * <pre>
 * { _id: householdId,
 *   position,                      // last applied global log position
 *   status,                        // status after the last event (null before registration)
 *   assessments: [ ...same shape as in household_view... ],
 *   entries: [ { position, eventId, eventType, recordedAt, effectiveDate, actorId, actorRole, legalBasis,
 *                reason, correlationId, statusBefore, statusAfter, payload: { ...event fields... } } ] }
 * </pre>
 *
 * Entries are unique by position: adding an entry at a position already present replaces it.
 */
final class HouseholdHistoryDocument {

    static final String COLLECTION = "household_history";

    static final BatchedDocumentWriter.DocumentCodec<HouseholdHistoryDocument> CODEC =
            new BatchedDocumentWriter.DocumentCodec<>() {
                @Override
                public HouseholdHistoryDocument decode(Document document) {
                    return fromDocument(document);
                }

                @Override
                public Document encode(HouseholdHistoryDocument value) {
                    return value.toDocument();
                }

                @Override
                public long position(HouseholdHistoryDocument value) {
                    return value.position;
                }
            };

    private final String householdId;
    private long position;
    private PovertyStatus status;
    private List<AssessmentEntry> assessments;
    private final List<HistoryEntry> entries;

    private HouseholdHistoryDocument(String householdId, long position, PovertyStatus status,
                                     List<AssessmentEntry> assessments, List<HistoryEntry> entries) {
        this.householdId = householdId;
        this.position = position;
        this.status = status;
        this.assessments = List.copyOf(assessments);
        this.entries = new ArrayList<>(entries);
    }

    static HouseholdHistoryDocument empty(String householdId) {
        return new HouseholdHistoryDocument(householdId, Long.MIN_VALUE, null, List.of(), List.of());
    }

    long position() {
        return position;
    }

    /** Status after the last applied event; {@code null} before registration. */
    PovertyStatus status() {
        return status;
    }

    List<AssessmentEntry> assessments() {
        return assessments;
    }

    /** Replaces the assessments and returns the status they give. */
    PovertyStatus assessmentsChanged(List<AssessmentEntry> next) {
        assessments = List.copyOf(next);
        status = HouseholdTimeline.governingAssessment(assessments, null)
                .map(AssessmentEntry::status)
                .orElse(PovertyStatus.UNASSESSED);
        return status;
    }

    void registered() {
        if (status == null) {
            status = PovertyStatus.UNASSESSED;
        }
    }

    /** Adds the entry (replacing one at the same position) and marks its position as applied. */
    void append(HistoryEntry entry) {
        entries.removeIf(e -> e.position() == entry.position());
        entries.add(entry);
        entries.sort(Comparator.comparingLong(HistoryEntry::position));
        position = Math.max(position, entry.position());
    }

    /**
     * Marks every personal value of the entries as erased: the events' personal fields and every reason (the
     * event's own or its metadata's, both personal), exactly what a replay after the erasure reads.
     */
    void erasePersonalData() {
        entries.replaceAll(entry -> {
            Map<String, Object> payload = new LinkedHashMap<>(entry.payload());
            for (String field : PersonalFields.ofEventType(entry.eventType())) {
                if (payload.get(field) != null) {
                    payload.put(field, PersonalFields.ERASED);
                }
            }
            return new HistoryEntry(entry.position(), entry.eventId(), entry.eventType(), entry.recordedAt(),
                    entry.effectiveDate(), entry.actorId(), entry.actorRole(), entry.legalBasis(),
                    entry.reason() == null ? null : PersonalFields.ERASED, entry.correlationId(),
                    entry.statusBefore(), entry.statusAfter(), payload);
        });
    }

    HouseholdHistoryView toView() {
        return new HouseholdHistoryView(householdId, List.copyOf(entries), position);
    }

    Document toDocument() {
        return new Document("_id", householdId)
                .append("position", position)
                .append("status", DocumentValues.text(status))
                .append("assessments", assessments.stream().map(AssessmentEntry::toDocument).toList())
                .append("entries", entries.stream().map(HouseholdHistoryDocument::entryDocument).toList());
    }

    static HouseholdHistoryDocument fromDocument(Document document) {
        return new HouseholdHistoryDocument(
                document.getString("_id"),
                DocumentValues.longValue(document, "position"),
                DocumentValues.enumValue(document, "status", PovertyStatus.class),
                document.getList("assessments", Document.class, List.of()).stream()
                        .map(AssessmentEntry::fromDocument).toList(),
                document.getList("entries", Document.class, List.of()).stream()
                        .map(HouseholdHistoryDocument::entryOf).toList());
    }

    private static Document entryDocument(HistoryEntry entry) {
        return new Document("position", entry.position())
                .append("eventId", entry.eventId())
                .append("eventType", entry.eventType())
                .append("recordedAt", DocumentValues.text(entry.recordedAt()))
                .append("effectiveDate", DocumentValues.text(entry.effectiveDate()))
                .append("actorId", entry.actorId())
                .append("actorRole", entry.actorRole())
                .append("legalBasis", entry.legalBasis())
                .append("reason", entry.reason())
                .append("correlationId", entry.correlationId())
                .append("statusBefore", DocumentValues.text(entry.statusBefore()))
                .append("statusAfter", DocumentValues.text(entry.statusAfter()))
                .append("payload", new Document(entry.payload()));
    }

    private static HistoryEntry entryOf(Document document) {
        Document payload = document.get("payload", Document.class);
        return new HistoryEntry(
                DocumentValues.longValue(document, "position"),
                document.getString("eventId"),
                document.getString("eventType"),
                DocumentValues.instant(document, "recordedAt"),
                DocumentValues.date(document, "effectiveDate"),
                document.getString("actorId"),
                document.getString("actorRole"),
                document.getString("legalBasis"),
                document.getString("reason"),
                document.getString("correlationId"),
                DocumentValues.enumValue(document, "statusBefore", PovertyStatus.class),
                DocumentValues.enumValue(document, "statusAfter", PovertyStatus.class),
                payload == null ? Map.of() : plainMap(payload));
    }

    /** A stored payload as plain maps and lists (not driver {@link Document}s). */
    private static Map<String, Object> plainMap(Document document) {
        Map<String, Object> map = new LinkedHashMap<>();
        document.forEach((key, value) -> map.put(key, plainValue(value)));
        return map;
    }

    private static Object plainValue(Object value) {
        if (value instanceof Document nested) {
            return plainMap(nested);
        }
        if (value instanceof List<?> list) {
            List<Object> plain = new ArrayList<>(list.size());
            list.forEach(element -> plain.add(plainValue(element)));
            return plain;
        }
        return value;
    }
}
