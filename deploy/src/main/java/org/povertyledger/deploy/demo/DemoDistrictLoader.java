package org.povertyledger.deploy.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.messaging.timeout.AxonTimeoutException;
import org.bson.Document;
import org.povertyledger.command.demo.DemoCommand;
import org.povertyledger.command.demo.DemoDistrict;
import org.povertyledger.command.demo.ObservationCorrection;
import org.povertyledger.command.importing.BulkImporter;
import org.povertyledger.command.importing.CommandLanes;
import org.povertyledger.command.importing.ImportActor;
import org.povertyledger.command.importing.LedgerWriter;
import org.povertyledger.command.ledger.BulkAppendResult;
import org.povertyledger.command.ledger.BulkAppendSession;
import org.povertyledger.command.ledger.LedgerEventStore;
import org.povertyledger.command.ledger.MongoLedgerStorageEngine;
import org.povertyledger.command.programme.ReferenceStructureLoader;
import org.povertyledger.shared.common.MetadataKeys;
import org.povertyledger.shared.importing.command.RecordImportCommand;
import org.povertyledger.shared.importing.value.ImportCounts;
import org.povertyledger.shared.importing.value.ImportFormat;
import org.povertyledger.shared.importing.value.ImportId;
import org.povertyledger.shared.importing.value.ImportSource;
import org.povertyledger.shared.indicator.event.ObservationRecordedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Loads the demo district on the first start of an empty store, in the background once the service is up,
 * through the normal command path (gateway, aggregates, ledger), logging its progress. A marker document
 * ({@code demo_district}) says whether the district was loaded: later starts do not load it again, a start
 * after an interrupted load finishes it (commands already in the ledger write nothing twice), and a store
 * that already holds events without the marker is left alone. {@code povertyledger.demo.enabled=false} turns
 * it off.
 *
 * <p>The district's commands come in phases (the map, the indicator catalogue, each year's funding, reviews,
 * benefits, outputs and figures): within a phase they run on parallel lanes, one aggregate's commands in order on
 * one lane; a phase is finished before the next one starts, since later phases name what earlier ones created.
 * The Decision 90/QD-TTg structure that the funding names is loaded first, as the start-up load would (the two
 * may run at once: each element is registered once).
 *
 * <p>With {@code povertyledger.demo.bulk} (the default) the commands still go through the gateway and the
 * aggregates, but inside a {@link BulkAppendSession}: their events are appended in bulk at the end of each phase or
 * batch instead of one durable write per command (docs/decisions/0040-bulk-append-session.md).
 */
@Component
@ConditionalOnProperty(name = "povertyledger.demo.enabled", havingValue = "true")
public class DemoDistrictLoader {

    /** What the loader decided and did. */
    public enum Status {
        WAITING, SKIPPED_STORE_NOT_EMPTY, ALREADY_LOADED, LOADING, LOADED, FAILED
    }

    private static final Logger log = LoggerFactory.getLogger(DemoDistrictLoader.class);
    private static final String MARKER_ID = "lak";
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    private static final int TIMEOUT_RETRIES = 3;

    private final LedgerWriter writer;
    private final CommandGateway gateway;
    private final MongoLedgerStorageEngine engine;
    private final LedgerEventStore eventStore;
    private final ObjectProvider<Cache> householdCache;
    private final MongoCollection<Document> markers;
    private final long seed;
    private final int households;
    private final int lanes;
    private final boolean bulk;
    private final int bulkBatch;
    private final CountDownLatch done = new CountDownLatch(1);
    private final Counts counts = new Counts();
    private volatile Status status = Status.WAITING;
    private volatile boolean stopping;
    private volatile Thread worker;
    private volatile Instant startedAt;
    private volatile Instant finishedAt;
    private volatile long totalCommands;
    private volatile long loadedHead;
    private volatile String phase;

    public DemoDistrictLoader(LedgerWriter writer, CommandGateway gateway, MongoLedgerStorageEngine engine,
                              LedgerEventStore eventStore, @Qualifier("householdCache") ObjectProvider<Cache> householdCache,
                              MongoDatabase database,
                              @Value("${povertyledger.demo.seed:" + DemoDistrict.DEFAULT_SEED + "}") long seed,
                              @Value("${povertyledger.demo.households:" + DemoDistrict.DEFAULT_HOUSEHOLDS + "}") int households,
                              @Value("${povertyledger.demo.lanes:12}") int lanes,
                              @Value("${povertyledger.demo.bulk:true}") boolean bulk,
                              @Value("${povertyledger.demo.bulk-batch:10000}") int bulkBatch) {
        this.writer = writer;
        this.gateway = gateway;
        this.engine = engine;
        this.eventStore = eventStore;
        this.householdCache = householdCache;
        this.markers = database.getCollection("demo_district");
        this.seed = seed;
        this.households = households;
        this.lanes = lanes;
        this.bulk = bulk;
        this.bulkBatch = Math.max(1, bulkBatch);
    }

