package org.povertyledger.command.audit;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.povertyledger.shared.audit.value.ReplayScope;
import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.ReviewYear;
import org.povertyledger.shared.review.command.ReviewProcedures;
import org.povertyledger.shared.review.event.ReviewListPostedEvent;
import org.povertyledger.shared.review.event.ReviewRequestedEvent;
import org.povertyledger.shared.review.event.VillageMeetingHeldEvent;

/**
 * Lists a review year's decisions (of one commune or all) with the procedure steps each passed and missed, and the
 * counts per commune, from the ledger: the decisions and each commune's recorded review steps.
 */
public final class ProcedureConformance {

    private final EventStorageEngine engine;
    private final LongSupplier head;
    private final int minimumPostingDays;

    ProcedureConformance(EventStorageEngine engine, LongSupplier head, int minimumPostingDays) {
        this.engine = engine;
        this.head = head;
        this.minimumPostingDays = minimumPostingDays;
    }

    public Map<String, Object> report(CommuneCode unit, ReviewYear year, int offset, int limit) {
        long to = head.getAsLong();
        List<RecordedDecision> decisions = new ArrayList<>();
        new LedgerDecisions(engine).scan(new ReplayScope(null, unit, year, null, null), 1, to, decisions::add,
                position -> { });
        Map<String, ConformanceCheck.Steps> steps = new LinkedHashMap<>();
        Map<String, CommuneCounts> communes = new TreeMap<>();
        List<Map<String, Object>> page = new ArrayList<>();
        for (int i = 0; i < decisions.size(); i++) {
            RecordedDecision decision = decisions.get(i);
            String commune = String.valueOf(decision.communeCode());
            ConformanceCheck.Result result = ConformanceCheck.check(decision,
                    steps.computeIfAbsent(commune, c -> steps(c, year)), minimumPostingDays);
            communes.computeIfAbsent(commune, c -> new CommuneCounts()).add(result);
            if (i >= offset && i < (long) offset + limit) {
                page.add(entry(decision, result));
            }
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("unit", unit == null ? null : unit.value());
        report.put("reviewYear", year.value());
        report.put("position", to);
        report.put("postingMinimumDays", minimumPostingDays);
        report.put("decisions", Map.of("offset", offset, "limit", limit, "total", decisions.size(), "items", page));
        List<Map<String, Object>> perCommune = new ArrayList<>();
        communes.forEach((code, counts) -> perCommune.add(counts.view(code)));
        report.put("communes", perCommune);
        return report;
    }

    private ConformanceCheck.Steps steps(String commune, ReviewYear year) {
        List<VillageMeetingHeldEvent> meetings = new ArrayList<>();
        List<ReviewListPostedEvent> postings = new ArrayList<>();
        List<ReviewRequestedEvent> requests = new ArrayList<>();
        if (!commune.equals("null")) {
            DomainEventStream stream = engine.readEvents(ReviewProcedures.id(new CommuneCode(commune), year), 0);
            while (stream.hasNext()) {
                DomainEventMessage<?> message = stream.next();
                Object payload = message.getPayload();
                if (payload instanceof VillageMeetingHeldEvent meeting) {
                    meetings.add(meeting);
                } else if (payload instanceof ReviewListPostedEvent posting) {
                    postings.add(posting);
                } else if (payload instanceof ReviewRequestedEvent request) {
                    requests.add(request);
                }
            }
        }
        return new ConformanceCheck.Steps(meetings, postings, requests);
    }

    private static Map<String, Object> entry(RecordedDecision decision, ConformanceCheck.Result result) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("position", decision.position());
        entry.put("eventId", decision.eventId());
        entry.put("kind", decision.kind().name());
        entry.put("householdId", decision.householdId());
        entry.put("communeCode", decision.communeCode());
        entry.put("village", decision.village());
        entry.put("reviewKind", decision.reviewKind() == null ? null : decision.reviewKind().name());
        entry.put("surveyDate", decision.surveyDate() == null ? null : decision.surveyDate().toString());
        entry.put("effectiveDate", decision.effectiveDate() == null ? null : decision.effectiveDate().toString());
        entry.put("decisionRef", decision.decisionRef());
        entry.put("passed", result.passed());
        entry.put("missed", result.missed().stream().map(m -> Map.of("step", m.miss().name(), "detail", m.detail()))
                .toList());
        return entry;
    }

    /** A commune's decisions, how many passed every step, and how often each step was missed. */
    private static final class CommuneCounts {
        private long decisions;
        private long conforming;
        private final Map<ConformanceCheck.Miss, Long> missed = new EnumMap<>(ConformanceCheck.Miss.class);

        void add(ConformanceCheck.Result result) {
            decisions++;
            conforming += result.missed().isEmpty() ? 1 : 0;
            result.missed().forEach(m -> missed.merge(m.miss(), 1L, Long::sum));
        }

        Map<String, Object> view(String code) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("communeCode", code.equals("null") ? null : code);
            view.put("decisions", decisions);
            view.put("conforming", conforming);
            Map<String, Long> byStep = new LinkedHashMap<>();
            for (ConformanceCheck.Miss miss : ConformanceCheck.Miss.values()) {
                byStep.put(miss.name(), missed.getOrDefault(miss, 0L));
            }
            view.put("missed", byStep);
            return view;
        }
    }
}
