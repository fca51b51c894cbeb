package org.povertyledger.deploy.config;

import java.io.IOException;
import java.nio.file.Files;
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
        Files.createDirectories(properties.dataDir());
        EmbeddedMongoServer server = EmbeddedMongoServer.start(properties.dataDir(),
                properties.embedded().bindAddress(), properties.embedded().port());
        log.info("Embedded store on {} listening at {}", properties.dataDir().toAbsolutePath(), server.connectionString());
        return new EmbeddedStore(server);
    }

    @Bean(destroyMethod = "close")
    MongoClient mongoClient(LedgerProperties properties, EmbeddedStore embeddedStore) {
        String uri = properties.mongodb().hasUri() ? properties.mongodb().uri() : embeddedStore.server().connectionString();
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .writeConcern(WriteConcern.MAJORITY.withJournal(true))
                .readConcern(ReadConcern.MAJORITY)
                .applyToSocketSettings(s -> s.connectTimeout(10, TimeUnit.SECONDS))
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