    /** What the load has done so far, for the demo status. */
    public Progress progress() {
        return new Progress(status, totalCommands, counts.written.get() + counts.inBatch.get(), counts.already.get(),
                counts.refused.get(),
                phase, startedAt, finishedAt, loadedHead);
    }

    /**
     * @param loadedHead the ledger position when the load had appended its last command (0 before)
     */
    public record Progress(Status status, long totalCommands, long written, long alreadyThere, long refused,
                           String phase, Instant startedAt, Instant finishedAt, long loadedHead) {

        public long processed() {
            return written + alreadyThere + refused;
        }
    }

    public Status status() {
        return status;
    }

    /** Waits until the loader has decided and, if it loads, finished. */
    public Status await(Duration timeout) throws InterruptedException {
        done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return status;
    }

    /**
     * Decided when the application has started but before its start-up runners: those may write reference data
     * (the programme structure), which must not make a fresh store look used.
     */
    @EventListener(ApplicationStartedEvent.class)
    void onStart() {
        Document marker = markers.find(Filters.eq("_id", MARKER_ID)).first();
        if (marker != null && "LOADED".equals(marker.getString("state"))) {
            log.info("Demo district already loaded ({} households, seed {}); not loading it again",
                    marker.get("households"), marker.get("seed"));
            finish(Status.ALREADY_LOADED);
            return;
        }
        if (marker == null) {
            if (engine.head().position() > 0) {
                log.info("The store already holds events; the demo district is not loaded");
                finish(Status.SKIPPED_STORE_NOT_EMPTY);
                return;
            }
            try {
                markers.insertOne(new Document("_id", MARKER_ID).append("state", "LOADING").append("seed", seed)
                        .append("households", households).append("startedAt", new Date()));
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                    log.info("Another node is loading the demo district");
                    finish(Status.SKIPPED_STORE_NOT_EMPTY);
                    return;
                }
                throw e;
            }
        } else {
            log.info("Finishing the interrupted load of the demo district");
        }
        status = Status.LOADING;
        Thread thread = new Thread(this::load, "demo-district");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    /** Published before Axon stops its buses: stop sending, so the load ends quietly and resumes next start. */
    @EventListener(ContextClosedEvent.class)
    void closing() {
        stopping = true;
    }

    /** Stops a running load when the service shuts down; the next start finishes it. */
    @jakarta.annotation.PreDestroy
    void stop() throws InterruptedException {
        stopping = true;
        Thread thread = worker;
        if (thread != null) {
            thread.join(Duration.ofSeconds(30).toMillis());
        }
    }

