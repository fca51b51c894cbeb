package org.povertyledger.command.ledger.embedded;

import de.bwaldvogel.mongo.MongoServer;
import org.h2.mvstore.MVStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A MongoDB-compatible server embedded in the process, persisting to one H2 MVStore file and fsyncing every
 * acknowledged write (see {@link DurableH2Backend}).
 * <p>
 * Only one process can open the store file. Other nodes do not open it; they connect to this node's server over
 * TCP using {@link #connectionString()}. The server has no sessions or transactions, which is why the ledger
 * stores one document per commit.
 * <p>
 * Typical use:
 * <pre>{@code
 * try (EmbeddedMongoServer server = EmbeddedMongoServer.start(dataDir, "127.0.0.1", 0);
 *      MongoClient client = MongoClients.create(server.connectionString())) {
 *     ...
 * }
 * }</pre>
 */
public final class EmbeddedMongoServer implements AutoCloseable {

    /**
     * System property turning on the compaction passes in quiet periods (Decision 53); off by default: on a
     * saturated 2-core machine a pass kept a command waiting past the driver's read timeout, and passes of the
     * current bound have not been measured under load. {@link #compactFile} works either way.
     */
    public static final String COMPACT_WHEN_QUIET = "povertyledger.store.compact-when-quiet";

    /** Name of the store file created inside the data directory. */
    /**
     * System property: the MVStore page cache in MB, H2's 16 by default. A larger cache did not make the demo
     * district's load faster (192 s with 256 MB against 170 s with 16 MB, on an idle 2-core machine), and H2 counts
     * a cached document at its BSON size, about a quarter of what it holds on the heap.
     */
    public static final String CACHE_MB = "povertyledger.store.cache-mb";
    /**
     * System property, {@code true} by default: pages are compressed (H2's LZF) when they are written. Each durable
     * commit writes whole B-tree pages, and documents of one collection repeat their field names and much of their
     * values: with it the bench's store file is 1.7 times the events' own BSON instead of 8 (Decision 55). Pages are
     * flagged one by one, so a file written either way opens either way.
     */
    public static final String COMPRESS = "povertyledger.store.compress";
    public static final String STORE_FILE_NAME = "povertyledger.mv";
    /** How long a freed chunk stays untouched before its space is reused, in milliseconds. */
    static final int RETENTION_MILLIS = 1_000;

    private final Path storeFile;
    private final DurableH2Backend backend;
    private final MongoServer server;
    private final String host;
    private final int port;
    private volatile boolean closed;

    private EmbeddedMongoServer(Path storeFile, DurableH2Backend backend, MongoServer server, String host, int port) {
        this.storeFile = storeFile;
        this.backend = backend;
        this.server = server;
        this.host = host;
        this.port = port;
    }

    /** Opens (or creates) the store under {@code dataDir} and listens on 127.0.0.1 on a random free port. */
    public static EmbeddedMongoServer start(Path dataDir) {
        return start(dataDir, "127.0.0.1", 0);
    }

    /**
     * Opens (or creates) the store under {@code dataDir} and listens on {@code host}:{@code port}.
     *
     * @param dataDir directory holding the store file; created if missing
     * @param host    address to bind, e.g. {@code 127.0.0.1}; bind a non-loopback address only behind a firewall,
     *                the server has no authentication
     * @param port    TCP port, {@code 0} for a random free one
     */
    public static EmbeddedMongoServer start(Path dataDir, String host, int port) {
        return start(dataDir, host, port, RETENTION_MILLIS);
    }

    /** As {@link #start(Path, String, int)}, reusing freed file space after {@code retentionMillis}. */
    static EmbeddedMongoServer start(Path dataDir, String host, int port, int retentionMillis) {
        return start(dataDir, host, port, retentionMillis,
                Boolean.parseBoolean(System.getProperty(COMPRESS, "true")));
    }

    /** As {@link #start(Path, String, int, int)}, with pages compressed when written or not. */
    static EmbeddedMongoServer start(Path dataDir, String host, int port, int retentionMillis, boolean compress) {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(host, "host");
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dataDir, e);
        }
        Path file = dataDir.resolve(STORE_FILE_NAME);
        // Auto-commit must stay off in both forms (timer and unsaved-memory threshold): the durable backend is
        // the only one allowed to store, and only at quiescent points.
        MVStore.Builder builder = new MVStore.Builder()
                .fileName(file.toString())
                .autoCommitDisabled()
                .autoCommitBufferSize(0)
                .cacheSize(Integer.getInteger(CACHE_MB, 16));
        if (compress) {
            builder.compress();
        }
        MVStore store = builder.open();
        // Freed chunks are reused after this long instead of H2's 45 s: every commit is fsynced before the next
        // starts and every command pins the version it reads (DurableH2Backend), which is what the default guards.
        store.setRetentionTime(retentionMillis);
        DurableH2Backend backend;
        try {
            backend = new DurableH2Backend(store, Boolean.getBoolean(COMPACT_WHEN_QUIET));
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        MongoServer server = new MongoServer(backend);
        try {
            server.bind(host, port);
        } catch (RuntimeException e) {
            server.shutdownNow();
            throw e;
        }
        InetSocketAddress bound = server.getLocalAddress();
        return new EmbeddedMongoServer(file, backend, server, host, bound.getPort());
    }

    /** A connection string for the MongoDB Java driver, e.g. {@code mongodb://127.0.0.1:27017}. */
    public String connectionString() {
        String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "mongodb://" + hostPart + ":" + port;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public Path storeFile() {
        return storeFile;
    }

    /** Where the store file's bytes are, by map (collection or index), see {@link StoreSpace}. */
    public StoreSpace space() {
        return backend.space();
    }

    /**
     * Moves chunks and truncates the store file now, in bounded passes, until it stops shrinking or
     * {@code maxTime} has passed; the same passes run by themselves in quiet periods (see {@link DurableH2Backend}).
     */
    public StoreCompaction compactFile(java.time.Duration maxTime) {
        return backend.compactFile(maxTime.toMillis());
    }

    /** Counters of the durability path, see {@link DurabilityStats}. */
    public DurabilityStats durabilityStats() {
        return backend.stats();
    }

    /**
     * Stops listening, closes client connections, lets running commands finish and closes the store cleanly
     * (the final store and the clean-shutdown mark are written by the MVStore itself).
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // shutdownNow closes the clients, waits for the event loops to finish their work and then closes the
        // backend, which closes the MVStore.
        server.shutdownNow();
    }
}
