package org.povertyledger.command.ledger;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.povertyledger.command.ledger.embedded.EmbeddedMongoServer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An embedded server on a temporary directory, clients to it and engines over it. */
final class LedgerFixture implements AutoCloseable {

    static final String DATABASE = "ledger";
    static final String AGGREGATE_TYPE = "Household";

    final EmbeddedMongoServer server;
    private final List<MongoClient> clients = new ArrayList<>();

    private LedgerFixture(EmbeddedMongoServer server) {
        this.server = server;
    }

    static LedgerFixture start(Path dataDir) {
        return new LedgerFixture(EmbeddedMongoServer.start(dataDir));
    }

    /** A new client (own connection pool) to the server, optionally observed by command listeners. */
    MongoDatabase newDatabase(CommandListener... listeners) {
        MongoClientSettings.Builder settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(server.connectionString()));
        for (CommandListener listener : listeners) {
            settings.addCommandListener(listener);
        }
        MongoClient client = MongoClients.create(settings.build());
        clients.add(client);
        return client.getDatabase(DATABASE);
    }

    MongoCollection<Document> eventsCollection() {
        return newDatabase().getCollection("events");
    }

    static MongoLedgerStorageEngine.Builder builder(MongoDatabase database) {
        return MongoLedgerStorageEngine.builder()
                                       .database(database)
                                       .eventSerializer(JacksonSerializer.defaultSerializer())
                                       .snapshotSerializer(JacksonSerializer.defaultSerializer());
    }

    /** An engine with its own client, indexes ensured. */
    MongoLedgerStorageEngine engine() {
        MongoLedgerStorageEngine engine = builder(newDatabase()).build();
        engine.ensureIndexes();
        return engine;
    }

    static DomainEventMessage<?> event(String aggregateId, long seq, Object payload) {
        return new GenericDomainEventMessage<>(AGGREGATE_TYPE, aggregateId, seq, payload);
    }

    static DomainEventMessage<?> event(String aggregateId, long seq, Object payload, Map<String, ?> metaData) {
        return new GenericDomainEventMessage<>(AGGREGATE_TYPE, aggregateId, seq, payload, metaData);
    }

    static EventMessage<?> plainEvent(Object payload) {
        return new GenericEventMessage<>(payload);
    }

    @Override
    public void close() {
        clients.forEach(MongoClient::close);
        server.close();
    }

    /** Payloads used by the tests. */
    record Registered(String householdId, String village) {
    }

    record Assessed(String householdId, int score) {
    }

    record Announcement(String text) {
    }
}