    private void load() {
        Instant started = Instant.now();
        startedAt = started;
        try {
            DemoDistrict district = new DemoDistrict(seed, households);
            long total = district.commandCount();
            totalCommands = total;
            // The digest of the command stream (DemoDistrict.digest) is taken while the commands are sent: one pass
            // of the generator less before the first command.
            MessageDigest streamDigest = MessageDigest.getInstance("SHA-256");
            log.info("Loading the demo district: {} households in {} communes, {} commands (seed {}, {}); "
                    + "set povertyledger.demo.enabled=false to start empty", households, DemoDistrict.COMMUNES.size(),
                    total, seed, bulk ? "bulk appends" : "one durable append per command");
            ReferenceStructureLoader.loadAsSystem(gateway);
            ImportActor actor = new ImportActor(DemoDistrict.ACTOR_ID, "OFFICER");
            String correlation = "demo-" + seed;
            // A resumed load: the commands whose commit is in the ledger are skipped before they are handled, so
            // no aggregate decides a command again on a state that already holds its effect.
            Set<String> inLedger = engine.head().position() > 0 ? engine.idempotencyKeysOf(actor.id()) : Set.of();
            Batch batch = new Batch(bulk ? eventStore.openBulkSession() : null);
            Instant nextReport = Instant.now().plus(PROGRESS_EVERY);
            String phase = null;
            try {
                for (DemoCommand command : district) {
                    if (stopping) {
                        break;
                    }
                    streamDigest.update(command.canonical().getBytes(StandardCharsets.UTF_8));
                    streamDigest.update((byte) '\n');
                    if (inLedger.contains(command.idempotencyKey())) {
                        counts.already.incrementAndGet();
                        continue;
                    }
                    // later phases name what earlier ones created: finish a phase before the next starts
                    if (!command.phase().equals(phase) || batch.size() >= bulkBatch) {
                        batch = batch.finish(actor, correlation, counts);
                        phase = command.phase();
                        DemoDistrictLoader.this.phase = phase;
                    }
                    batch.submit(command, actor, correlation, counts);
                    if (Instant.now().isAfter(nextReport)) {
                        progress(counts, total, started, phase);
                        nextReport = Instant.now().plus(PROGRESS_EVERY);
                    }
                }
                batch = batch.finish(actor, correlation, counts);
            } finally {
                batch.close();
            }
            long processed = counts.processed();
            if (stopping) {
                log.info("Demo district load stopped at {} of {} commands; the next start finishes it", processed, total);
                finish(Status.FAILED);
                return;
            }
            progress(counts, total, started, phase);
            String digest = HexFormat.of().formatHex(streamDigest.digest());
            Instant finished = Instant.now();
            if (counts.written.get() > 0) {
                writer.send(new RecordImportCommand(new ImportId("demo-" + digest.substring(0, 16)),
                                ImportSource.DEMO_GENERATOR, ImportFormat.GENERATED,
                                "demo-district lak seed=" + seed + " households=" + households, digest,
                                DemoDistrict.LAST_YEAR, new ImportCounts(processed, counts.written.get(),
                                counts.refused.get(), counts.already.get()),
                                started, finished),
                        actor, "demo/" + digest + "/record", BulkImporter.REVIEW_PROCEDURE, null,
                        LocalDate.now(ZoneOffset.UTC), correlation);
            }
            markers.updateOne(Filters.eq("_id", MARKER_ID), Updates.combine(Updates.set("state", "LOADED"),
                    Updates.set("completedAt", new Date()), Updates.set("commands", processed),
                    Updates.set("written", counts.written.get()), Updates.set("alreadyThere", counts.already.get()),
                    Updates.set("refused", counts.refused.get()), Updates.set("digest", digest)));
            loadedHead = engine.head().position();
            finishedAt = Instant.now();
            log.info(String.format(Locale.ROOT, "Demo district written: %,d commands in %.1f s (%,d written, %,d already there, "
                            + "%,d refused), ledger at position %,d; read models catching up",
                    processed, Duration.between(started, finished).toMillis() / 1000.0, counts.written.get(),
                    counts.already.get(), counts.refused.get(), loadedHead));
            finish(Status.LOADED);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finish(Status.FAILED);
        } catch (NoSuchAlgorithmException e) {
            log.error("Loading the demo district failed: no SHA-256", e);
            finish(Status.FAILED);
        } catch (RuntimeException | Error e) {
            if (stopping) {
                log.info("Demo district load stopped by the shutdown; the next start finishes it");
            } else {
                log.error("Loading the demo district failed; it resumes on the next start", e);
            }
            finish(Status.FAILED);
        }
    }

    /**
     * The commands between two flushes: one phase, or a part of one. They run on parallel lanes (one aggregate's
     * commands in order on one lane); with a bulk session their events are collected in memory and appended when
     * the batch finishes, many commits per insert. If that append is refused (another writer touched one of the
     * batch's aggregates), the state built from the unwritten commits is forgotten and the batch, then every later
     * one, goes through the ordinary path: the commits already written are recognised by their idempotency keys.
     */
    private final class Batch implements AutoCloseable {

        private final BulkAppendSession session;
        private final List<DemoCommand> commands = new ArrayList<>();
        private final CommandLanes lanes = new CommandLanes(DemoDistrictLoader.this.lanes, 64, "demo-district");

        Batch(BulkAppendSession session) {
            this.session = session;
        }

        int size() {
            return commands.size();
        }

        void submit(DemoCommand command, ImportActor actor, String correlation, Counts counts)
                throws InterruptedException {
            commands.add(command);
            if (session == null) {
                lanes.submit(command.streamKey(), () -> send(command, actor, correlation, counts, counts.written));
            } else {
                lanes.submit(command.streamKey(), () -> session.run(
                        () -> send(command, actor, correlation, counts, counts.inBatch)));
            }
        }

        /** Waits for the batch's commands, appends what they collected, and starts the next batch. */
        Batch finish(ImportActor actor, String correlation, Counts counts) throws InterruptedException {
            lanes.close();
            if (session == null) {
                return new Batch(null);
            }
            BulkAppendResult result = session.flush();
            long accepted = counts.inBatch.getAndSet(0);
            if (result.complete()) {
                counts.written.addAndGet(accepted);
                return new Batch(session);
            }
            log.warn("Bulk append of the demo district refused after {} commits ({}); going on with one durable "
                    + "append per command", result.written(), result.refusal().getMessage());
            session.close();
            householdCache.ifAvailable(Cache::removeAll);
            Batch ordinary = new Batch(null);
            for (DemoCommand command : commands) {
                ordinary.submit(command, actor, correlation, counts);
            }
            return ordinary;
        }

