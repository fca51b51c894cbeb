package org.povertyledger.command.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import com.mongodb.client.model.Updates;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.povertyledger.command.web.CommandDispatcher;
import org.povertyledger.command.web.CommandResult;
import org.povertyledger.shared.audit.command.CompleteDecisionReplayCommand;
import org.povertyledger.shared.audit.command.FailDecisionReplayCommand;
import org.povertyledger.shared.audit.command.StartDecisionReplayCommand;
import org.povertyledger.shared.audit.event.DecisionReplayStartedEvent;
import org.povertyledger.shared.audit.value.ReplayCounts;
import org.povertyledger.shared.audit.value.ReplayId;
import org.povertyledger.shared.audit.value.ReplayOutcome;
import org.povertyledger.shared.audit.value.ReplayScope;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.common.MetadataKeys;
import org.povertyledger.shared.common.ValidationException;
import org.povertyledger.shared.rulebook.RulebookRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Runs decision replays: records the start (who, the scope, the resolved range) in the ledger, re-runs every
 * decision of the range in the background, keeps the verdicts and the progress, and records the end with its
 * counts and a digest of the verdicts. A request waits a short while so that a small scope answers at once.
 */
public final class DecisionReplays {

    private static final Logger log = LoggerFactory.getLogger(DecisionReplays.class);
    private static final int BATCH = 500;
    private static final long PROGRESS_EVERY_MS = 500;

    private final EventStorageEngine engine;
    private final LongSupplier head;
    private final Supplier<RulebookRegistry> rulebooks;
    private final ReplayStore store;
    private final CommandDispatcher dispatcher;
    private final CommandGateway gateway;
    private final ExecutorService executor;
    private final Duration inlineWait;
    private final Duration stalledAfter;
    private final Map<String, CompletableFuture<Void>> running = new ConcurrentHashMap<>();

    DecisionReplays(EventStorageEngine engine, LongSupplier head, Supplier<RulebookRegistry> rulebooks,
                    ReplayStore store, CommandDispatcher dispatcher, CommandGateway gateway, ExecutorService executor,
                    Duration inlineWait, Duration stalledAfter) {
        this.engine = engine;
        this.head = head;
        this.rulebooks = rulebooks;
        this.store = store;
        this.dispatcher = dispatcher;
        this.gateway = gateway;
        this.executor = executor;
        this.inlineWait = inlineWait;
        this.stalledAfter = stalledAfter;
    }

