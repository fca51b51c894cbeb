package org.povertyledger.query.programme;

import static org.povertyledger.query.programme.ReadModelSupport.documents;
import static org.povertyledger.query.programme.ReadModelSupport.positionOf;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

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
import org.povertyledger.query.support.ProjectionPositions;
import org.povertyledger.shared.common.MetadataKeys;
import org.povertyledger.shared.programme.event.AllocationAdjustedEvent;
import org.povertyledger.shared.programme.event.AllocationClosedEvent;
import org.povertyledger.shared.programme.event.FundsAllocatedEvent;
import org.povertyledger.shared.programme.event.FundsDisbursedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.povertyledger.query.support.ReadModelReset;

/**
 * Keeps collection {@value #COLLECTION}: one document per allocation with the dimensions of the funding ledger and
 * every change as a dated entry, from which {@link FundingFiguresCalculator} computes the figures on any date.
 *
 * <pre>
 * { _id: allocationId, programmeCode, projectCode, subProjectCode, fiscalYear, source, unitCode, decisionRef,
 *   effectiveDate,
 *   entries: [ { position, eventId, type, date, amount, allocatedAfter, disbursedAfter, decisionRef, purpose, payee,
 *                voucherRef, reason, actorId, actorRole, recordedAt } ],
 *   position }
 * </pre>
 *
 * Idempotent by position: an event at or below the document's position is skipped.
 */
@ProcessingGroup(FundingLedgerProjection.PROCESSING_GROUP)
@AllowReplay
public class FundingLedgerProjection {

    public static final String PROCESSING_GROUP = "funding-ledger";
    public static final String COLLECTION = "funding_allocations";

    private static final Logger LOG = LoggerFactory.getLogger(FundingLedgerProjection.class);

    private final MongoCollection<Document> collection;
    private final ProjectionPositions positions;
    private final BatchedDocumentWriter<Document> writer;

    public FundingLedgerProjection(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
        this.positions = new ProjectionPositions(database);
        this.writer = new BatchedDocumentWriter<>(collection, ReadModelSupport.DOCUMENTS,
                FundingLedgerProjection::allocationOf, position -> positions.advance(PROCESSING_GROUP, position));
    }

    static String allocationOf(Object payload) {
        if (payload instanceof FundsAllocatedEvent e) {
            return e.allocationId().value();
        }
        if (payload instanceof FundsDisbursedEvent e) {
            return e.allocationId().value();
        }
        if (payload instanceof AllocationAdjustedEvent e) {
            return e.allocationId().value();
        }
        if (payload instanceof AllocationClosedEvent e) {
            return e.allocationId().value();
        }
        return null;
    }

    @EventHandler
    public void on(FundsAllocatedEvent event, TrackingToken token, @MessageIdentifier String eventId,
                   @Timestamp Instant recordedAt, MetaData metaData) {
        long position = positionOf(token);
        writer.update(event.allocationId().value(), current -> {
            if (current != null) {
                return null;
            }
            Document entry = entry(position, eventId, "ALLOCATED", event.effectiveDate(), event.amount().value(),
                    event.amount().value(), 0, recordedAt, metaData).append("decisionRef", event.decisionRef());
            return new Document("_id", event.allocationId().value())
                    .append("programmeCode", event.programmeCode().value())
                    .append("projectCode", event.projectCode().value())
                    .append("subProjectCode", event.subProjectCode().value())
                    .append("fiscalYear", event.fiscalYear().value())
                    .append("source", event.source().name())
                    .append("unitCode", event.recipientUnit().value())
                    .append("decisionRef", event.decisionRef())
                    .append("effectiveDate", event.effectiveDate().toString())
                    .append("entries", List.of(entry))
                    .append("position", position);
        });
    }

    @EventHandler
    public void on(FundsDisbursedEvent event, TrackingToken token, @MessageIdentifier String eventId,
                   @Timestamp Instant recordedAt, MetaData metaData) {
        long position = positionOf(token);
        append(event.allocationId().value(), position, entry(position, eventId, "DISBURSED",
                event.disbursementDate(), event.amount().value(), event.allocated().value(),
                event.disbursedAfter().value(), recordedAt, metaData)
                .append("purpose", event.purpose())
                .append("payee", event.payee())
                .append("voucherRef", event.voucherRef()));
    }

    @EventHandler
    public void on(AllocationAdjustedEvent event, TrackingToken token, @MessageIdentifier String eventId,
                   @Timestamp Instant recordedAt, MetaData metaData) {
        long position = positionOf(token);
        String id = event.allocationId().value();
        writer.update(id, current -> {
            if (skip(id, current, position)) {
                return null;
            }
            long disbursed = ReadModelSupport.longOf(lastEntry(current), "disbursedAfter");
            return appended(current, position, entry(position, eventId, "ADJUSTED", event.effectiveDate(),
                    event.direction().signed(event.amount().value()), event.allocatedAfter().value(), disbursed,
                    recordedAt, metaData)
                    .append("decisionRef", event.decisionRef())
                    .append("reason", event.reason()));
        });
    }

    @EventHandler
    public void on(AllocationClosedEvent event, TrackingToken token, @MessageIdentifier String eventId,
                   @Timestamp Instant recordedAt, MetaData metaData) {
        long position = positionOf(token);
        append(event.allocationId().value(), position, entry(position, eventId, "CLOSED", event.closingDate(),
                event.unspent().value(), event.allocated().value(), event.disbursed().value(), recordedAt, metaData)
                .append("decisionRef", event.decisionRef())
                .append("reason", event.reason()));
    }

    @ResetHandler
    public void reset() {
        ReadModelReset.clear(collection);
        positions.clear(PROCESSING_GROUP);
    }

    private void append(String id, long position, Document entry) {
        writer.update(id, current -> skip(id, current, position) ? null : appended(current, position, entry));
    }

    private static boolean skip(String id, Document current, long position) {
        if (current == null) {
            LOG.warn("Allocation {} has no ledger document; event at position {} skipped", id, position);
            return true;
        }
        return position <= ReadModelSupport.longOf(current, "position");
    }

    private static Document appended(Document current, long position, Document entry) {
        List<Document> entries = documents(current, "entries");
        entries.add(entry);
        current.put("entries", entries);
        current.put("position", position);
        return current;
    }

    private static Document lastEntry(Document current) {
        List<Document> entries = documents(current, "entries");
        return entries.get(entries.size() - 1);
    }

    private static Document entry(long position, String eventId, String type, LocalDate date, long amount,
                                  long allocatedAfter, long disbursedAfter, Instant recordedAt, MetaData metaData) {
        return new Document("position", position)
                .append("eventId", eventId)
                .append("type", type)
                .append("date", date.toString())
                .append("amount", amount)
                .append("allocatedAfter", allocatedAfter)
                .append("disbursedAfter", disbursedAfter)
                .append("actorId", text(metaData, MetadataKeys.ACTOR_ID))
                .append("actorRole", text(metaData, MetadataKeys.ACTOR_ROLE))
                .append("recordedAt", recordedAt == null ? null : recordedAt.toString());
    }

    private static String text(MetaData metaData, String key) {
        Object value = metaData == null ? null : metaData.get(key);
        return value == null ? null : value.toString();
    }
}