        @Override
        public void close() throws InterruptedException {
            lanes.close();
            if (session != null) {
                session.close();
            }
        }
    }

    /** What became of the commands sent so far. */
    private static final class Counts {
        final AtomicLong written = new AtomicLong();
        final AtomicLong already = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
        /** Accepted by the aggregates, in a bulk batch not appended yet. */
        final AtomicLong inBatch = new AtomicLong();

        long processed() {
            return written.get() + already.get() + refused.get() + inBatch.get();
        }
    }

    /** Sends one command; a command the aggregate accepts is counted in {@code accepted}. */
    private void send(DemoCommand command, ImportActor actor, String correlation, Counts counts, AtomicLong accepted) {
        Object payload = command.command();
        if (payload instanceof ObservationCorrection correction) {
            Optional<String> observationId = recordingEventId(correction);
            if (observationId.isEmpty()) {
                counts.refused.incrementAndGet();
                log.warn("demo command refused: {} (no observation recorded under {})", command.idempotencyKey(),
                        correction.recordingKey());
                return;
            }
            payload = correction.toCommand(observationId.get());
        }
        LedgerWriter.Outcome outcome = sendRetryingTimeouts(payload, command, actor, correlation);
        if (outcome instanceof LedgerWriter.Outcome.Written) {
            accepted.incrementAndGet();
        } else if (outcome instanceof LedgerWriter.Outcome.AlreadyRecorded || isRepeat(command, actor)) {
            counts.already.incrementAndGet();
        } else {
            counts.refused.incrementAndGet();
            log.warn("demo command refused: {} ({})", command.idempotencyKey(),
                    ((LedgerWriter.Outcome.Refused) outcome).reason().getMessage());
        }
    }

    /**
     * Sends the command again when its handler ran into Axon's handler timeout (a store that stalled for half a
     * minute on a saturated machine): a timed-out unit of work is rolled back, so inside a bulk session nothing of
     * it was collected, and on the ordinary path a commit that did reach the ledger makes the repeat an
     * already-recorded request under the same idempotency key. One stall no longer fails the whole load.
     */
    private LedgerWriter.Outcome sendRetryingTimeouts(Object payload, DemoCommand command, ImportActor actor,
                                                      String correlation) {
        for (int attempt = 1; ; attempt++) {
            try {
                return writer.send(payload, actor, command.idempotencyKey(), command.legalBasis(), command.reason(),
                        command.effectiveDate(), correlation);
            } catch (RuntimeException e) {
                if (attempt >= TIMEOUT_RETRIES || stopping || !timedOut(e)) {
                    throw e;
                }
                Thread.interrupted();
                log.warn("demo command {} timed out (attempt {} of {}); sending it again", command.idempotencyKey(),
                        attempt, TIMEOUT_RETRIES);
            }
        }
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof AxonTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * A refusal that only means the command's effect is already in the ledger (a resumed load): the aggregate
     * refuses a repeat (already registered, merged, closed) before the ledger sees its idempotency key, so the
     * ledger is asked whether it holds a commit under that key.
     */
    private boolean isRepeat(DemoCommand command, ImportActor actor) {
        return engine.commitOfRequest(actor.id(), command.idempotencyKey()).isPresent();
    }

    /** The event id of the observation recorded under the correction's recording key, read from its stream. */
    private Optional<String> recordingEventId(ObservationCorrection correction) {
        DomainEventStream stream = eventStore.readEvents(correction.indicatorCode().value(), 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (event.getPayload() instanceof ObservationRecordedEvent
                    && correction.recordingKey().equals(event.getMetaData().get(MetadataKeys.IDEMPOTENCY_KEY))) {
                return Optional.of(event.getIdentifier());
            }
        }
        return Optional.empty();
    }

    private void progress(Counts counts, long total, Instant started, String phase) {
        long processed = counts.processed();
        double seconds = Math.max(0.001, Duration.between(started, Instant.now()).toMillis() / 1000.0);
        double rate = processed / seconds;
        long remaining = rate <= 0 ? 0 : Math.round((total - processed) / rate);
        log.info(String.format(Locale.ROOT, "Demo district: %3.0f%% (%,d of %,d commands, %,.0f/s, about %d s left; "
                        + "ledger at position %,d; %s)",
                total == 0 ? 100.0 : 100.0 * processed / total, processed, total, rate, remaining,
                engine.head().position(), phase));
    }

    private void finish(Status result) {
        status = result;
        done.countDown();
    }
}
