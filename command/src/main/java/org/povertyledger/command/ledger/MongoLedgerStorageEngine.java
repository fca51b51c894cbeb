package org.povertyledger.command.ledger;

import org.povertyledger.command.ledger.audit.LedgerHashing;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.povertyledger.shared.common.MetadataKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.axonframework.common.BuilderUtils.assertNonNull;
import static org.axonframework.common.BuilderUtils.assertThat;
import static org.povertyledger.command.ledger.LedgerSchema.AGG_ID;
import static org.povertyledger.command.ledger.LedgerSchema.AGG_TYPE;
import static org.povertyledger.command.ledger.LedgerSchema.COUNT;
import static org.povertyledger.command.ledger.LedgerSchema.EVENTS;
import static org.povertyledger.command.ledger.LedgerSchema.EVENT_ID;
import static org.povertyledger.command.ledger.LedgerSchema.HASH;
import static org.povertyledger.command.ledger.LedgerSchema.HEAD_HASH;
import static org.povertyledger.command.ledger.LedgerSchema.HEAD_ID;
import static org.povertyledger.command.ledger.LedgerSchema.HEAD_POSITION;
import static org.povertyledger.command.ledger.LedgerSchema.ID;
import static org.povertyledger.command.ledger.LedgerSchema.ID_INDEX;
import static org.povertyledger.command.ledger.LedgerSchema.LAST;
import static org.povertyledger.command.ledger.LedgerSchema.MAX_COMMIT_EVENTS;
import static org.povertyledger.command.ledger.LedgerSchema.META;
import static org.povertyledger.command.ledger.LedgerSchema.PAYLOAD;
import static org.povertyledger.command.ledger.LedgerSchema.POS;
import static org.povertyledger.command.ledger.LedgerSchema.REQUEST_KEY;
import static org.povertyledger.command.ledger.LedgerSchema.REQUEST_KEY_INDEX;
import static org.povertyledger.command.ledger.LedgerSchema.REV;
import static org.povertyledger.command.ledger.LedgerSchema.SEQ;
import static org.povertyledger.command.ledger.LedgerSchema.SNAPSHOT_VERSION_INDEX;
import static org.povertyledger.command.ledger.LedgerSchema.STREAM_BATCH;
import static org.povertyledger.command.ledger.LedgerSchema.STREAM_KEYS;
import static org.povertyledger.command.ledger.LedgerSchema.STREAM_KEYS_INDEX;
import static org.povertyledger.command.ledger.LedgerSchema.TS;
import static org.povertyledger.command.ledger.LedgerSchema.TYPE;

/**
 * Axon event storage engine over MongoDB (or the embedded mongo-java-server) that keeps the ledger as a hash chain
 * of commits with gapless global positions.
 *
 * <h2>Storage</h2>
 * One document per {@code appendEvents} call (a commit), so a multi-event commit is stored atomically without
 * transactions. Its {@code _id} is the global position of its first event; {@code last} the position of its last.
 * The unique multikey index on {@code streamKeys} ({@code "aggregateId#sequence"}) rejects a second event for the
 * same aggregate sequence number; the sparse unique index on {@code requestKey} ({@code "actorId/idempotencyKey"})
 * rejects a replayed request.
 *
 * <h2>Positions</h2>
 * An append writes at the cached head + 1. If another writer (another thread's engine, another node) took that
 * position first, the insert fails on {@code _id}; the engine then follows the chain forward from its cached head
 * with exact {@code _id} lookups, recomputes positions and hashes and retries. Because the cached head is always a
 * real commit boundary, a stale writer always collides on {@code _id} and can never overlap an existing commit;
 * positions therefore stay gapless and every insert lands directly after its predecessor in the chain.
 * The hash of a commit depends on the commit before it, so one engine writes one batch at a time; concurrent
 * {@code appendEvents} calls queue up and the thread holding the write lock writes all queued commits with one
 * ordered {@code insertMany} (still one document per commit, each settled on its own), so they share one durable
 * round trip instead of paying one each.
 *
 * <h2>Queries</h2>
 * Only shapes served by a unique index on mongo-java-server are issued: {@code _id} exact or {@code $in},
 * {@code streamKeys $in}, {@code requestKey} exact, {@code {_id, seq}} exact on snapshots and {@code _id: "head"}.
 * No range, no sort: those would scan the whole collection on the embedded server.
 *
 * <h2>Known limits</h2>
 * <ul>
 *   <li>An insert that fails for a reason other than a duplicate key (timeout, connection loss) may still have been
 *   stored; Axon rolls the Unit of Work back while the events remain in the ledger. Callers retrying such a request
 *   should send the same idempotency key, which turns the retry into a {@link DuplicateRequestException}.</li>
 *   <li>{@link #createTokenAt(Instant)} binary-searches by timestamp; timestamps come from each node's clock and are
 *   not monotonic across nodes, so the result is approximate when several nodes append.</li>
 *   <li>Loading an aggregate or finding its last sequence number costs one query per 50 sequence numbers (exact
 *   stream keys, no range); snapshots keep that short. A gap of 50 or more sequence numbers inside one aggregate
 *   stream (which Axon never produces) would end the stream early.</li>
 *   <li>The {@code ledger.head.position} gauge is registered once per registry: with several engines on one
 *   registry it follows the first.</li>
 * </ul>
 */
public class MongoLedgerStorageEngine extends BatchingEventStorageEngine {

    private static final Logger log = LoggerFactory.getLogger(MongoLedgerStorageEngine.class);

    /** Upper bound of commits written by one insert; keeps one insert well below the server's message size. */
    private static final int MAX_COMMITS_PER_INSERT = 64;
    /** Commits per insert of {@link #appendCommits}: about 1 MB of commit documents, a few hundred ms of work. */
    private static final int MAX_BULK_COMMITS_PER_INSERT = 500;
    private static final Pattern VIOLATED_INDEX = Pattern.compile("index: (\\S+)");
    private static final Bson TIMESTAMP_PROJECTION =
            new Document(LAST, 1).append(EVENTS + "." + POS, 1).append(EVENTS + "." + TS, 1);
    private static final Bson STREAM_KEYS_PROJECTION = new Document(STREAM_KEYS, 1);

