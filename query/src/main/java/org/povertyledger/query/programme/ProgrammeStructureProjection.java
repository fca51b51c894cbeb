package org.povertyledger.query.programme;

import static org.povertyledger.query.programme.ReadModelSupport.documents;
import static org.povertyledger.query.programme.ReadModelSupport.positionOf;

import java.util.List;
import java.util.function.Consumer;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AllowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;
import org.povertyledger.query.support.BatchedDocumentWriter;
import org.povertyledger.query.support.ProjectionPositions;
import org.povertyledger.shared.programme.event.ManagingAgencyReassignedEvent;
import org.povertyledger.shared.programme.event.ProgrammeRegisteredEvent;
import org.povertyledger.shared.programme.event.ProjectRegisteredEvent;
import org.povertyledger.shared.programme.event.SubProjectRegisteredEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.povertyledger.query.support.ReadModelReset;

/**
 * Keeps collection {@value #COLLECTION}: one document per programme with its projects, sub-projects and every agency
 * term of each sub-project (the as-of reading picks the term in effect).
 *
 * <pre>
 * { _id: programmeCode, name, firstYear, lastYear, legalBasis, effectiveDate,
 *   projects:    [ { projectCode, name } ],
 *   subProjects: [ { subProjectCode, projectCode, name,
 *                    terms: [ { from, managingAgency, decisionRef, position } ] } ],
 *   position }
 * </pre>
 *
 * Idempotent by position: an event at or below the document's position is skipped.
 */
@ProcessingGroup(ProgrammeStructureProjection.PROCESSING_GROUP)
@AllowReplay
public class ProgrammeStructureProjection {

    public static final String PROCESSING_GROUP = "programme-structure";
    public static final String COLLECTION = "programme_structure";

    private static final Logger LOG = LoggerFactory.getLogger(ProgrammeStructureProjection.class);

    private final MongoCollection<Document> collection;
    private final ProjectionPositions positions;
    private final BatchedDocumentWriter<Document> writer;

    public ProgrammeStructureProjection(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
        this.positions = new ProjectionPositions(database);
        this.writer = new BatchedDocumentWriter<>(collection, ReadModelSupport.DOCUMENTS,
                ProgrammeStructureProjection::programmeOf, position -> positions.advance(PROCESSING_GROUP, position));
    }

    static String programmeOf(Object payload) {
        if (payload instanceof ProgrammeRegisteredEvent e) {
            return e.programmeCode().value();
        }
        if (payload instanceof ProjectRegisteredEvent e) {
            return e.programmeCode().value();
        }
        if (payload instanceof SubProjectRegisteredEvent e) {
            return e.programmeCode().value();
        }
        if (payload instanceof ManagingAgencyReassignedEvent e) {
            return e.programmeCode().value();
        }
        return null;
    }

    @EventHandler
    public void on(ProgrammeRegisteredEvent event, TrackingToken token) {
        long position = positionOf(token);
        writer.update(event.programmeCode().value(), current -> {
            if (current != null) {
                return null;
            }
            return new Document("_id", event.programmeCode().value())
                    .append("name", event.name())
                    .append("firstYear", event.firstYear())
                    .append("lastYear", event.lastYear())
                    .append("legalBasis", event.legalBasis())
                    .append("effectiveDate", event.effectiveDate().toString())
                    .append("projects", List.of())
                    .append("subProjects", List.of())
                    .append("position", position);
        });
    }

    @EventHandler
    public void on(ProjectRegisteredEvent event, TrackingToken token) {
        apply(event.programmeCode().value(), positionOf(token), doc -> {
            List<Document> projects = documents(doc, "projects");
            projects.add(new Document("projectCode", event.projectCode().value()).append("name", event.name()));
            doc.put("projects", projects);
        });
    }

    @EventHandler
    public void on(SubProjectRegisteredEvent event, TrackingToken token) {
        long position = positionOf(token);
        apply(event.programmeCode().value(), position, doc -> {
            List<Document> subProjects = documents(doc, "subProjects");
            subProjects.add(new Document("subProjectCode", event.subProjectCode().value())
                    .append("projectCode", event.projectCode().value())
                    .append("name", event.name())
                    .append("terms", List.of(term(event.effectiveDate().toString(), event.managingAgency(), null,
                            position))));
            doc.put("subProjects", subProjects);
        });
    }

    @EventHandler
    public void on(ManagingAgencyReassignedEvent event, TrackingToken token) {
        long position = positionOf(token);
        apply(event.programmeCode().value(), position, doc -> {
            for (Document subProject : documents(doc, "subProjects")) {
                if (subProject.getString("subProjectCode").equals(event.subProjectCode().value())) {
                    List<Document> terms = documents(subProject, "terms");
                    terms.add(term(event.effectiveDate().toString(), event.managingAgency(), event.decisionRef(),
                            position));
                    subProject.put("terms", terms);
                }
            }
        });
    }

    @ResetHandler
    public void reset() {
        ReadModelReset.clear(collection);
        positions.clear(PROCESSING_GROUP);
    }

    private static Document term(String from, String agency, String decisionRef, long position) {
        return new Document("from", from).append("managingAgency", agency).append("decisionRef", decisionRef)
                .append("position", position);
    }

    private void apply(String programmeCode, long position, Consumer<Document> change) {
        writer.update(programmeCode, current -> {
            if (current == null) {
                LOG.warn("Programme {} has no structure document; event at position {} skipped", programmeCode,
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
