package org.povertyledger.query.household;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.function.Function;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AllowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.bson.Document;
import org.povertyledger.query.support.BatchedDocumentWriter;
import org.povertyledger.shared.common.MetadataKeys;
import org.povertyledger.shared.household.event.AssessmentCorrectedEvent;
import org.povertyledger.shared.household.event.AssessmentRecordedEvent;
import org.povertyledger.shared.household.event.HouseholdDetailsUpdatedEvent;
import org.povertyledger.shared.household.event.HouseholdEvent;
import org.povertyledger.shared.household.event.PersonalDataErasedEvent;
import org.povertyledger.shared.household.event.HouseholdRegisteredEvent;
import org.povertyledger.shared.household.event.HouseholdStatusChangedEvent;
import org.povertyledger.shared.household.event.PeriodExceptionUsedEvent;
import org.povertyledger.shared.benefit.event.BenefitRecordedEvent;
import org.povertyledger.shared.household.query.HistoryEntry;
import org.povertyledger.shared.household.value.PovertyStatus;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.povertyledger.query.support.ReadModelReset;

/**
 * Keeps collection {@value HouseholdHistoryDocument#COLLECTION}: per household, every event with its
 * position, metadata, payload and the household's status before and after it.
 *
 * <p>The status is tracked here from the events alone: registration gives {@code UNASSESSED}; after an
 * assessment or a correction the status is the one the household's assessments give by the valid-time
 * rule of {@link HouseholdTimeline} (for the usual forward-dated assessment, its outcome); a status
 * change event reports its own previous and new status; a details update leaves the status as it is.
 *
 * <p>Effective date, legal basis and reason come from the event's own fields where it has them, otherwise
 * from the metadata. Idempotent by position, batched like the view (see {@link BatchedDocumentWriter}).
 */
@ProcessingGroup(HouseholdHistoryProjection.PROCESSING_GROUP)
@AllowReplay
public class HouseholdHistoryProjection {

    /** 2: benefits and review-period exceptions are part of a household's history. */
    public static final int READ_MODEL_VERSION = 2;

    public static final String PROCESSING_GROUP = "household-history";

    private final MongoCollection<Document> collection;
    private final BatchedDocumentWriter<HouseholdHistoryDocument> writer;

    public HouseholdHistoryProjection(MongoDatabase database) {
        this.collection = database.getCollection(HouseholdHistoryDocument.COLLECTION);
        this.writer = new BatchedDocumentWriter<>(collection, HouseholdHistoryDocument.CODEC,
                HouseholdEvent::householdIdOf, position -> { });
    }

    @EventHandler
    public void on(HouseholdRegisteredEvent event, TrackingToken token, @MessageIdentifier String eventId,
                   @Timestamp Instant recordedAt, MetaData metaData) {
        record(event.householdId().value(), event, new Source(token, eventId, recordedAt, metaData),
                null, null, null, doc -> {
                    PovertyStatus before = doc.status();
                    doc.registered();
                    return new StatusStep(before, doc.status());
                });
    }

    @EventHandler
    public void on(HouseholdDetailsUpdatedEvent event, TrackingToken token, @MessageIdentifier String eventId,
                   @Timestamp Instant recordedAt, MetaData metaData) {
        record(event.householdId().value(), event, new Source(token, eventId, recordedAt, metaData),
                event.effectiveDate(), null, event.reason(), doc -> new StatusStep(doc.status(), doc.status()));
    }

    @EventHandler
    public void on(AssessmentRecordedEvent event, TrackingToken token, @MessageIdentifier String eventId,
                   @Timestamp Instant recordedAt, MetaData metaData) {
        Source source = new Source(token, eventId, recordedAt, metaData);
        record(event.householdId().value(), event, source, event.effectiveDate(), event.decisionRef(), null,
                doc -> {
                    PovertyStatus before = doc.status();
                    PovertyStatus after = doc.assessmentsChanged(
                            HouseholdTimeline.record(doc.assessments(), event, eventId, source.position()));
                    return new StatusStep(before, after);
                });
    }