    /** Starts a replay of {@code scope} and returns its state once done or after the inline wait. */
    public Map<String, Object> start(ReplayScope scope) {
        long headPosition = head.getAsLong();
        long from = scope.fromPosition() == null ? 1 : scope.fromPosition();
        long to = scope.toPosition() == null ? headPosition : scope.toPosition();
        if (to > headPosition) {
            throw new ValidationException(ErrorCode.VALIDATION_FAILED, "toPosition", "max:head",
                    "toPosition " + to + " is beyond the ledger head " + headPosition, Map.of("head", headPosition));
        }
        if (from > Math.max(to, 1)) {
            throw new ValidationException(ErrorCode.VALIDATION_FAILED, "fromPosition", "max:head",
                    "fromPosition " + from + " is beyond the end of the range " + to, Map.of("head", headPosition));
        }
        ReplayId replayId = ReplayId.generate();
        CommandResult started = dispatcher.send(new StartDecisionReplayCommand(replayId, scope, from, to),
                null, null, null);
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        Map<String, Object> actor = new LinkedHashMap<>();
        actor.put(MetadataKeys.ACTOR_ID, user == null ? "anonymous" : user.getName());
        actor.put(MetadataKeys.ACTOR_ROLE, user == null ? null : user.getAuthorities().stream()
                .map(a -> a.getAuthority().replaceFirst("^ROLE_", "")).sorted().findFirst().orElse(null));
        Document replay = new Document("_id", replayId.value())
                .append("state", "RUNNING")
                .append("requestedBy", actor.get(MetadataKeys.ACTOR_ID))
                .append("requestedAt", new Date())
                .append("scope", scopeDocument(scope))
                .append("fromPosition", from)
                .append("toPosition", to)
                .append("scannedTo", from - 1)
                .append("decisionsDone", 0L)
                .append("agrees", 0L).append("diverges", 0L).append("unknownRulebook", 0L)
                .append("startedPosition", started.first(DecisionReplayStartedEvent.class).position());
        store.create(replay);
        CompletableFuture<Void> job = CompletableFuture.runAsync(() -> run(replayId, scope, from, to, actor), executor);
        running.put(replayId.value(), job);
        job.whenComplete((ignored, failure) -> running.remove(replayId.value()));
        try {
            job.get(inlineWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillRunning) {
            // answered as RUNNING; the client follows the Location
        } catch (ExecutionException e) {
            log.warn("Replay {} failed", replayId, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return view(replayId.value());
    }

    /** The replay's state and progress. */
    public Map<String, Object> view(String replayId) {
        Document replay = store.replay(replayId).orElseThrow(() -> new DomainException(ErrorCode.REPLAY_NOT_FOUND,
                "replayId", "exists", "no replay " + replayId, Map.of("replayId", replayId)));
        return ReplayViews.progress(replay, stalledAfter);
    }

    /** A page of the replay's verdicts in position order, optionally of one outcome only. */
    public Map<String, Object> results(String replayId, ReplayOutcome outcome, int offset, int limit) {
        Map<String, Object> view = view(replayId);
        List<Document> page = store.results(replayId, outcome, offset, limit);
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("offset", offset);
        results.put("limit", limit);
        results.put("outcome", outcome);
        results.put("items", page);
        view.put("results", results);
        return view;
    }

    /** The most recent replays, newest first. */
    public List<Map<String, Object>> recent(int limit) {
        return store.recent(limit).stream().map(replay -> ReplayViews.progress(replay, stalledAfter)).toList();
    }

    private void run(ReplayId replayId, ReplayScope scope, long from, long to, Map<String, Object> actor) {
        String id = replayId.value();
        long started = System.nanoTime();
        RulebookRegistry registry = rulebooks.get();
        MessageDigest digest = sha256();
        long[] counts = new long[ReplayOutcome.values().length];
        long[] lastScanned = {from - 1};
        long[] lastProgress = {System.currentTimeMillis()};
        List<Document> batch = new ArrayList<>(BATCH);
        try {
            new LedgerDecisions(engine).scan(scope, from, to, decision -> {
                DecisionCheck.Verdict verdict = DecisionCheck.check(decision, registry);
                counts[verdict.outcome().ordinal()]++;
                digest.update(ReplayViews.digestLine(decision, verdict).getBytes(StandardCharsets.UTF_8));
                batch.add(ReplayViews.result(id, decision, verdict));
                if (batch.size() >= BATCH) {
                    store.addResults(batch);
                    batch.clear();
                }
            }, position -> {
                lastScanned[0] = position;
                long now = System.currentTimeMillis();
                if (now - lastProgress[0] >= PROGRESS_EVERY_MS) {
                    lastProgress[0] = now;
                    store.update(id, progress(position, counts, started));
                }
            });
            store.addResults(batch);
            ReplayCounts found = counts(counts);
            String resultsDigest = HexFormat.of().formatHex(digest.digest());
            CommandResult completed = send(new CompleteDecisionReplayCommand(replayId, found, resultsDigest), actor,
                    id + "#complete");
            store.update(id, Updates.combine(progress(to, counts, started), Updates.set("state", "COMPLETED"),
                    Updates.set("resultsDigest", resultsDigest),
                    Updates.set("completedPosition", completed.lastPosition())));
        } catch (RuntimeException e) {
            log.warn("Replay {} stopped at position {}", id, lastScanned[0], e);
            String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            store.update(id, Updates.combine(progress(lastScanned[0], counts, started), Updates.set("state", "FAILED"),
                    Updates.set("error", reason.length() > 500 ? reason.substring(0, 500) : reason)));
            send(new FailDecisionReplayCommand(replayId, lastScanned[0], reason.length() > 500
                    ? reason.substring(0, 500) : reason), actor, id + "#fail");
            throw e;
        }
    }

    private static ReplayCounts counts(long[] counts) {
        long agrees = counts[ReplayOutcome.AGREES.ordinal()];
        long diverges = counts[ReplayOutcome.DIVERGES.ordinal()];
        long unknown = counts[ReplayOutcome.UNKNOWN_RULEBOOK.ordinal()];
        return new ReplayCounts(agrees + diverges + unknown, agrees, diverges, unknown);
    }

    private static org.bson.conversions.Bson progress(long scannedTo, long[] counts, long startedNanos) {
        ReplayCounts current = counts(counts);
        long elapsedMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos));
        return Updates.combine(Updates.set("scannedTo", scannedTo),
                Updates.set("decisionsDone", current.decisions()),
                Updates.set("agrees", current.agrees()),
                Updates.set("diverges", current.diverges()),
                Updates.set("unknownRulebook", current.unknownRulebook()),
                Updates.set("elapsedMs", elapsedMs),
                Updates.set("decisionsPerSecond", Math.round(current.decisions() * 1000.0 / elapsedMs)));
    }

    /** Sends a command on behalf of the auditor who asked for the replay, under a key unique to the replay. */
    private CommandResult send(Object command, Map<String, Object> actor, String idempotencyKey) {
        Map<String, Object> metadata = new LinkedHashMap<>(actor);
        metadata.values().removeIf(java.util.Objects::isNull);
        metadata.put(MetadataKeys.IDEMPOTENCY_KEY, idempotencyKey);
        metadata.put(MetadataKeys.CORRELATION_ID, idempotencyKey.substring(0, idempotencyKey.indexOf('#')));
        Object result = gateway.sendAndWait(new GenericCommandMessage<>(command).andMetaData(MetaData.from(metadata)));
        return result instanceof CommandResult commandResult ? commandResult : new CommandResult(result, null);
    }

    private static Document scopeDocument(ReplayScope scope) {
        Document document = new Document();
        if (scope.householdId() != null) {
            document.append("householdId", scope.householdId().value());
        }
        if (scope.communeCode() != null) {
            document.append("communeCode", scope.communeCode().value());
        }
        if (scope.reviewYear() != null) {
            document.append("reviewYear", scope.reviewYear().value());
        }
        if (scope.fromPosition() != null) {
            document.append("fromPosition", scope.fromPosition());
        }
        if (scope.toPosition() != null) {
            document.append("toPosition", scope.toPosition());
        }
        return document;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
