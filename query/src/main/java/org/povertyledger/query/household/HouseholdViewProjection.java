package org.povertyledger.query.household;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AllowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.bson.Document;
import org.povertyledger.query.support.BatchedDocumentWriter;
import org.povertyledger.query.support.ProjectionPositions;
import org.povertyledger.shared.household.event.AssessmentCorrectedEvent;
import org.povertyledger.shared.household.event.AssessmentRecordedEvent;
import org.povertyledger.shared.household.event.HouseholdDetailsUpdatedEvent;
import org.povertyledger.shared.household.event.HouseholdEvent;
import org.povertyledger.shared.household.event.PersonalDataErasedEvent;
import org.povertyledger.shared.household.event.HouseholdRegisteredEvent;
import org.povertyledger.shared.household.event.HouseholdStatusChangedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.povertyledger.query.support.ReadModelReset;

/**
 * Keeps collection {@value HouseholdViewDocument#COLLECTION}: one document per household with its
 * current fields and the timelines as-of queries need (see {@link HouseholdViewDocument}).
 *
 * <p>Idempotent by position: an event at or below a document's {@code position} is skipped, so
 * redelivery after a crash, or a replay over a kept collection, changes nothing. Documents are loaded and
 * written once per processing batch through a {@link BatchedDocumentWriter}.
 *
 * <p>The current status is derived from the assessments by the valid-time rule of
 * {@link HouseholdTimeline}; {@link HouseholdStatusChangedEvent} is checked against it (a disagreement is
 * logged: it means the command side ranks assessments differently) and gives the transitions the list filters
 * on, the latest of each review year.
 */
@ProcessingGroup(HouseholdViewProjection.PROCESSING_GROUP)
@AllowReplay
public class HouseholdViewProjection {

    public static final String PROCESSING_GROUP = "household-view";
    /**
     * The version of the documents kept ({@link org.povertyledger.query.support.ReadModelVersion}): 2 added the
     * transitions (none recorded: the documents from before versions were kept).
     */
    public static final int READ_MODEL_VERSION = 2;

    private static final Logger LOG = LoggerFactory.getLogger(HouseholdViewProjection.class);

    private final MongoCollection<Document> collection;
    private final ProjectionPositions positions;
    private final BatchedDocumentWriter<HouseholdViewDocument> writer;

    public HouseholdViewProjection(MongoDatabase database) {
        this.collection = database.getCollection(HouseholdViewDocument.COLLECTION);
        this.positions = new ProjectionPositions(database);
        this.writer = new BatchedDocumentWriter<>(collection, HouseholdViewDocument.CODEC,
                HouseholdEvent::householdIdOf, position -> positions.advance(PROCESSING_GROUP, position));
    }

    @EventHandler
    public void on(HouseholdRegisteredEvent event, TrackingToken token, @Timestamp Instant recordedAt) {
        long position = TrackedPositions.positionOf(token);
        String householdId = event.householdId().value();
        writer.update(householdId, current -> {
            if (current != null) {
                if (current.position() < position) {
                    LOG.warn("Ignoring second registration of household {} at position {} (registered at or "
                            + "before {})", householdId, position, current.position());
                }
                return null;
            }
            return HouseholdViewDocument.registered(event, position, recordedAt);
        });
    }

    @EventHandler
    public void on(HouseholdDetailsUpdatedEvent event, TrackingToken token, @Timestamp Instant recordedAt) {
        long position = TrackedPositions.positionOf(token);
        apply(event.householdId().value(), position, recordedAt, doc -> doc.detailsUpdated(event, position));
    }

    @EventHandler
    public void on(AssessmentRecordedEvent event, TrackingToken token, @MessageIdentifier String eventId,
                   @Timestamp Instant recordedAt) {
        long position = TrackedPositions.positionOf(token);
        apply(event.householdId().value(), position, recordedAt,
                doc -> doc.assessmentRecorded(event, eventId, position));
    }

    @EventHandler
    public void on(AssessmentCorrectedEvent event, TrackingToken token, @MessageIdentifier String eventId,
                   @Timestamp Instant recordedAt) {
        long position = TrackedPositions.positionOf(token);
        apply(event.householdId().value(), position, recordedAt,
                doc -> doc.assessmentCorrected(event, eventId, position));
    }

    @EventHandler
    public void on(HouseholdStatusChangedEvent event, TrackingToken token, @Timestamp Instant recordedAt) {
        long position = TrackedPositions.positionOf(token);
        apply(event.householdId().value(), position, recordedAt, doc -> {
            doc.statusChanged(event, position);
            if (doc.currentStatus() != event.newStatus()) {
                LOG.warn("Household {}: status change to {} at position {} disagrees with the status {} derived "
                        + "from its assessments", doc.householdId(), event.newStatus(), position,
                        doc.currentStatus());
            }
        });
    }

    @EventHandler
    public void on(PersonalDataErasedEvent event, TrackingToken token, @Timestamp Instant recordedAt) {
        long position = TrackedPositions.positionOf(token);
        apply(event.householdId().value(), position, recordedAt, HouseholdViewDocument::personalDataErased);
    }

    /** Empties the collection before a replay. */
    @ResetHandler
    public void reset() {
        ReadModelReset.clear(collection);
        positions.clear(PROCESSING_GROUP);
    }

    private void apply(String householdId, long position, Instant recordedAt,
                       Consumer<HouseholdViewDocument> change) {
        Objects.requireNonNull(recordedAt, "recordedAt");
        writer.update(householdId, current -> {
            if (current == null) {
                LOG.warn("Household {} has no view document; event at position {} skipped (its registration "
                        + "was never applied)", householdId, position);
                return null;
            }
            if (position <= current.position()) {
                return null;
            }
            change.accept(current);
            current.applied(position, recordedAt);
            return current;
        });
    }
}
