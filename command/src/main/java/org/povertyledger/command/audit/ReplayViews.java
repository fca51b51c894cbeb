package org.povertyledger.command.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.bson.Document;
import org.povertyledger.shared.rulebook.Classification;

/** The documents and answers of a replay: its progress as clients see it, and one stored verdict. */
final class ReplayViews {

    private ReplayViews() {
    }

    /**
     * A replay's progress. The number of decisions in a range is only known once it is read, so the percentage
     * is of the log positions read; {@code decisionsTotal} is given once the replay has completed. A running
     * replay whose node has not reported for {@code stalledAfter} is shown as STALLED (the node stopped).
     */
    static Map<String, Object> progress(Document replay, Duration stalledAfter) {
        String state = replay.getString("state");
        Date heartbeat = replay.getDate("heartbeatAt");
        Date since = heartbeat != null ? heartbeat : replay.getDate("requestedAt");
        if ("RUNNING".equals(state) && since != null
                && since.toInstant().plus(stalledAfter).isBefore(Instant.now())) {
            state = "STALLED";
        }
        long from = replay.get("fromPosition", Number.class).longValue();
        long to = replay.get("toPosition", Number.class).longValue();
        long scanned = replay.get("scannedTo", Number.class).longValue();
        long positions = to - from + 1;
        double percent = positions <= 0 || "COMPLETED".equals(state) ? 100.0
                : Math.min(100.0, Math.floor((scanned - from + 1) * 1000.0 / positions) / 10.0);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("replayId", replay.getString("_id"));
        view.put("state", state);
        view.put("requestedBy", replay.getString("requestedBy"));
        view.put("requestedAt", replay.getDate("requestedAt").toInstant().toString());
        view.put("scope", replay.get("scope", Document.class));
        view.put("fromPosition", from);
        view.put("toPosition", to);
        view.put("scannedTo", scanned);
        view.put("percent", percent);
        long done = number(replay, "decisionsDone");
        view.put("decisionsDone", done);
        view.put("decisionsTotal", "COMPLETED".equals(state) ? done : null);
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("AGREES", number(replay, "agrees"));
        counts.put("DIVERGES", number(replay, "diverges"));
        counts.put("UNKNOWN_RULEBOOK", number(replay, "unknownRulebook"));
        view.put("counts", counts);
        view.put("startedPosition", replay.get("startedPosition"));
        view.put("completedPosition", replay.get("completedPosition"));
        view.put("resultsDigest", replay.getString("resultsDigest"));
        view.put("elapsedMs", replay.get("elapsedMs"));
        view.put("decisionsPerSecond", replay.get("decisionsPerSecond"));
        if (replay.getString("error") != null) {
            view.put("error", replay.getString("error"));
        }
        return view;
    }

    private static long number(Document document, String field) {
        Number value = document.get(field, Number.class);
        return value == null ? 0 : value.longValue();
    }

    /** The stored verdict on one decision: what was recorded, what the re-run gives, and how they differ. */
    static Document result(String replayId, RecordedDecision decision, DecisionCheck.Verdict verdict) {
        Document inputs = new Document("area", name(decision.area()))
                .append("incomePerCapitaMonthly", decision.income())
                .append("livelihood", name(decision.livelihood()))
                .append("deprivations", decision.deprivations() == null ? List.of()
                        : new ArrayList<>(decision.deprivations()));
        Classification replayed = verdict.replayed();
        List<Document> differences = verdict.differences().stream().map(d -> new Document("criterion",
                d.criterion().name())
                .append("recorded", plain(d.recorded()))
                .append("replayed", plain(d.replayed()))
                .append("rule", d.rule() == null ? null : d.rule().name())
                .append("detail", d.detail())).collect(Collectors.toList());
        return new Document("replayId", replayId)
                .append("position", decision.position())
                .append("eventId", decision.eventId())
                .append("kind", decision.kind().name())
                .append("householdId", decision.householdId())
                .append("communeCode", decision.communeCode())
                .append("assessmentId", decision.assessmentId())
                .append("reviewYear", decision.reviewYear())
                .append("reviewKind", name(decision.reviewKind()))
                .append("decidedBy", decision.actorId())
                .append("recordedAt", decision.recordedAt() == null ? null : decision.recordedAt().toString())
                .append("decisionRef", decision.decisionRef())
                .append("effectiveDate", decision.effectiveDate() == null ? null : decision.effectiveDate().toString())
                .append("rulebook", new Document("id", decision.rulebookId()).append("version", decision.rulebookVersion()))
                .append("inputs", inputs)
                .append("recorded", new Document("status", name(decision.status()))
                        .append("deprivationCount", decision.deprivationCount()))
                .append("replayed", replayed == null ? null : new Document("status", replayed.status().name())
                        .append("deprivationCount", replayed.deprivationCount())
                        .append("incomeLine", replayed.incomeLine()))
                .append("outcome", verdict.outcome().name())
                .append("differences", differences);
    }

    /** The verdict's digest line: enough to show that a stored result list is the one the replay found. */
    static String digestLine(RecordedDecision decision, DecisionCheck.Verdict verdict) {
        Classification replayed = verdict.replayed();
        return decision.position() + "|" + decision.eventId() + "|" + verdict.outcome() + "|"
                + (replayed == null ? "-" : replayed.status() + "|" + replayed.deprivationCount()) + "|"
                + verdict.differences().stream().map(d -> d.criterion().name()).collect(Collectors.joining(","))
                + "\n";
    }

    private static Object plain(Object value) {
        return value instanceof Enum<?> e ? e.name() : value;
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