    private final MongoCollection<Document> events;
    private final MongoCollection<Document> snapshots;
    private final MongoCollection<Document> headHints;
    private final CommitStore commits;
    private final LedgerMetrics metrics;
    private final int headHintInterval;
    private final int trackedBatchSize;
    private final PayloadProtection protection;

    /** Serializes this engine's writes: each commit's hashes chain from the previous commit. */
    private final ReentrantLock appendLock = new ReentrantLock();
    /** Commits waiting for the holder of {@link #appendLock} to write them. */
    private final Queue<PendingCommit> pendingCommits = new ConcurrentLinkedQueue<>();
    /** Last known commit boundary and its hash; {@code null} until discovered. Only ever moves forward. */
    private final AtomicReference<LedgerHead> cachedHead = new AtomicReference<>();
    /** Guarded by {@link #appendLock}. */
    private int commitsSinceHint;

    protected MongoLedgerStorageEngine(Builder builder) {
        super(builder);
        MongoDatabase database = builder.database;
        this.events = majority(database.getCollection(builder.eventsCollection));
        this.snapshots = majority(database.getCollection(builder.snapshotsCollection));
        this.headHints = majority(database.getCollection(builder.headCollection));
        this.commits = new CommitStore(events);
        this.headHintInterval = builder.headHintInterval;
        this.trackedBatchSize = builder.trackedBatchSize;
        this.protection = builder.protection;
        this.metrics = new LedgerMetrics(builder.meterRegistry, () -> {
            LedgerHead head = cachedHead.get();
            return head == null ? 0 : head.position();
        });
    }

    /**
     * Majority write and read concern: on a replica set an acknowledged commit survives a fail-over and readers
     * never see a commit that could be rolled back. The embedded server accepts and ignores both; it gets the
     * same guarantees from its fsync-before-reply group commit.
     */
    private static MongoCollection<Document> majority(MongoCollection<Document> collection) {
        return collection.withWriteConcern(WriteConcern.MAJORITY).withReadConcern(ReadConcern.MAJORITY);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates the indexes the engine relies on; safe to call on every start. {@code requestKey} is created before
     * {@code streamKeys} so that servers checking unique indexes in creation order (mongo-java-server does) report
     * a replayed request as such even when its events would also clash on sequence numbers.
     * <p>
     * {@code streamKeys} is sparse as well as unique: commits of events without an aggregate have no stream keys,
     * and a non-sparse unique index would let only one such commit exist.
     */
    public void ensureIndexes() {
        events.createIndex(Indexes.ascending(REQUEST_KEY),
                           new IndexOptions().name(REQUEST_KEY_INDEX).unique(true).sparse(true));
        events.createIndex(Indexes.ascending(STREAM_KEYS),
                           new IndexOptions().name(STREAM_KEYS_INDEX).unique(true).sparse(true));
        // Trivially unique ({@code _id} already is); it exists so that the conditional snapshot replace, an exact
        // match on {_id, seq}, is answered from an index on mongo-java-server.
        snapshots.createIndex(Indexes.ascending(ID, SEQ),
                              new IndexOptions().name(SNAPSHOT_VERSION_INDEX).unique(true));
    }

    // ------------------------------------------------------------------------------------------------ appending

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> eventMessages, Serializer serializer) {
        if (eventMessages.isEmpty()) {
            return;
        }
        if (eventMessages.size() > MAX_COMMIT_EVENTS) {
            throw new EventStoreException("A commit may hold at most " + MAX_COMMIT_EVENTS + " events, got "
                                                  + eventMessages.size());
        }
        List<PreparedEvent> prepared = new ArrayList<>(eventMessages.size());
        for (EventMessage<?> message : eventMessages) {
            prepared.add(PreparedEvent.of(message, serializer, protection));
        }
        PendingCommit pending = new PendingCommit(eventMessages, prepared, streamKeys(prepared),
                                                  requestKey(eventMessages));

        Timer.Sample sample = metrics.start();
        pendingCommits.add(pending);
        appendLock.lock();
        try {
            // Whoever holds the lock writes every queued commit, ours included unless the previous holder already
            // took it along: concurrent appends of this engine share one insert and one durable write.
            if (!pending.done) {
                writePendingCommits();
            }
        } finally {
            appendLock.unlock();
        }
        metrics.stop(sample, pending.outcome);
        if (pending.failure != null) {
            throw pending.failure;
        }
        metrics.appended(prepared.size());
        registerReceipt(pending.appended);
    }

    /**
     * Writes the queued commits, in queue order, as one ordered {@code insertMany}. Commit k is laid out from the
     * head left by commit k-1, so on the first failure the server stops, the commits before it are done, the
     * failing one is settled (retried after catching up for a taken position, failed for a conflict or a replayed
     * request) and the rest are laid out again from the new head. Must be called holding {@link #appendLock}.
     */
    private void writePendingCommits() {
        List<PendingCommit> batch = new ArrayList<>();
        PendingCommit next;
        while (batch.size() < MAX_COMMITS_PER_INSERT && (next = pendingCommits.poll()) != null) {
            batch.add(next);
        }
        writeBatch(batch, false);
    }

