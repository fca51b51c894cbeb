package org.povertyledger.command.audit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.povertyledger.command.web.CommandDispatcher;
import org.povertyledger.shared.audit.command.CompleteRestatementCommand;
import org.povertyledger.shared.audit.command.RecordRestatedAssessmentsCommand;
import org.povertyledger.shared.audit.command.StartRestatementCommand;
import org.povertyledger.shared.audit.event.AssessmentRestatedEvent;
import org.povertyledger.shared.audit.event.RestatementCompletedEvent;
import org.povertyledger.shared.audit.event.RestatementStartedEvent;
import org.povertyledger.shared.audit.value.CommuneRestatement;
import org.povertyledger.shared.audit.value.ReplayScope;
import org.povertyledger.shared.audit.value.RestatedAssessment;
import org.povertyledger.shared.audit.value.RestatementId;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.common.MetadataKeys;
import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.PovertyStatus;
import org.povertyledger.shared.household.value.ReviewYear;
import org.povertyledger.shared.rulebook.Classification;
import org.povertyledger.shared.rulebook.Rulebook;
import org.povertyledger.shared.rulebook.RulebookRegistry;

/**
 * Restates a review year's decisions under a registered rulebook version: reads each assessment's current
 * decision (the assessment or its latest correction) from the ledger, classifies its recorded inputs under the
 * rulebook, and records the results as a restatement's own events, with figures per commune as decided and as
 * restated. The decisions themselves are not touched.
 */
public final class Restatements {

    private final EventStorageEngine engine;
    private final LongSupplier head;
    private final Supplier<RulebookRegistry> rulebooks;
    private final CommandDispatcher dispatcher;

    Restatements(EventStorageEngine engine, LongSupplier head, Supplier<RulebookRegistry> rulebooks,
                 CommandDispatcher dispatcher) {
        this.engine = engine;
        this.head = head;
        this.rulebooks = rulebooks;
        this.dispatcher = dispatcher;
    }

