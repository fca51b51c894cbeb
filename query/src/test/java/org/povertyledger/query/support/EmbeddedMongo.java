package org.povertyledger.query.support;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.bson.BsonValue;
import org.bson.Document;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * An in-memory mongo-java-server (the H2 backend the application's embedded store also uses, here
 * without a file) reached through the real driver, counting the commands sent to it so
 * that tests can check round trips ({@code find}, {@code update}, ...). Registered as a JUnit extension
 * ({@code @RegisterExtension static final EmbeddedMongo mongo = new EmbeddedMongo();}) it serves one test class
 * and stops after it.
 */
public final class EmbeddedMongo implements AutoCloseable, AfterAllCallback {

    private static final List<String> COUNTED = List.of("find", "insert", "update", "delete", "aggregate",
            "count");

    private final MongoServer server;
    private final MongoClient client;
    private final Map<String, AtomicInteger> commands = new ConcurrentHashMap<>();

    public EmbeddedMongo() {
        server = new MongoServer(H2Backend.inMemory());
        InetSocketAddress address = server.bind();
        CommandListener counter = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                String name = event.getCommandName();
                if (COUNTED.contains(name)) {
                    BsonValue target = event.getCommand().get(name);
                    String collection = target != null && target.isString() ? target.asString().getValue() : "";
                    commands.computeIfAbsent(name + " " + collection, k -> new AtomicInteger()).incrementAndGet();
                }
            }
        };
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(
                        "mongodb://" + address.getHostString() + ":" + address.getPort()))
                .addCommandListener(counter)
                .build());
    }

    /** A database no other test uses. */
    public MongoDatabase freshDatabase() {
        return client.getDatabase("t" + UUID.randomUUID().toString().replace("-", "").substring(0, 16));
    }

    /**
     * How many commands of this name ({@code find}, {@code update}, ...) were sent to the collection since
     * the last {@link #resetCounts()}. A bulk write of replacements is one {@code update} command.
     */
    public int count(String commandName, String collection) {
        AtomicInteger count = commands.get(commandName + " " + collection);
        return count == null ? 0 : count.get();
    }

    public void resetCounts() {
        commands.clear();
    }

    public static long documents(MongoDatabase database, String collection) {
        return database.getCollection(collection).countDocuments();
    }

    public static Document byId(MongoDatabase database, String collection, String id) {
        return database.getCollection(collection).find(new Document("_id", id)).first();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