    @EventHandler
    public void on(AssessmentCorrectedEvent event, TrackingToken token, @MessageIdentifier String eventId,
                   @Timestamp Instant recordedAt, MetaData metaData) {
        Source source = new Source(token, eventId, recordedAt, metaData);
        record(event.householdId().value(), event, source, event.effectiveDate(), event.decisionRef(),
                event.reason(), doc -> {
                    PovertyStatus before = doc.status();
                    PovertyStatus after = doc.assessmentsChanged(
                            HouseholdTimeline.correct(doc.assessments(), event, eventId, source.position()));
                    return new StatusStep(before, after);
                });
    }

    @EventHandler
    public void on(HouseholdStatusChangedEvent event, TrackingToken token, @MessageIdentifier String eventId,
                   @Timestamp Instant recordedAt, MetaData metaData) {
        record(event.householdId().value(), event, new Source(token, eventId, recordedAt, metaData),
                event.effectiveDate(), null, null,
                doc -> new StatusStep(event.previousStatus(), event.newStatus()));
    }

    @EventHandler
    public void on(BenefitRecordedEvent event, TrackingToken token, @MessageIdentifier String eventId,
                   @Timestamp Instant recordedAt, MetaData metaData) {
        record(event.householdId().value(), event, new Source(token, eventId, recordedAt, metaData),
                event.benefitDate(), null, null, doc -> new StatusStep(doc.status(), doc.status()));
    }

    /** An assessment or correction of a frozen review period went through under an exception. */
    @EventHandler
    public void on(PeriodExceptionUsedEvent event, TrackingToken token, @MessageIdentifier String eventId,
                   @Timestamp Instant recordedAt, MetaData metaData) {
        record(event.householdId().value(), event, new Source(token, eventId, recordedAt, metaData),
                null, null, null, doc -> new StatusStep(doc.status(), doc.status()));
    }

    /** Earlier entries' personal fields now read as erased, as their events do on a replay. */
    @EventHandler
    public void on(PersonalDataErasedEvent event, TrackingToken token, @MessageIdentifier String eventId,
                   @Timestamp Instant recordedAt, MetaData metaData) {
        record(event.householdId().value(), event, new Source(token, eventId, recordedAt, metaData),
                null, event.legalBasis(), null, doc -> {
                    doc.erasePersonalData();
                    return new StatusStep(doc.status(), doc.status());
                });
    }

    /** Empties the collection before a replay. */
    @ResetHandler
    public void reset() {
        ReadModelReset.clear(collection);
    }

    private void record(String householdId, Object event, Source source, LocalDate effectiveDate,
                        String legalBasis, String reason, Function<HouseholdHistoryDocument, StatusStep> step) {
        long position = source.position();
        writer.update(householdId, current -> {
            if (current != null && position <= current.position()) {
                return null;
            }
            HouseholdHistoryDocument doc = current != null ? current : HouseholdHistoryDocument.empty(householdId);
            Map<String, Object> payload = EventPayloads.fieldsOf(event);
            MetaData metaData = source.metaData();
            StatusStep status = step.apply(doc);
            doc.append(new HistoryEntry(
                    position,
                    source.eventId(),
                    event.getClass().getSimpleName(),
                    source.recordedAt(),
                    effectiveDate != null ? effectiveDate : dateOrNull(metaData.get(MetadataKeys.EFFECTIVE_DATE)),
                    text(metaData.get(MetadataKeys.ACTOR_ID)),
                    text(metaData.get(MetadataKeys.ACTOR_ROLE)),
                    legalBasis != null ? legalBasis : text(metaData.get(MetadataKeys.LEGAL_BASIS)),
                    reason != null ? reason : text(metaData.get(MetadataKeys.REASON)),
                    text(metaData.get(MetadataKeys.CORRELATION_ID)),
                    status.before(),
                    status.after(),
                    payload));
            return doc;
        });
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static LocalDate dateOrNull(Object value) {
        if (value instanceof LocalDate date) {
            return date;
        }
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.toString());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private record StatusStep(PovertyStatus before, PovertyStatus after) {
    }

    private record Source(TrackingToken token, String eventId, Instant recordedAt, MetaData metaData) {

        Source {
            metaData = metaData == null ? MetaData.emptyInstance() : metaData;
        }

        long position() {
            return TrackedPositions.positionOf(token);
        }
    }
}