    /** Runs a restatement to its end and answers with its figures. */
    public Map<String, Object> restate(String rulebookId, int version, ReviewYear reviewYear, CommuneCode commune) {
        Rulebook rulebook = rulebooks.get().find(rulebookId, version).orElseThrow(() -> new DomainException(
                ErrorCode.RULEBOOK_NOT_FOUND, "rulebookId", "registered",
                "no rulebook " + rulebookId + " v" + version + " is registered",
                Map.of("rulebookId", rulebookId, "version", version)));
        long to = head.getAsLong();
        Map<String, RecordedDecision> current = new LinkedHashMap<>();
        new LedgerDecisions(engine).scan(new ReplayScope(null, commune, reviewYear, null, null), 1, to,
                decision -> current.put(decision.assessmentId(), decision), position -> { });

        RestatementId id = RestatementId.generate();
        String legalBasis = rulebook.legalBasis();
        String reason = "restatement under " + rulebookId + " v" + version;
        dispatcher.send(new StartRestatementCommand(id, rulebookId, version, reviewYear, commune, to), legalBasis,
                reason, null, "start");
        List<RestatedAssessment> batch = new ArrayList<>();
        Map<String, long[]> communes = new TreeMap<>();
        int batches = 0;
        for (RecordedDecision decision : current.values()) {
            RestatedAssessment restated = restate(decision, rulebook);
            count(communes, restated);
            batch.add(restated);
            if (batch.size() == RecordRestatedAssessmentsCommand.MAX_BATCH) {
                dispatcher.send(new RecordRestatedAssessmentsCommand(id, batch), legalBasis, reason, null,
                        "batch-" + batches++);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            dispatcher.send(new RecordRestatedAssessmentsCommand(id, batch), legalBasis, reason, null,
                    "batch-" + batches);
        }
        List<CommuneRestatement> figures = communes.entrySet().stream().map(e -> new CommuneRestatement(e.getKey(),
                e.getValue()[0], e.getValue()[1], e.getValue()[2], e.getValue()[3], e.getValue()[4],
                e.getValue()[5])).toList();
        dispatcher.send(new CompleteRestatementCommand(id, current.size(), figures), legalBasis, reason, null,
                "complete");
        return view(id.value(), 0, 0);
    }

    private static RestatedAssessment restate(RecordedDecision decision, Rulebook rulebook) {
        try {
            Classification classification = rulebook.classify(decision.inputs());
            return new RestatedAssessment(decision.householdId(), decision.assessmentId(), decision.eventId(),
                    decision.communeCode(), decision.reviewYear(), decision.rulebookId(), decision.rulebookVersion(),
                    decision.status(), classification.status(), classification.deprivationCount(),
                    classification.incomeLine(), null);
        } catch (DomainException refused) {
            return new RestatedAssessment(decision.householdId(), decision.assessmentId(), decision.eventId(),
                    decision.communeCode(), decision.reviewYear(), decision.rulebookId(), decision.rulebookVersion(),
                    decision.status(), null, null, null, refused.getMessage());
        }
    }

    /** Per commune: assessments, poor decided, poor restated, near-poor decided, near-poor restated, changed. */
    private static void count(Map<String, long[]> communes, RestatedAssessment restated) {
        long[] counts = communes.computeIfAbsent(String.valueOf(restated.communeCode()), c -> new long[6]);
        PovertyStatus after = restated.status() == null ? restated.decidedStatus() : restated.status();
        counts[0]++;
        counts[1] += restated.decidedStatus() == PovertyStatus.POOR ? 1 : 0;
        counts[2] += after == PovertyStatus.POOR ? 1 : 0;
        counts[3] += restated.decidedStatus() == PovertyStatus.NEAR_POOR ? 1 : 0;
        counts[4] += after == PovertyStatus.NEAR_POOR ? 1 : 0;
        counts[5] += after != restated.decidedStatus() ? 1 : 0;
    }

    /**
     * A restatement as its stream holds it: what was restated under which rulebook, by whom, the figures per
     * commune as decided and as restated (with the poverty rate both ways), and a page of the restated assessments.
     */
    public Map<String, Object> view(String restatementId, int offset, int limit) {
        RestatementId id = new RestatementId(restatementId);
        DomainEventStream stream = engine.readEvents(id.value(), 0);
        Map<String, Object> view = new LinkedHashMap<>();
        List<RestatedAssessment> page = new ArrayList<>();
        long index = 0;
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            Object payload = message.getPayload();
            if (payload instanceof RestatementStartedEvent started) {
                view.put("restatementId", started.restatementId().value());
                view.put("rulebook", Map.of("id", started.rulebookId(), "version", started.rulebookVersion()));
                view.put("reviewYear", started.reviewYear().value());
                view.put("communeCode", started.communeCode() == null ? null : started.communeCode().value());
                view.put("toPosition", started.toPosition());
                view.put("requestedBy", message.getMetaData().get(MetadataKeys.ACTOR_ID));
                view.put("requestedAt", message.getTimestamp().toString());
                view.put("state", "RUNNING");
            } else if (payload instanceof AssessmentRestatedEvent restated) {
                if (index >= offset && index < (long) offset + limit) {
                    page.add(restated.assessment());
                }
                index++;
            } else if (payload instanceof RestatementCompletedEvent completed) {
                view.put("state", "COMPLETED");
                view.put("assessments", completed.assessments());
                view.put("communes", completed.communes().stream().map(Restatements::figures).toList());
            }
        }
        if (view.isEmpty()) {
            throw new DomainException(ErrorCode.RESTATEMENT_NOT_FOUND, "restatementId", "exists",
                    "no restatement " + restatementId, Map.of("restatementId", restatementId));
        }
        view.put("restated", Map.of("offset", offset, "limit", limit, "total", index, "items", page));
        return view;
    }

    private static Map<String, Object> figures(CommuneRestatement commune) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("communeCode", commune.communeCode());
        figures.put("assessments", commune.assessments());
        figures.put("poor", Map.of("asDecided", commune.poorAsDecided(), "asRestated", commune.poorAsRestated()));
        figures.put("nearPoor", Map.of("asDecided", commune.nearPoorAsDecided(),
                "asRestated", commune.nearPoorAsRestated()));
        figures.put("povertyRate", Map.of("asDecided", rate(commune.poorAsDecided(), commune.assessments()),
                "asRestated", rate(commune.poorAsRestated(), commune.assessments())));
        figures.put("changed", commune.changed());
        return figures;
    }

    private static BigDecimal rate(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 2,
                RoundingMode.HALF_UP);
    }
}