    /**
     * Appends many commits in the given order, each its own document (so each is atomic on its own and keeps its
     * request key and stream keys), up to {@value #MAX_BULK_COMMITS_PER_INSERT} per ordered {@code insertMany}.
     * Positions, hashes and the handling of a position taken by another writer are those of
     * {@link #appendEvents}: a commit that finds its position taken is laid out again after the chain's new end.
     * The first commit refused for any other reason (a stream key or request key already in the ledger, a store
     * failure) stops the bulk: it and every later commit are not written, since later commits of a bulk may have
     * been decided on the state the refused one would have made. Appends of this engine's other callers interleave
     * between two inserts.
     *
     * @return the outcome, with the number of commits written (a prefix of {@code commits})
     */
    public BulkAppendResult appendCommits(List<? extends List<? extends EventMessage<?>>> commits) {
        List<PendingCommit> all = new ArrayList<>(commits.size());
        // Sealed together, so that the personal-data keys of every household in the bulk are read and created in
        // a few round trips, not one or two per household.
        List<SerializedEvent> serialized = new ArrayList<>();
        for (List<? extends EventMessage<?>> messages : commits) {
            if (messages.isEmpty() || messages.size() > MAX_COMMIT_EVENTS) {
                throw new EventStoreException("A commit holds 1 to " + MAX_COMMIT_EVENTS + " events, got "
                                                      + messages.size());
            }
            for (EventMessage<?> message : messages) {
                serialized.add(SerializedEvent.of(message, getEventSerializer()));
            }
        }
        List<PayloadProtection.Form> sealed = protection.sealAll(
                serialized.stream().map(SerializedEvent::unsealed).toList());
        int next = 0;
        for (List<? extends EventMessage<?>> messages : commits) {
            List<PreparedEvent> prepared = new ArrayList<>(messages.size());
            for (EventMessage<?> message : messages) {
                prepared.add(PreparedEvent.of(message, serialized.get(next), sealed.get(next)));
                next++;
            }
            all.add(new PendingCommit(messages, prepared, streamKeys(prepared), requestKey(messages)));
        }
        int written = 0;
        int events = 0;
        for (int from = 0; from < all.size(); from += MAX_BULK_COMMITS_PER_INSERT) {
            List<PendingCommit> batch = all.subList(from, Math.min(all.size(), from + MAX_BULK_COMMITS_PER_INSERT));
            Timer.Sample sample = metrics.start();
            appendLock.lock();
            try {
                writeBatch(batch, true);
            } finally {
                appendLock.unlock();
            }
            metrics.stop(sample, batch.get(batch.size() - 1).outcome);
            for (PendingCommit pending : batch) {
                if (pending.failure != null) {
                    metrics.appended(events);
                    return new BulkAppendResult(written, pending.failure);
                }
                written++;
                events += pending.prepared.size();
            }
        }
        metrics.appended(events);
        return new BulkAppendResult(written, null);
    }

