package org.povertyledger.query.benefit;

import static org.povertyledger.query.programme.ReadModelSupport.documents;
import static org.povertyledger.query.programme.ReadModelSupport.positionOf;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AllowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.bson.Document;
import org.povertyledger.query.programme.ReadModelSupport;
import org.povertyledger.query.support.BatchedDocumentWriter;
import org.povertyledger.query.support.ProjectionPositions;
import org.povertyledger.shared.benefit.event.BenefitRecordedEvent;
import org.povertyledger.shared.household.event.AssessmentCorrectedEvent;
import org.povertyledger.shared.household.event.AssessmentRecordedEvent;
import org.povertyledger.shared.household.event.HouseholdDetailsUpdatedEvent;
import org.povertyledger.shared.household.event.HouseholdEvent;
import org.povertyledger.shared.household.event.PersonalDataErasedEvent;
import org.povertyledger.shared.household.event.PersonalFields;
import org.povertyledger.shared.household.event.HouseholdRegisteredEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.povertyledger.query.support.ReadModelReset;

/**
 * Keeps collection {@value #COLLECTION}: per household, where it lived when, its assessments' outcomes and its
 * benefits, so that coverage can be computed for any year and valid date.
 *
 * <pre>
 * { _id: householdId,
 *   communes:    [ { effectiveDate|null, communeCode, position } ],
 *   assessments: [ { assessmentId, effectiveDate, status, recordedPosition, position } ],
 *   benefits:    [ { benefitId, kind, benefitDate, coverageYear, amount, lender, course, completed, housingKind,
 *                    destination, description, programmeCode, subProjectCode, allocationId, statusOnDate,
 *                    targetGroup, eligibilityRule, position, recordedAt } ],
 *   position }
 * </pre>
 *
 * A correction replaces its assessment's outcome and effective date and keeps its recording position, the order
 * the household aggregate ranks assessments by. Idempotent by position.
 */
@ProcessingGroup(BenefitCoverageProjection.PROCESSING_GROUP)
@AllowReplay
public class BenefitCoverageProjection {

    public static final String PROCESSING_GROUP = "benefit-coverage";
    public static final String COLLECTION = "household_benefits";

    private static final Logger LOG = LoggerFactory.getLogger(BenefitCoverageProjection.class);

    private final MongoCollection<Document> collection;
    private final ProjectionPositions positions;
    private final BatchedDocumentWriter<Document> writer;

    public BenefitCoverageProjection(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
        this.positions = new ProjectionPositions(database);
        this.writer = new BatchedDocumentWriter<>(collection, ReadModelSupport.DOCUMENTS,
                HouseholdEvent::householdIdOf, position -> positions.advance(PROCESSING_GROUP, position));
    }

    @EventHandler
    public void on(HouseholdRegisteredEvent event, TrackingToken token) {
        long position = positionOf(token);
        String id = event.householdId().value();
        writer.update(id, current -> current != null ? null : new Document("_id", id)
                .append("communes", List.of(new Document("effectiveDate", null)
                        .append("communeCode", event.communeCode().value()).append("position", position)))
                .append("assessments", List.of())
                .append("benefits", List.of())
                .append("position", position));
    }

    @EventHandler
    public void on(HouseholdDetailsUpdatedEvent event, TrackingToken token) {
        long position = positionOf(token);
        apply(event.householdId().value(), position, doc -> add(doc, "communes",
                new Document("effectiveDate", event.effectiveDate().toString())
                        .append("communeCode", event.communeCode().value()).append("position", position)));
    }

    @EventHandler
    public void on(AssessmentRecordedEvent event, TrackingToken token, @MessageIdentifier String eventId) {
        long position = positionOf(token);
        apply(event.householdId().value(), position, doc -> add(doc, "assessments",
                new Document("assessmentId", eventId)
                        .append("effectiveDate", event.effectiveDate().toString())
                        .append("status", event.status().name())
                        .append("recordedPosition", position)
                        .append("position", position)));
    }

    @EventHandler
    public void on(AssessmentCorrectedEvent event, TrackingToken token) {
        long position = positionOf(token);
        apply(event.householdId().value(), position, doc -> {
            List<Document> assessments = documents(doc, "assessments");
            long recordedPosition = position;
            for (int i = 0; i < assessments.size(); i++) {
                if (assessments.get(i).getString("assessmentId").equals(event.assessmentId())) {
                    recordedPosition = ReadModelSupport.longOf(assessments.remove(i), "recordedPosition");
                    break;
                }
            }
            assessments.add(new Document("assessmentId", event.assessmentId())
                    .append("effectiveDate", event.effectiveDate().toString())
                    .append("status", event.status().name())
                    .append("recordedPosition", recordedPosition)
                    .append("position", position));
            doc.put("assessments", assessments);
        });
    }

    @EventHandler
    public void on(BenefitRecordedEvent event, TrackingToken token, @MessageIdentifier String eventId,
                   @Timestamp Instant recordedAt) {
        long position = positionOf(token);
        apply(event.householdId().value(), position, doc -> add(doc, "benefits", new Document("benefitId", eventId)
                .append("kind", event.kind().name())
                .append("benefitDate", event.benefitDate().toString())
                .append("coverageYear", event.coverageYear())
                .append("amount", event.amount() == null ? null : event.amount().value())
                .append("lender", event.lender())
                .append("course", event.course())
                .append("completed", event.completed())
                .append("housingKind", event.housingKind() == null ? null : event.housingKind().name())
                .append("destination", event.destination())
                .append("description", event.description())
                .append("programmeCode", event.programmeCode() == null ? null : event.programmeCode().value())
                .append("subProjectCode", event.subProjectCode() == null ? null : event.subProjectCode().value())
                .append("allocationId", event.allocationId() == null ? null : event.allocationId().value())
                .append("statusOnDate", event.statusOnDate().name())
                .append("targetGroup", event.targetGroup().name())
                .append("eligibilityRule", event.eligibilityRule())
                .append("position", position)
                .append("recordedAt", recordedAt == null ? null : recordedAt.toString())));
    }

    /** Benefit descriptions are free text that can name a person; a replay reads them as erased too. */
    @EventHandler
    public void on(PersonalDataErasedEvent event, TrackingToken token) {
        apply(event.householdId().value(), positionOf(token), doc -> {
            List<Document> benefits = documents(doc, "benefits");
            benefits.forEach(benefit -> {
                if (benefit.get("description") != null) {
                    benefit.put("description", PersonalFields.ERASED);
                }
            });
            doc.put("benefits", benefits);
        });
    }

    @ResetHandler
    public void reset() {
        ReadModelReset.clear(collection);
        positions.clear(PROCESSING_GROUP);
    }

    private static void add(Document doc, String list, Document element) {
        List<Document> elements = documents(doc, list);
        elements.add(element);
        doc.put(list, elements);
    }

    private void apply(String householdId, long position, Consumer<Document> change) {
        writer.update(householdId, current -> {
            if (current == null) {
                LOG.warn("Household {} has no benefit document; event at position {} skipped", householdId,
                        position);
                return null;
            }
            if (position <= ReadModelSupport.longOf(current, "position")) {
                return null;
            }
            change.accept(current);
            current.put("position", position);
            return current;
        });
    }
}
