package org.povertyledger.command.audit;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.povertyledger.shared.audit.command.CompleteRestatementCommand;
import org.povertyledger.shared.audit.command.RecordRestatedAssessmentsCommand;
import org.povertyledger.shared.audit.command.StartRestatementCommand;
import org.povertyledger.shared.audit.event.AssessmentRestatedEvent;
import org.povertyledger.shared.audit.event.RestatementCompletedEvent;
import org.povertyledger.shared.audit.event.RestatementStartedEvent;
import org.povertyledger.shared.audit.value.RestatedAssessment;
import org.povertyledger.shared.audit.value.RestatementId;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.ErrorCode;

/**
 * A restatement of recorded decisions under another rulebook version: started once, its restated assessments
 * recorded in batches (each assessment once), completed once with figures covering exactly what it recorded.
 * Its events live in its own stream, so no household's decisions, status or history change.
 */
@Aggregate(cache = "restatementCache")
class Restatement {

    @AggregateIdentifier
    private RestatementId restatementId;
    private String rulebookId;
    private int rulebookVersion;
    private long recorded;
    private boolean completed;
    private final Set<String> assessmentIds = new HashSet<>();

    Restatement() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(StartRestatementCommand command) {
        if (restatementId != null) {
            throw new DomainException(ErrorCode.RESTATEMENT_STATE, "restatementId", "unique",
                    "restatement " + command.restatementId() + " was already started");
        }
        apply(new RestatementStartedEvent(command.restatementId(), command.rulebookId(), command.rulebookVersion(),
                command.reviewYear(), command.communeCode(), command.toPosition()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordRestatedAssessmentsCommand command) {
        requireOpen(command.restatementId());
        Set<String> batch = new HashSet<>();
        for (RestatedAssessment assessment : command.assessments()) {
            if (assessmentIds.contains(assessment.assessmentId()) || !batch.add(assessment.assessmentId())) {
                throw new DomainException(ErrorCode.RESTATEMENT_STATE, "assessments", "each-once",
                        "assessment " + assessment.assessmentId() + " is already restated in " + restatementId,
                        Map.of("assessmentId", assessment.assessmentId()));
            }
        }
        for (RestatedAssessment assessment : command.assessments()) {
            apply(new AssessmentRestatedEvent(restatementId, rulebookId, rulebookVersion, assessment));
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(CompleteRestatementCommand command) {
        requireOpen(command.restatementId());
        long counted = command.communes().stream().mapToLong(c -> c.assessments()).sum();
        if (command.assessments() != recorded || counted != recorded) {
            throw new DomainException(ErrorCode.RESTATEMENT_STATE, "assessments", "all-recorded",
                    "the restatement recorded " + recorded + " assessments, the completion counts "
                            + command.assessments() + " (communes " + counted + ")",
                    Map.of("recorded", recorded));
        }
        apply(new RestatementCompletedEvent(restatementId, recorded, command.communes()));
    }

    private void requireOpen(RestatementId requested) {
        if (restatementId == null) {
            throw new DomainException(ErrorCode.RESTATEMENT_NOT_FOUND, "restatementId", "exists",
                    "no restatement " + requested, Map.of("restatementId", requested.value()));
        }
        if (completed) {
            throw new DomainException(ErrorCode.RESTATEMENT_STATE, "restatementId", "open",
                    "restatement " + restatementId + " is completed");
        }
    }

    @EventSourcingHandler
    void on(RestatementStartedEvent event) {
        restatementId = event.restatementId();
        rulebookId = event.rulebookId();
        rulebookVersion = event.rulebookVersion();
    }

    @EventSourcingHandler
    void on(AssessmentRestatedEvent event) {
        recorded++;
        assessmentIds.add(event.assessment().assessmentId());
    }

    @EventSourcingHandler
    void on(RestatementCompletedEvent event) {
        completed = true;
    }
}