    /**
     * Writes {@code batch} as ordered inserts from the cached head. With {@code stopAtRefusal} the first commit
     * refused for a reason other than a taken position fails every later one unwritten; otherwise each is settled
     * on its own. Must be called holding {@link #appendLock}.
     */
    private void writeBatch(List<PendingCommit> batch, boolean stopAtRefusal) {
        LedgerHead head = headForAppend();
        int from = 0;
        while (from < batch.size()) {
            List<Commit> laidOut = new ArrayList<>(batch.size() - from);
            LedgerHead after = head;
            for (PendingCommit pending : batch.subList(from, batch.size())) {
                Commit commit = Commit.build(after, pending.prepared, pending.streamKeys, pending.requestKey);
                laidOut.add(commit);
                after = commit.head();
            }
            try {
                events.insertMany(laidOut.stream().map(Commit::document).toList(),
                                  new InsertManyOptions().ordered(true));
                for (int i = 0; i < laidOut.size(); i++) {
                    head = succeeded(batch.get(from + i), laidOut.get(i));
                }
                maybeWriteHeadHint(head);
                return;
            } catch (MongoBulkWriteException e) {
                BulkWriteError error = e.getWriteErrors().stream()
                                        .min(Comparator.comparingInt(BulkWriteError::getIndex))
                                        .orElse(null);
                if (error == null) {
                    failAll(batch.subList(from, batch.size()), e);
                    return;
                }
                int failedAt = error.getIndex();
                for (int i = 0; i < failedAt; i++) {
                    head = succeeded(batch.get(from + i), laidOut.get(i));
                }
                from += failedAt;
                PendingCommit failed = batch.get(from);
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    failed.fail(translate(e, failed.messages.get(0)), LedgerMetrics.OUTCOME_ERROR);
                    from++;
                    if (stopAtRefusal) {
                        failRest(batch.subList(from, batch.size()), failed);
                        return;
                    }
                    continue;
                }
                String index = violatedIndex(error.getMessage());
                if (ID_INDEX.equals(index)) {
                    // Another writer took the position: catch up with the chain and lay the rest out again.
                    LedgerHead caughtUp = commits.followChain(head);
                    if (caughtUp.position() <= head.position()) {
                        failAll(batch.subList(from, batch.size()), new EventStoreException(
                                "Position " + (head.position() + 1)
                                        + " is taken but the chain does not continue there; run the verifier", e));
                        return;
                    }
                    head = remember(caughtUp);
                    metrics.positionRetry();
                    continue;
                }
                if (REQUEST_KEY_INDEX.equals(index)
                        || (failed.requestKey != null && commits.byRequestKey(failed.requestKey).isPresent())) {
                    failed.fail(duplicateRequest(failed.requestKey, e), LedgerMetrics.OUTCOME_DUPLICATE_REQUEST);
                } else {
                    failed.fail(translate(e, conflictingEvent(failed.messages, failed.prepared)),
                                LedgerMetrics.OUTCOME_CONFLICT);
                }
                from++;
                if (stopAtRefusal) {
                    failRest(batch.subList(from, batch.size()), failed);
                    return;
                }
            } catch (MongoException e) {
                // The outcome is unknown (the write may have been applied): fail every commit of the batch and
                // let the next append catch up with the chain if it was.
                failAll(batch.subList(from, batch.size()), e);
                return;
            }
        }
    }

    private LedgerHead succeeded(PendingCommit pending, Commit commit) {
        LedgerHead head = remember(commit.head());
        pending.succeed(commit.appended());
        commitsSinceHint++;
        return head;
    }

    private static void failRest(List<PendingCommit> rest, PendingCommit refused) {
        for (PendingCommit pending : rest) {
            pending.fail(new EventStoreException("Not written: an earlier commit of the bulk was refused",
                                                 refused.failure), LedgerMetrics.OUTCOME_ERROR);
        }
    }

    private void failAll(List<PendingCommit> pendings, Exception cause) {
        for (PendingCommit pending : pendings) {
            RuntimeException failure = cause instanceof EventStoreException store
                    ? store : translate(cause, pending.messages.get(0));
            pending.fail(failure, LedgerMetrics.OUTCOME_ERROR);
        }
    }

    /**
     * Lets Axon translate the failure the way every Axon engine does: with our {@link MongoDuplicateKeyResolver} a
     * duplicate key becomes a {@code ConcurrencyException} (an {@code AggregateStreamCreationException} when the
     * clash is on sequence number 0), anything else an {@link EventStoreException}.
     */
    private RuntimeException translate(Exception e, EventMessage<?> failedEvent) {
        try {
            handlePersistenceException(e, failedEvent);
        } catch (RuntimeException translated) {
            return translated;
        }
        return new EventStoreException("Event " + failedEvent.getIdentifier() + " could not be persisted", e);
    }

    private static String violatedIndex(String message) {
        Matcher matcher = VIOLATED_INDEX.matcher(String.valueOf(message));
        return matcher.find() ? matcher.group(1) : "";
    }

    /**
     * The position of the commit recorded under {@code actorId} and {@code idempotencyKey}, if there is one: lets a
     * bulk sender tell a command whose effect is already in the ledger (a resumed load) from a real refusal, when the
     * aggregate refuses the repeat before the ledger sees its key.
     */
    public Optional<Long> commitOfRequest(String actorId, String idempotencyKey) {
        return commits.byRequestKey(actorId + "/" + idempotencyKey).map(CommitDocs::id);
    }

    /**
     * Every idempotency key recorded under {@code actorId}: lets a bulk sender resuming an interrupted load skip,
     * before handling them, the commands already in the ledger. One pass over the commits' request keys (a scan).
     */
    public Set<String> idempotencyKeysOf(String actorId) {
        String prefix = actorId + "/";
        Set<String> keys = new HashSet<>();
        for (Document commit : events.find(new Document(REQUEST_KEY, new Document("$exists", true)))
                                     .projection(new Document(REQUEST_KEY, 1)).batchSize(1000)) {
            Object key = commit.get(REQUEST_KEY);
            if (key instanceof String k && k.startsWith(prefix)) {
                keys.add(k.substring(prefix.length()));
            }
        }
        return keys;
    }

    /** Every aggregate identifier with at least one event in the ledger: one pass over the stream keys (a scan). */
    public Set<String> aggregateIdentifiers() {
        Set<String> ids = new HashSet<>();
        for (Document commit : events.find(new Document(STREAM_KEYS, new Document("$exists", true)))
                                     .projection(STREAM_KEYS_PROJECTION).batchSize(1000)) {
            if (commit.get(STREAM_KEYS) instanceof List<?> keys) {
                for (Object key : keys) {
                    String k = String.valueOf(key);
                    int hash = k.lastIndexOf('#');
                    if (hash > 0) {
                        ids.add(k.substring(0, hash));
                    }
                }
            }
        }
        return ids;
    }

    /**
     * Which of the given aggregates have a first event (sequence 0) in the ledger: one {@code streamKeys $in} per
     * few hundred identifiers.
     */
    public Set<String> startedStreams(Collection<String> aggregateIdentifiers) {
        Set<String> started = new HashSet<>();
        List<String> keys = aggregateIdentifiers.stream().map(id -> LedgerSchema.streamKey(id, 0)).toList();
        for (int from = 0; from < keys.size(); from += MAX_BULK_COMMITS_PER_INSERT) {
            for (Document commit : commits.byStreamKeys(
                    keys.subList(from, Math.min(keys.size(), from + MAX_BULK_COMMITS_PER_INSERT)),
                    STREAM_KEYS_PROJECTION)) {
                if (commit.get(STREAM_KEYS) instanceof List<?> stored) {
                    for (Object key : stored) {
                        String k = String.valueOf(key);
                        if (k.endsWith("#0")) {
                            started.add(k.substring(0, k.length() - 2));
                        }
                    }
                }
            }
        }
        started.retainAll(Set.copyOf(aggregateIdentifiers));
        return started;
    }

    private DuplicateRequestException duplicateRequest(String requestKey, Exception cause) {
        Document existing = commits.byRequestKey(requestKey).orElseThrow(
                () -> new EventStoreException("Request key " + requestKey + " was reported taken but is not found",
                                              cause));
        return new DuplicateRequestException(requestKey, CommitDocs.id(existing), CommitDocs.last(existing), cause);
    }

    /** The first event of the commit whose stream key is already taken, for an accurate conflict message. */
    private EventMessage<?> conflictingEvent(List<? extends EventMessage<?>> messages, List<PreparedEvent> prepared) {
        List<String> keys = new ArrayList<>();
        prepared.forEach(p -> {
            if (p.streamKey() != null) {
                keys.add(p.streamKey());
            }
        });
        Set<String> taken = new HashSet<>();
        if (!keys.isEmpty()) {
            for (Document doc : commits.byStreamKeys(keys, STREAM_KEYS_PROJECTION)) {
                Object stored = doc.get(STREAM_KEYS);
                if (stored instanceof List<?> list) {
                    list.forEach(k -> taken.add(String.valueOf(k)));
                }
            }
        }
        for (int i = 0; i < prepared.size(); i++) {
            if (prepared.get(i).streamKey() != null && taken.contains(prepared.get(i).streamKey())) {
                return messages.get(i);
            }
        }
        for (int i = 0; i < prepared.size(); i++) {
            if (prepared.get(i).streamKey() != null) {
                return messages.get(i);
            }
        }
        return messages.get(0);
    }

    private static List<String> streamKeys(List<PreparedEvent> prepared) {
        List<String> keys = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (PreparedEvent event : prepared) {
            if (event.streamKey() != null) {
                if (!seen.add(event.streamKey())) {
                    throw new EventStoreException("Commit holds two events for " + event.streamKey());
                }
                keys.add(event.streamKey());
            }
        }
        return keys;
    }

    /**
     * {@code actorId/idempotencyKey} of the commit, taken from the first event that carries an idempotency key
     * (the command's metadata is copied onto all its events, so they agree).
     */
    private static String requestKey(List<? extends EventMessage<?>> messages) {
        for (EventMessage<?> message : messages) {
            MetaData metaData = message.getMetaData();
            Object key = metaData.get(MetadataKeys.IDEMPOTENCY_KEY);
            if (key != null && !key.toString().isBlank()) {
                Object actor = metaData.get(MetadataKeys.ACTOR_ID);
                return (actor == null ? "" : actor.toString()) + "/" + key;
            }
        }
        return null;
    }

    private void registerReceipt(List<AppendedEvent> appended) {
        CurrentUnitOfWork.ifStarted(uow -> {
            AppendReceipt receipt = uow.getOrComputeResource(AppendReceipt.RESOURCE_KEY, k -> new AppendReceipt());
            receipt.addAll(appended);
        });
    }

    // ------------------------------------------------------------------------------------------------ the head

    /**
     * The current end of the ledger, read from the store: the cached head (or, on first use, the hint) followed
     * forward along the chain.
     */
    public LedgerHead head() {
        LedgerHead base = cachedHead.get();
        if (base == null) {
            base = discoverFromHint();
        }
        return remember(commits.followChain(base));
    }

    private LedgerHead headForAppend() {
        LedgerHead head = cachedHead.get();
        return head != null ? head : head();
    }

    private LedgerHead remember(LedgerHead candidate) {
        return cachedHead.accumulateAndGet(candidate, (current, offered) ->
                current == null || offered.position() > current.position() ? offered : current);
    }

    /**
     * Reads the head hint and checks it against the commit it names; a hint that does not match a commit boundary
     * is ignored and the chain is followed from the genesis instead. The hint never decides the head: the chain is
     * always followed forward from it.
     */
    private LedgerHead discoverFromHint() {
        Document hint = headHints.find(new Document(ID, HEAD_ID)).first();
        if (hint == null || !(hint.get(HEAD_POSITION) instanceof Number number) || number.longValue() <= 0) {
            return LedgerHead.EMPTY;
        }
        long position = number.longValue();
        Optional<Document> commit = commits.commitContaining(position, CommitStore.HEAD_PROJECTION);
        if (commit.isPresent() && CommitDocs.last(commit.get()) == position) {
            return new LedgerHead(position, CommitDocs.lastHash(commit.get()));
        }
        log.warn("Ignoring ledger head hint at position {}: it is not the end of a stored commit", position);
        return LedgerHead.EMPTY;
    }

    /** After an insert: at most one hint write per insert, however many commits it held. */
    private void maybeWriteHeadHint(LedgerHead head) {
        if (commitsSinceHint < headHintInterval) {
            return;
        }
        commitsSinceHint = 0;
        try {
            writeHeadHint(head);
        } catch (MongoException e) {
            // The append itself succeeded; a stale hint only makes the next start-up follow a longer chain.
            log.warn("Could not update the ledger head hint at position {}", head.position(), e);
        }
    }

    private void writeHeadHint(LedgerHead head) {
        headHints.replaceOne(new Document(ID, HEAD_ID),
                             new Document(ID, HEAD_ID).append(HEAD_POSITION, head.position())
                                                      .append(HEAD_HASH, head.hash()),
                             new ReplaceOptions().upsert(true));
    }

    /** Records the current head as the start-up hint; call on shutdown. */
    public void shutdown() {
        LedgerHead head = cachedHead.get();
        if (head != null && head.position() > 0) {
            try {
                writeHeadHint(head);
            } catch (MongoException e) {
                log.warn("Could not write the ledger head hint on shutdown", e);
            }
        }
    }

    /** A verifier over this engine's collections. */
    public LedgerVerifier verifier() {
        return new LedgerVerifier(events, headHints);
    }

    /** Reads the stored events for export, checkpoints and proofs. */
    public LedgerScanner scanner() {
        return new LedgerScanner(commits);
    }

    // ------------------------------------------------------------------------------------------------ reading

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int requested) {
        // A streaming reader gets up to trackedBatchSize events per round trip: each round trip of a catch-up is a
        // find of its own, and Axon asks with the engine's batch size, which suits an aggregate's stream. Returning
        // more than asked is allowed: a full batch only tells the stream to fetch again. The find is an _id range,
        // so a reader at the head pays one index probe whatever the size asked for.
        long after = positionOf(lastToken);
        int batchSize = Math.max(requested, trackedBatchSize);
        Map<Long, Document> range = commits.byIdRange(after + 1, batchSize, null);
        Document start = range.get(after + 1);
        if (start == null) {
            LedgerHead head = cachedHead.get();
            boolean knownBoundary = after == 0 || (head != null && head.position() == after);
            if (knownBoundary) {
                return List.of();
            }
            // The token points inside a commit (a processor stopped half-way through one): find that commit.
            start = commits.commitContaining(after + 1, null).orElse(null);
            if (start == null) {
                return List.of();
            }
        }
        List<TrackedEventData<?>> batch = new ArrayList<>();
        for (Document commit = start; commit != null; commit = range.get(CommitDocs.last(commit) + 1)) {
            for (Document event : CommitDocs.events(commit)) {
                if (CommitDocs.number(event, POS, commit) > after) {
                    batch.add(StoredEvents.tracked(event, commit, protection));
                }
            }
            // Whole commits only, so that the next token is a commit boundary.
            if (batch.size() >= batchSize) {
                break;
            }
        }
        return batch;
    }

    private static long positionOf(TrackingToken token) {
        if (token == null) {
            return 0;
        }
        if (token instanceof GlobalSequenceTrackingToken global) {
            return global.getGlobalIndex();
        }
        throw new IllegalArgumentException("Unsupported token type " + token.getClass().getName()
                                                   + "; this engine issues GlobalSequenceTrackingToken");
    }

    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(String aggregateIdentifier,
                                                                   long firstSequenceNumber, int batchSize) {
        TreeMap<Long, DomainEventData<?>> found = new TreeMap<>();
        long next = firstSequenceNumber;
        while (found.size() < batchSize) {
            List<Document> docs = commits.byStreamKeys(streamKeyWindow(aggregateIdentifier, next), null);
            int before = found.size();
            for (Document commit : docs) {
                for (Document event : CommitDocs.events(commit)) {
                    if (aggregateIdentifier.equals(event.get(AGG_ID))) {
                        long seq = CommitDocs.number(event, SEQ, commit);
                        if (seq >= firstSequenceNumber) {
                            found.putIfAbsent(seq, StoredEvents.domain(event, commit, protection));
                        }
                    }
                }
            }
            if (found.size() == before) {
                break;
            }
            next = found.lastKey() + 1;
        }
        List<DomainEventData<?>> result = new ArrayList<>(Math.min(batchSize, found.size()));
        for (DomainEventData<?> data : found.values()) {
            if (result.size() == batchSize) {
                break;
            }
            result.add(data);
        }
        return result;
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        String prefix = aggregateIdentifier + "#";
        Long last = null;
        long next = 0;
        while (true) {
            Long highest = null;
            for (Document commit : commits.byStreamKeys(streamKeyWindow(aggregateIdentifier, next),
                                                        STREAM_KEYS_PROJECTION)) {
                Object keys = commit.get(STREAM_KEYS);
                if (!(keys instanceof List<?> list)) {
                    continue;
                }
                for (Object key : list) {
                    String k = String.valueOf(key);
                    if (k.startsWith(prefix)) {
                        Long seq = parseSequence(k.substring(prefix.length()));
                        if (seq != null && seq >= next && (highest == null || seq > highest)) {
                            highest = seq;
                        }
                    }
                }
            }
            if (highest == null) {
                return Optional.ofNullable(last);
            }
            last = highest;
            next = highest + 1;
        }
    }

    private static Long parseSequence(String text) {
        if (text.isEmpty() || text.length() > 19) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return null;
            }
        }
        return Long.parseLong(text);
    }

    private static List<String> streamKeyWindow(String aggregateIdentifier, long first) {
        List<String> keys = new ArrayList<>(STREAM_BATCH);
        for (long seq = first; seq < first + STREAM_BATCH; seq++) {
            keys.add(LedgerSchema.streamKey(aggregateIdentifier, seq));
        }
        return keys;
    }

    // ------------------------------------------------------------------------------------------------ tokens

    /** {@code null}, Axon's convention for "before the first event". */
    @Override
    public TrackingToken createTailToken() {
        return null;
    }

    /** A token at the current head, read from the store; position 0 when the ledger is empty. */
    @Override
    public TrackingToken createHeadToken() {
        return new GlobalSequenceTrackingToken(head().position());
    }

    /**
     * A token just before the first event whose timestamp is at or after {@code dateTime}, or the head token if
     * there is none. Binary search over positions with exact lookups; it assumes timestamps grow with positions,
     * which holds for one node but only approximately across nodes (each stamps with its own clock).
     */
    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        LedgerHead head = head();
        long lo = 1;
        long hi = head.position();
        long first = head.position() + 1;
        while (lo <= hi) {
            long mid = lo + (hi - lo) / 2;
            if (timestampAt(mid).isBefore(dateTime)) {
                lo = mid + 1;
            } else {
                first = mid;
                hi = mid - 1;
            }
        }
        return new GlobalSequenceTrackingToken(first - 1);
    }

    /** When the event at {@code position} was recorded (its timestamp); an exact lookup of the commit holding it. */
    public Instant timestampAt(long position) {
        Document commit = commits.commitContaining(position, TIMESTAMP_PROJECTION).orElseThrow(
                () -> new EventStoreException("No commit holds position " + position + "; run the verifier"));
        for (Document event : CommitDocs.events(commit)) {
            if (CommitDocs.number(event, POS, commit) == position) {
                return Instant.parse(CommitDocs.string(event, TS, true, commit));
            }
        }
        throw new EventStoreException("Commit " + CommitDocs.id(commit) + " does not hold position " + position);
    }

    // ------------------------------------------------------------------------------------------------ snapshots

    /**
     * Stores the snapshot unless one with an equal or higher sequence number is already there. The replace is a
     * compare-and-set on the exact {@code {_id, seq}} of the snapshot read, so two nodes racing cannot let an
     * older snapshot overwrite a newer one. Snapshots are an optimisation: after repeated contention the write is
     * dropped with a warning rather than failing the caller.
     */
    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        Document doc = snapshotDocument(snapshot, serializer);
        String aggregateId = snapshot.getAggregateIdentifier();
        for (int attempt = 0; attempt < 10; attempt++) {
            Document current = snapshots.find(new Document(ID, aggregateId)).projection(new Document(SEQ, 1)).first();
            try {
                if (current == null) {
                    snapshots.insertOne(doc);
                    return;
                }
                long currentSeq = CommitDocs.number(current, SEQ, current);
                if (currentSeq >= snapshot.getSequenceNumber()) {
                    return;
                }
                if (snapshots.replaceOne(new Document(ID, aggregateId).append(SEQ, currentSeq), doc)
                             .getMatchedCount() == 1) {
                    return;
                }
            } catch (MongoWriteException e) {
                if (ErrorCategory.fromErrorCode(e.getError().getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw translate(e, snapshot);
                }
                // Someone else stored a snapshot first: read again and compare.
            } catch (MongoException e) {
                throw translate(e, snapshot);
            }
        }
        log.warn("Gave up storing snapshot of {} at sequence {} after repeated contention", aggregateId,
                 snapshot.getSequenceNumber());
    }

    private static Document snapshotDocument(DomainEventMessage<?> snapshot, Serializer serializer) {
        SerializedObject<String> payload = snapshot.serializePayload(serializer, String.class);
        SerializedObject<String> metaData = snapshot.serializeMetaData(serializer, String.class);
        return new Document(ID, snapshot.getAggregateIdentifier())
                .append(SEQ, snapshot.getSequenceNumber())
                .append(AGG_TYPE, snapshot.getType())
                .append(EVENT_ID, snapshot.getIdentifier())
                .append(TYPE, payload.getType().getName())
                .append(REV, payload.getType().getRevision())
                .append(TS, snapshot.getTimestamp().toString())
                .append(PAYLOAD, payload.getData())
                .append(META, CanonicalJson.canonicalize(metaData.getData()));
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        Document doc = snapshots.find(new Document(ID, aggregateIdentifier)).first();
        if (doc == null) {
            return Stream.empty();
        }
        return Stream.of(new GenericDomainEventEntry<>(
                CommitDocs.string(doc, AGG_TYPE, false, doc),
                aggregateIdentifier,
                CommitDocs.number(doc, SEQ, doc),
                CommitDocs.string(doc, EVENT_ID, true, doc),
                CommitDocs.string(doc, TS, true, doc),
                CommitDocs.string(doc, TYPE, true, doc),
                CommitDocs.string(doc, REV, false, doc),
                CommitDocs.string(doc, PAYLOAD, true, doc),
                CommitDocs.string(doc, META, true, doc)));
    }

    // ------------------------------------------------------------------------------------------------ internals

    /** One {@code appendEvents} call waiting to be written, and its outcome once settled by the lock holder. */
    private static final class PendingCommit {

        private final List<? extends EventMessage<?>> messages;
        private final List<PreparedEvent> prepared;
        private final List<String> streamKeys;
        private final String requestKey;

        // Written by the lock holder before it releases the lock, read by the owner after acquiring it.
        private boolean done;
        private String outcome = LedgerMetrics.OUTCOME_ERROR;
        private RuntimeException failure;
        private List<AppendedEvent> appended = List.of();

        PendingCommit(List<? extends EventMessage<?>> messages, List<PreparedEvent> prepared, List<String> streamKeys,
                      String requestKey) {
            this.messages = messages;
            this.prepared = prepared;
            this.streamKeys = streamKeys;
            this.requestKey = requestKey;
        }

        void succeed(List<AppendedEvent> appendedEvents) {
            this.appended = appendedEvents;
            this.outcome = LedgerMetrics.OUTCOME_OK;
            this.done = true;
        }

        void fail(RuntimeException cause, String failureOutcome) {
            this.failure = cause;
            this.outcome = failureOutcome;
            this.done = true;
        }
    }

    /** An event serialized once, before the append loop, so retries only recompute positions and hashes. */
    private record PreparedEvent(String eventId, String aggregateType, String aggregateId, Long sequenceNumber,
                                 String payloadType, String payloadRevision, String timestamp, Instant instant,
                                 String payload, String metaData) {

        static PreparedEvent of(EventMessage<?> message, Serializer serializer, PayloadProtection protection) {
            SerializedEvent serialized = SerializedEvent.of(message, serializer);
            PayloadProtection.Unsealed unsealed = serialized.unsealed();
            return of(message, serialized,
                      protection.seal(unsealed.payloadType(), unsealed.payload(), unsealed.metaData()));
        }

        static PreparedEvent of(EventMessage<?> message, SerializedEvent serialized, PayloadProtection.Form stored) {
            SerializedObject<String> payload = serialized.payload();
            String aggregateType = null;
            String aggregateId = null;
            Long seq = null;
            if (message instanceof DomainEventMessage<?> domain && domain.getAggregateIdentifier() != null) {
                aggregateType = domain.getType();
                aggregateId = domain.getAggregateIdentifier();
                seq = domain.getSequenceNumber();
            }
            Instant instant = message.getTimestamp();
            return new PreparedEvent(message.getIdentifier(), aggregateType, aggregateId, seq,
                                     payload.getType().getName(), payload.getType().getRevision(),
                                     instant.toString(), instant, stored.payload(),
                                     CanonicalJson.canonicalize(stored.metaData()));
        }

        String streamKey() {
            return aggregateId == null ? null : LedgerSchema.streamKey(aggregateId, sequenceNumber);
        }
    }

    /** An event's payload and metadata as the serializer writes them, before sealing. */
    private record SerializedEvent(SerializedObject<String> payload, SerializedObject<String> metaData) {

        static SerializedEvent of(EventMessage<?> message, Serializer serializer) {
            return new SerializedEvent(message.serializePayload(serializer, String.class),
                                       message.serializeMetaData(serializer, String.class));
        }

        PayloadProtection.Unsealed unsealed() {
            return new PayloadProtection.Unsealed(payload.getType().getName(), payload.getData(), metaData.getData());
        }
    }

    /** A commit document laid out from a given head, with its positions and hashes. */
    private record Commit(Document document, LedgerHead head, List<AppendedEvent> appended) {

        static Commit build(LedgerHead after, List<PreparedEvent> prepared, List<String> streamKeys,
                            String requestKey) {
            long first = after.position() + 1;
            String previousHash = after.hash();
            List<Document> eventDocs = new ArrayList<>(prepared.size());
            List<AppendedEvent> appended = new ArrayList<>(prepared.size());
            long position = first;
            for (PreparedEvent event : prepared) {
                String hash = LedgerHashing.hash(previousHash, position, event.eventId(), event.aggregateType(),
                                                 event.aggregateId(), event.sequenceNumber(), event.payloadType(),
                                                 event.payloadRevision(), event.timestamp(), event.payload(),
                                                 event.metaData());
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put(POS, position);
                fields.put(EVENT_ID, event.eventId());
                fields.put(AGG_TYPE, event.aggregateType());
                fields.put(AGG_ID, event.aggregateId());
                fields.put(SEQ, event.sequenceNumber());
                fields.put(TYPE, event.payloadType());
                fields.put(REV, event.payloadRevision());
                fields.put(TS, event.timestamp());
                fields.put(PAYLOAD, event.payload());
                fields.put(META, event.metaData());
                fields.put(HASH, hash);
                eventDocs.add(new Document(fields));
                appended.add(new AppendedEvent(position, event.eventId(), event.payloadType(), event.aggregateId(),
                                               event.sequenceNumber() == null ? -1 : event.sequenceNumber(), hash,
                                               event.instant()));
                previousHash = hash;
                position++;
            }
            long last = position - 1;
            Document doc = new Document(ID, first).append(LAST, last).append(COUNT, prepared.size());
            if (!streamKeys.isEmpty()) {
                // Left out, not empty, when no event has an aggregate: the sparse index then ignores the commit.
                doc.append(STREAM_KEYS, streamKeys);
            }
            if (requestKey != null) {
                doc.append(REQUEST_KEY, requestKey);
            }
            doc.append(EVENTS, eventDocs);
            return new Commit(doc, new LedgerHead(last, previousHash), List.copyOf(appended));
        }
    }

    /**
     * Builder for {@link MongoLedgerStorageEngine}. The database and both serializers are required. Defaults:
     * collections {@code events}, {@code snapshots} and {@code ledger_head}; batch size 100 (1000 positions for streaming reads); a head hint every
     * 256 commits; {@link MongoDuplicateKeyResolver} as persistence exception resolver; no metrics.
     */
    public static class Builder extends BatchingEventStorageEngine.Builder {

        private MongoDatabase database;
        private String eventsCollection = "events";
        private String snapshotsCollection = "snapshots";
        private String headCollection = "ledger_head";
        private MeterRegistry meterRegistry;
        private int headHintInterval = 256;
        private int trackedBatchSize = 1000;
        private PayloadProtection protection = PayloadProtection.NONE;

        public Builder() {
            super.persistenceExceptionResolver(new MongoDuplicateKeyResolver());
        }

        public Builder database(MongoDatabase database) {
            assertNonNull(database, "The MongoDatabase may not be null");
            this.database = database;
            return this;
        }

        public Builder eventsCollection(String name) {
            assertThat(name, n -> n != null && !n.isBlank(), "The events collection name may not be blank");
            this.eventsCollection = name;
            return this;
        }

        public Builder snapshotsCollection(String name) {
            assertThat(name, n -> n != null && !n.isBlank(), "The snapshots collection name may not be blank");
            this.snapshotsCollection = name;
            return this;
        }

        public Builder headCollection(String name) {
            assertThat(name, n -> n != null && !n.isBlank(), "The head collection name may not be blank");
            this.headCollection = name;
            return this;
        }

        /** Optional; without it no meters are registered. */
        public Builder meterRegistry(MeterRegistry meterRegistry) {
            this.meterRegistry = meterRegistry;
            return this;
        }

        /** How personal fields are sealed for storage and opened on reading; by default they are stored as given. */
        public Builder payloadProtection(PayloadProtection protection) {
            assertNonNull(protection, "The payload protection may not be null");
            this.protection = protection;
            return this;
        }

        /** How many commits of this engine between two head hint writes. */
        public Builder headHintInterval(int commits) {
            assertThat(commits, c -> c > 0, "The head hint interval must be positive");
            this.headHintInterval = commits;
            return this;
        }

        /**
         * The least number of positions a streaming (tracking) read fetches in one round trip; an aggregate's stream
         * is still read in batches of {@link #batchSize}. Default 1000.
         */
        public Builder trackedBatchSize(int positions) {
            assertThat(positions, p -> p > 0, "The tracked batch size must be positive");
            this.trackedBatchSize = positions;
            return this;
        }

        @Override
        public Builder batchSize(int batchSize) {
            super.batchSize(batchSize);
            return this;
        }

        @Override
        public Builder snapshotSerializer(Serializer snapshotSerializer) {
            super.snapshotSerializer(snapshotSerializer);
            return this;
        }

        @Override
        public Builder upcasterChain(EventUpcaster upcasterChain) {
            super.upcasterChain(upcasterChain);
            return this;
        }

        @Override
        public Builder persistenceExceptionResolver(PersistenceExceptionResolver persistenceExceptionResolver) {
            super.persistenceExceptionResolver(persistenceExceptionResolver);
            return this;
        }

        @Override
        public Builder eventSerializer(Serializer eventSerializer) {
            super.eventSerializer(eventSerializer);
            return this;
        }

        @Override
        public Builder snapshotFilter(SnapshotFilter snapshotFilter) {
            super.snapshotFilter(snapshotFilter);
            return this;
        }

        /** @deprecated in favour of {@link #snapshotFilter(SnapshotFilter)}, as in Axon. */
        @Override
        @Deprecated
        public Builder snapshotFilter(Predicate<? super DomainEventData<?>> snapshotFilter) {
            super.snapshotFilter(snapshotFilter);
            return this;
        }

        @Override
        public Builder finalAggregateBatchPredicate(
                Predicate<List<? extends DomainEventData<?>>> finalAggregateBatchPredicate) {
            super.finalAggregateBatchPredicate(finalAggregateBatchPredicate);
            return this;
        }

        @Override
        protected void validate() throws AxonConfigurationException {
            super.validate();
            assertNonNull(database, "The MongoDatabase is a hard requirement and should be provided");
        }

        public MongoLedgerStorageEngine build() {
            return new MongoLedgerStorageEngine(this);
        }
    }
}
