package org.povertyledger.query.programme;

import static org.povertyledger.query.programme.ReadModelSupport.documents;
import static org.povertyledger.query.programme.ReadModelSupport.positionOf;

import java.time.Instant;
import java.util.List;

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
import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.programme.event.OutputPlannedEvent;
import org.povertyledger.shared.programme.event.OutputRecordedEvent;
import org.povertyledger.shared.programme.value.ProgrammeCode;
import org.povertyledger.shared.programme.value.SubProjectCode;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.povertyledger.query.support.ReadModelReset;

/**
 * Keeps collection {@value #COLLECTION}: one document per sub-project with every output plan (later plans for the
 * same key replace earlier ones from their effective date, see {@link OutputsAgainstPlanCalculator}) and every
 * output record. Quantities are stored as decimal text.
 *
 * <pre>
 * { _id: "programmeCode|subProjectCode", programmeCode, projectCode, subProjectCode,
 *   plans:   [ { outputCode, year, communeCode|null, quantity, unit, effectiveDate, decisionRef, position } ],
 *   outputs: [ { outputId, outputCode, quantity, unit, periodFrom, periodTo, communeCode, beneficiaries,
 *                allocationId, position, recordedAt } ],
 *   position }
 * </pre>
 *
 * Idempotent by position: an event at or below the document's position is skipped.
 */
@ProcessingGroup(ProgrammeOutputsProjection.PROCESSING_GROUP)
@AllowReplay
public class ProgrammeOutputsProjection {

    public static final String PROCESSING_GROUP = "programme-outputs";
    public static final String COLLECTION = "programme_outputs";

    private final MongoCollection<Document> collection;
    private final ProjectionPositions positions;
    private final BatchedDocumentWriter<Document> writer;

    public ProgrammeOutputsProjection(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
        this.positions = new ProjectionPositions(database);
        this.writer = new BatchedDocumentWriter<>(collection, ReadModelSupport.DOCUMENTS,
                ProgrammeOutputsProjection::documentOf, position -> positions.advance(PROCESSING_GROUP, position));
    }

    /** The id of the document of a sub-project. */
    public static String documentId(String programmeCode, String subProjectCode) {
        return programmeCode + "|" + subProjectCode;
    }

    static String documentOf(Object payload) {
        if (payload instanceof OutputPlannedEvent e) {
            return documentId(e.programmeCode(), e.subProjectCode());
        }
        if (payload instanceof OutputRecordedEvent e) {
            return documentId(e.programmeCode(), e.subProjectCode());
        }
        return null;
    }

    private static String documentId(ProgrammeCode programme, SubProjectCode subProject) {
        return documentId(programme.value(), subProject.value());
    }

    @EventHandler
    public void on(OutputPlannedEvent event, TrackingToken token) {
        long position = positionOf(token);
        Document plan = new Document("outputCode", event.outputCode().name())
                .append("year", event.year())
                .append("communeCode", event.communeCode() == null ? null : event.communeCode().value())
                .append("quantity", event.quantity().toPlainString())
                .append("unit", event.unit())
                .append("effectiveDate", event.effectiveDate().toString())
                .append("decisionRef", event.decisionRef())
                .append("position", position);
        apply(event.programmeCode(), event.projectCode().value(), event.subProjectCode(), position, "plans", plan);
    }

    @EventHandler
    public void on(OutputRecordedEvent event, TrackingToken token, @MessageIdentifier String eventId,
                   @Timestamp Instant recordedAt) {
        long position = positionOf(token);
        Document output = new Document("outputId", eventId)
                .append("outputCode", event.outputCode().name())
                .append("quantity", event.quantity().toPlainString())
                .append("unit", event.unit())
                .append("periodFrom", event.periodFrom().toString())
                .append("periodTo", event.periodTo().toString())
                .append("communeCode", event.communeCode().value())
                .append("beneficiaries", event.beneficiaries().stream().map(HouseholdId::value).toList())
                .append("allocationId", event.allocationId() == null ? null : event.allocationId().value())
                .append("position", position)
                .append("recordedAt", recordedAt == null ? null : recordedAt.toString());
        apply(event.programmeCode(), event.projectCode().value(), event.subProjectCode(), position, "outputs",
                output);
    }

    @ResetHandler
    public void reset() {
        ReadModelReset.clear(collection);
        positions.clear(PROCESSING_GROUP);
    }

    private void apply(ProgrammeCode programme, String projectCode, SubProjectCode subProject, long position,
                       String list, Document element) {
        String id = documentId(programme, subProject);
        writer.update(id, current -> {
            Document doc = current;
            if (doc == null) {
                doc = new Document("_id", id)
                        .append("programmeCode", programme.value())
                        .append("projectCode", projectCode)
                        .append("subProjectCode", subProject.value())
                        .append("plans", List.of())
                        .append("outputs", List.of())
                        .append("position", -1L);
            } else if (position <= ReadModelSupport.longOf(doc, "position")) {
                return null;
            }
            List<Document> elements = documents(doc, list);
            elements.add(element);
            doc.put(list, elements);
            doc.put("position", position);
            return doc;
        });
    }
}
