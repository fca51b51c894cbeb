package org.povertyledger.command.ledger.embedded;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import io.netty.channel.Channel;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * An {@link H2Backend} that makes every acknowledged write durable before the reply leaves the server.
 * <p>
 * The stock backend only flushes its MVStore on a one-second timer and never fsyncs, so a crash loses acknowledged
 * writes. Here every command goes through {@link #handleCommand}: the wire layer routes both OP_MSG
 * ({@code AbstractMongoBackend.handleMessage}) and legacy OP_QUERY commands there, which is what MongoDB Java
 * driver 5 uses for insert, update, delete and friends.
 * <p>
 * How it works:
 * <ul>
 *   <li>The MVStore must be opened with auto-commit disabled (no background writer, no memory-triggered commit).
 *   Only this class stores, and only while no write command is in flight, so every persisted version is a
 *   quiescent state: a document never reaches the disk without its unique-index entries, or the other way
 *   round.</li>
 *   <li>Each write command takes a ticket and runs under the shared side of a read/write lock. Once done it waits
 *   until a <em>group commit</em> that started after the write has completed: the leader takes the exclusive
 *   side of the lock (all ticketed writes are finished), notes the highest ticket, calls {@link MVStore#commit()}
 *   and then {@link MVStore#sync()} (which forces the file channel). Writers arriving during a sync wait for the
 *   next one, so one fsync serves every writer that queued up behind it.</li>
 *   <li>Read commands wait, after running, until every write to the collection they read whose ticket was issued
 *   before they finished is durable (a read whose target is unknown waits for every write). A reader therefore
 *   never sees a write that a crash could still take back, and a catch-up read of the ledger does not queue
 *   behind the fsyncs of projection and token writes. On an idle collection that wait costs nothing.</li>
 *   <li>If a commit or sync fails the backend fails stop: every later command is refused, because what is on
 *   disk can no longer be vouched for.</li>
 *   <li>Space: every commit writes a new chunk (the changed B-tree pages of every map it touched, ~20-30 KB), and
 *   without the MVStore's background thread nothing rewrites sparse old chunks, so the file grew by that much per
 *   commit forever. Every {@value #COMPACT_EVERY_COMMITS} commits the group-commit leader, while writes are
 *   quiesced, rewrites the live pages of the sparsest chunks ({@link MVStore#compact}, target fill rate
 *   {@value #COMPACT_TARGET_FILL_RATE}%, at most {@value #COMPACT_WRITE_BYTES} bytes) into the commit it is about
 *   to make; chunks left without live pages are freed once no command still reads the version they belong to
 *   (each command pins the store version it started on) and their space is reused by later chunks.</li>
 *   <li>Freed space is reused but the file keeps its high-water mark: a burst of writes (an import, a load) leaves
 *   a file several times its live data. In quiet periods (no write command for {@value #QUIET_MILLIS} ms, checked
 *   every {@value #QUIET_CHECK_MILLIS} ms) a background pass, and {@link #compactFile} on request, rewrites
 *   sparse chunks and then moves chunks from the end of the file into free space nearer its start and truncates
 *   the file ({@link RandomAccessStore#compactMoveChunks}), at most {@value #MOVE_BYTES} bytes per pass. A pass
 *   holds the exclusive side of a second lock that every command holds the shared side of while it runs, so no
 *   command reads a chunk while it moves, and the exclusive side of the write lock, so what it stores is a
 *   quiescent state like any group commit. A failed pass makes the backend fail stop, as a failed commit does.</li>
 * </ul>
 */
final class DurableH2Backend extends H2Backend {

    /**
     * Commands known not to modify data. Anything else takes the write path: treating an unknown read as a write
     * costs one cheap commit, treating an unknown write as a read would break durability.
     */
    private static final Set<String> READ_COMMANDS = Set.of(
            "find", "getmore", "killcursors", "count", "distinct", "aggregate", "listcollections", "listindexes",
            "listdatabases", "ismaster", "hello", "buildinfo", "ping", "whatsmyuri", "getlasterror", "serverstatus",
            "dbstats", "collstats", "connectionstatus", "hostinfo", "getcmdlineopts", "getfreemonitoringstatus",
            "getparameter", "getlog", "replsetgetstatus", "endsessions", "currentop", "explain", "getnonce");

    /** Commits between two compactions of sparse chunks. */
    static final int COMPACT_EVERY_COMMITS = 200;
    /** Chunks whose live share is below this percentage are rewritten. */
    static final int COMPACT_TARGET_FILL_RATE = 50;
    /** Upper bound of the live data one compaction rewrites. */
    static final int COMPACT_WRITE_BYTES = 1024 * 1024;

    /** A quiet period: no write command for this long. */
    static final int QUIET_MILLIS = 2_000;
    /** How often the background pass checks for a quiet period and a sparse file. */
    static final int QUIET_CHECK_MILLIS = 1_000;
    /** Live share of the chunks below which a pass first rewrites sparse chunks. */
    static final int FILE_COMPACT_CHUNK_FILL_RATE = 80;
    /** Share of the file's blocks in use by chunks below which a pass moves chunks and truncates. */
    static final int FILE_COMPACT_FILE_FILL_RATE = 90;
    /** Upper bound of the bytes one pass rewrites or moves. */
    static final int MOVE_BYTES = 4 * 1024 * 1024;

    private final MVStore store;
    private final ReentrantReadWriteLock quiesce = new ReentrantReadWriteLock();
    /** Shared by every command while it runs; exclusive while a compaction pass moves chunks. */
    private final ReentrantReadWriteLock moving = new ReentrantReadWriteLock();
    private final ScheduledExecutorService quietCompaction;
    private volatile long lastWriteNanos = System.nanoTime();
    private final LongAdder compactionPasses = new LongAdder();
    private final AtomicLong tickets = new AtomicLong();
    /** Per collection ("db.collection"): the highest ticket of a write to it. */
    private final ConcurrentHashMap<String, AtomicLong> lastWriteTickets = new ConcurrentHashMap<>();

    private final ReentrantLock syncLock = new ReentrantLock();
    private final Condition syncFinished = syncLock.newCondition();
    private volatile long durableTicket;
    private boolean syncInProgress;
    private volatile RuntimeException failure;
    /** Touched only by the group-commit leader (one at a time). */
    private int commitsSinceCompaction;

    private final LongAdder writeCommands = new LongAdder();
    private final LongAdder syncs = new LongAdder();
    private final Set<String> writeCommandNames = ConcurrentHashMap.newKeySet();

    DurableH2Backend(MVStore store) {
        this(store, true);
    }

    DurableH2Backend(MVStore store, boolean compactWhenQuiet) {
        super(checked(store));
        this.store = store;
        if (compactWhenQuiet) {
            quietCompaction = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "embedded-store-compaction");
                thread.setDaemon(true);
                return thread;
            });
            quietCompaction.scheduleWithFixedDelay(this::compactIfQuiet, QUIET_CHECK_MILLIS, QUIET_CHECK_MILLIS,
                    TimeUnit.MILLISECONDS);
        } else {
            quietCompaction = null;
        }
    }

    private static MVStore checked(MVStore store) {
        StoreFormat.checkOrMark(store);
        return store;
    }

    @Override
    protected de.bwaldvogel.mongo.MongoDatabase openOrCreateDatabase(String databaseName) {
        return OrderedKeyH2Database.open(databaseName, getMvStore(), getCursorRegistry());
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        // Pins the version the command reads: chunks it may still read are not freed and overwritten meanwhile
        // (results are materialised before the command returns, so no read outlives this call).
        moving.readLock().lock();
        try {
            MVStore.TxCounter reading = store.registerVersionUsage();
            try {
                return durably(channel, databaseName, command, query);
            } finally {
                store.deregisterVersionUsage(reading);
            }
        } finally {
            moving.readLock().unlock();
        }
    }

    private Document durably(Channel channel, String databaseName, String command, Document query) {
        RuntimeException failed = failure;
        if (failed != null) {
            throw unusable("embedded store failed earlier and refuses further commands: " + failed);
        }
        String namespace = namespace(databaseName, command, query);
        if (!isWrite(command, query)) {
            Document response = super.handleCommand(channel, databaseName, command, query);
            // Only writes to what this command read can be in its answer (an unknown target: any write).
            AtomicLong lastWrite = namespace == null ? null : lastWriteTickets.get(namespace);
            awaitDurable(namespace == null ? tickets.get() : lastWrite == null ? 0 : lastWrite.get());
            return response;
        }

        long ticket;
        Document response = null;
        RuntimeException error = null;
        quiesce.readLock().lock();
        try {
            ticket = tickets.incrementAndGet();
            // Recorded before the write can become visible, so a reader that sees it also waits for it.
            if (namespace != null) {
                lastWriteTickets.computeIfAbsent(namespace, k -> new AtomicLong()).accumulateAndGet(ticket, Math::max);
            }
            response = super.handleCommand(channel, databaseName, command, query);
        } catch (RuntimeException e) {
            // A failed multi-document write may still have applied part of its work: make that durable too
            // before answering, so what the client can observe never runs ahead of the disk.
            error = e;
            ticket = tickets.get();
        } finally {
            quiesce.readLock().unlock();
        }
        lastWriteNanos = System.nanoTime();
        writeCommands.increment();
        writeCommandNames.add(command.toLowerCase(Locale.ROOT));
        awaitDurable(ticket);
        if (error != null) {
            throw error;
        }
        return response;
    }

    /**
     * The collection a command reads or writes, as "db.collection", or {@code null} when it may touch several or
     * its target is not known (then a read waits for every write, as before).
     */
    static String namespace(String databaseName, String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        Object target = switch (name) {
            case "find", "count", "distinct", "insert", "update", "delete", "findandmodify" -> query.get(command);
            case "getmore" -> query.get("collection");
            case "aggregate" -> isPlainPipeline(query) ? query.get(command) : null;
            default -> null;
        };
        return target instanceof String collection ? databaseName + "." + collection : null;
    }

    /** An aggregation that reads no other collection ($lookup, $unionWith, $graphLookup read others). */
    private static boolean isPlainPipeline(Document query) {
        if (!(query.get("pipeline") instanceof List<?> pipeline)) {
            return false;
        }
        for (Object stage : pipeline) {
            if (stage instanceof Document d && (d.containsKey("$lookup") || d.containsKey("$unionWith")
                    || d.containsKey("$graphLookup") || d.containsKey("$out") || d.containsKey("$merge"))) {
                return false;
            }
        }
        return true;
    }

    static boolean isWrite(String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (!READ_COMMANDS.contains(name)) {
            return true;
        }
        if (name.equals("aggregate") && query.get("pipeline") instanceof List<?> pipeline) {
            for (Object stage : pipeline) {
                if (stage instanceof Document d && (d.containsKey("$out") || d.containsKey("$merge"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Returns once every write with a ticket up to {@code ticket} is committed and fsynced. */
    private void awaitDurable(long ticket) {
        if (ticket <= durableTicket) {
            return;
        }
        syncLock.lock();
        try {
            while (durableTicket < ticket) {
                if (failure != null) {
                    throw unusable("embedded store failed to persist: " + failure);
                }
                if (syncInProgress) {
                    // The running sync may have started before our write finished: wait and re-check.
                    syncFinished.awaitUninterruptibly();
                    continue;
                }
                syncInProgress = true;
                syncLock.unlock();
                long covered = -1;
                RuntimeException error = null;
                try {
                    covered = commitAndSync();
                } catch (RuntimeException e) {
                    error = e;
                } finally {
                    syncLock.lock();
                }
                syncInProgress = false;
                if (error != null) {
                    failure = error;
                } else if (covered > durableTicket) {
                    durableTicket = covered;
                }
                syncFinished.signalAll();
            }
        } finally {
            syncLock.unlock();
        }
    }

    private long commitAndSync() {
        long covered;
        quiesce.writeLock().lock();
        try {
            // Every write holding a ticket up to this value has finished: no write holds the shared lock.
            covered = tickets.get();
            if (++commitsSinceCompaction >= COMPACT_EVERY_COMMITS) {
                commitsSinceCompaction = 0;
                store.compact(COMPACT_TARGET_FILL_RATE, COMPACT_WRITE_BYTES);
            }
            store.commit();
        } finally {
            quiesce.writeLock().unlock();
        }
        // The fsync runs outside the exclusive lock so that new writes can proceed in memory meanwhile; they take
        // higher tickets and wait for the next round.
        store.sync();
        syncs.increment();
        return covered;
    }

    /** The background pass: one bounded pass when no write came for a while and the file is sparse. */
    private void compactIfQuiet() {
        try {
            if (failure != null || store.isClosed()
                    || System.nanoTime() - lastWriteNanos < TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS)
                    || !worthCompacting()) {
                return;
            }
            compactionPass();
        } catch (RuntimeException e) {
            // The pass recorded it as the backend's failure: every later command is refused with it.
        }
    }

    private boolean worthCompacting() {
        FileStore<?> files = store.getFileStore();
        return files != null && (files.getFillRate() < FILE_COMPACT_FILE_FILL_RATE
                || files.getChunksFillRate() < FILE_COMPACT_CHUNK_FILL_RATE);
    }

    /**
     * Compacts the file now: passes without a size bound (rewrite the live pages of sparse chunks, move chunks
     * towards the start, truncate) until the file stops shrinking or {@code maxMillis} have passed. Freed chunks
     * are reused at once (retention 0 for the duration: each pass holds every command off, and a command running
     * between two passes pins the version it reads, as it always does). Writers wait for each pass, so this runs on
     * request (the {@code bench}, an operator), not under load;
     * the quiet-period passes are the bounded form, {@value #MOVE_BYTES} bytes each.
     *
     * @return the file's size before and after
     */
    StoreCompaction compactFile(long maxMillis) {
        long before = store.getFileStore().size();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
        int retention = store.getRetentionTime();
        store.setRetentionTime(0);
        try {
            // First the quiet-period targets, then denser ones: H2 rewrites only chunks below the chunk target
            // and moves chunks only while the file is below the file target. A chunk emptied by one pass is
            // dropped by a later one: a pass that gains nothing is not yet the end, several in a row are.
            for (int[] targets : new int[][] {{FILE_COMPACT_CHUNK_FILL_RATE, FILE_COMPACT_FILE_FILL_RATE}, {95, 99}}) {
                long previous = store.getFileStore().size();
                int unchanged = 0;
                while (System.nanoTime() < deadline && unchanged < 5) {
                    compactionPass(Math.max(MOVE_BYTES, previous), targets[0], targets[1]);
                    long now = store.getFileStore().size();
                    unchanged = now < previous ? 0 : unchanged + 1;
                    previous = Math.min(previous, now);
                    Thread.sleep(100);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            store.setRetentionTime(retention);
        }
        return new StoreCompaction(before, store.getFileStore().size(), compactionPasses.sum());
    }

    /**
     * One pass: rewrites the live pages of sparse chunks (at most {@value #MOVE_BYTES} bytes) into a new chunk, then
     * moves up to that many bytes of chunks into free space nearer the start of the file and truncates it.
     */
    private void compactionPass() {
        compactionPass(MOVE_BYTES, FILE_COMPACT_CHUNK_FILL_RATE, FILE_COMPACT_FILE_FILL_RATE);
    }

    private void compactionPass(long moveBytes, int chunkFillRate, int fileFillRate) {
        RuntimeException failed = failure;
        if (failed != null) {
            throw unusable("embedded store failed earlier and refuses further commands: " + failed);
        }
        moving.writeLock().lock();
        try {
            quiesce.writeLock().lock();
            try {
                if (store.isClosed()) {
                    return;
                }
                FileStore<?> files = store.getFileStore();
                if (files.getChunksFillRate() < chunkFillRate) {
                    store.compact(chunkFillRate, (int) Math.min(Integer.MAX_VALUE, moveBytes));
                }
                store.commit();
                if (files instanceof RandomAccessStore randomAccess) {
                    randomAccess.compactMoveChunks(fileFillRate, moveBytes, store);
                }
                store.sync();
                compactionPasses.increment();
            } finally {
                quiesce.writeLock().unlock();
            }
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            moving.writeLock().unlock();
        }
    }

    @Override
    public void close() {
        if (quietCompaction != null) {
            quietCompaction.shutdownNow();
            try {
                quietCompaction.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        super.close();
    }

    DurabilityStats stats() {
        return new DurabilityStats(writeCommands.sum(), syncs.sum(), Set.copyOf(writeCommandNames));
    }

    /**
     * The error of a store that can no longer write (disk full, I/O error): MongoDB's ShutdownInProgress (91), which
     * drivers treat as a node going away, so that clients see the store as unavailable (a 503 with Retry-After)
     * rather than as a failed command (a 500). The backend stays fail-stop: nothing more goes to a file that failed.
     */
    private static MongoServerError unusable(String message) {
        return new MongoServerError(91, "ShutdownInProgress", message);
    }

    /**
     * The bytes on disk of the live B-tree pages of every map of the store (a collection's documents are one map
     * named {@code db.collection}, each index one more, {@code db.collection._index_name}), and the file's size:
     * what the file holds beyond their sum is dead space of old chunks not yet reclaimed.
     */
    StoreSpace space() {
        java.util.Map<String, Long> maps = new java.util.TreeMap<>();
        for (String name : store.getMapNames()) {
            org.h2.mvstore.MVMap<Object, Object> map = store.openMap(name);
            maps.put(name, map.getRootPage().getDiskSpaceUsed(true));
        }
        return new StoreSpace(store.getFileStore().size(), store.getFillRate(), maps);
    }
}
