package org.povertyledger.deploy.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.povertyledger.command.ledger.embedded.EmbeddedMongoServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The store: a real MongoDB when a URI is configured, otherwise the embedded server on the data
 * directory. Either way the application only talks to it through the MongoDB Java driver.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LedgerProperties.class)
public class StoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StoreConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedStore embeddedStore(LedgerProperties properties) throws IOException {
        if (properties.mongodb().hasUri()) {
            return new EmbeddedStore(null);
        }
        requireWritable(properties.dataDir());
        EmbeddedMongoServer server = EmbeddedMongoServer.start(properties.dataDir(),
                properties.embedded().bindAddress(), properties.embedded().port());
        log.info("Embedded store on {} listening at {}", properties.dataDir().toAbsolutePath(), server.connectionString());
        return new EmbeddedStore(server);
    }

    /**
     * The client. Its timeouts bound how long a request waits for an unreachable store before it is answered 503:
     * the driver's default server selection timeout (30 s) would hold every request and its thread that long.
     */
    /**
     * Refuses to start on a data directory the store could not write: opened anyway, the store file would be read
     * but every write would fail, long after start-up. A probe file is written and removed (a permission check
     * alone says nothing for root on a read-only mount).
     */
    static void requireWritable(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            Path probe = Files.createTempFile(dataDir, ".write-probe", ".tmp");
            Files.delete(probe);
            Path storeFile = dataDir.resolve(EmbeddedMongoServer.STORE_FILE_NAME);
            if (Files.exists(storeFile) && !Files.isWritable(storeFile)) {
                throw new IOException("the store file " + storeFile + " is not writable");
            }
        } catch (IOException e) {
            throw new IllegalStateException("the data directory " + dataDir.toAbsolutePath() + " is not writable ("
                    + e + "); set povertyledger.data-dir (POVERTYLEDGER_DATA_DIR) to a writable directory", e);
        }
    }

    @Bean(destroyMethod = "close")
    MongoClient mongoClient(LedgerProperties properties, EmbeddedStore embeddedStore,
                            @Value("${povertyledger.mongodb.server-selection-timeout:5s}") Duration serverSelection,
                            @Value("${povertyledger.mongodb.connect-timeout:5s}") Duration connect) {
        String uri = properties.mongodb().hasUri() ? properties.mongodb().uri() : embeddedStore.server().connectionString();
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .writeConcern(WriteConcern.MAJORITY.withJournal(true))
                .readConcern(ReadConcern.MAJORITY)
                .applyToClusterSettings(c -> c.serverSelectionTimeout(serverSelection.toMillis(),
                        TimeUnit.MILLISECONDS))
                .applyToSocketSettings(s -> s.connectTimeout((int) connect.toMillis(), TimeUnit.MILLISECONDS))
                .build();
        return MongoClients.create(settings);
    }

    @Bean
    MongoDatabase mongoDatabase(MongoClient client, LedgerProperties properties) {
        return client.getDatabase(properties.mongodb().database());
    }

    /** Holds the embedded server when one runs, so that it outlives the client and closes after it. */
    public record EmbeddedStore(EmbeddedMongoServer server) implements AutoCloseable {
        @Override
        public void close() {
            if (server != null) {
                server.close();
            }
        }
    }
}
