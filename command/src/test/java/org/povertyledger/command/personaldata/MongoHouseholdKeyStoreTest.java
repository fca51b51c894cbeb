package org.povertyledger.command.personaldata;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.povertyledger.command.ledger.PayloadProtection.Form;
import org.povertyledger.command.ledger.PayloadProtection.Unsealed;
import org.povertyledger.command.ledger.embedded.EmbeddedMongoServer;
import org.povertyledger.shared.household.event.HouseholdRegisteredEvent;
import org.povertyledger.shared.household.event.PersonalFields;

/** The key store on the embedded server: keys of many households read and created in bulk, as a bulk append needs. */
class MongoHouseholdKeyStoreTest {

    private static final String REGISTERED = HouseholdRegisteredEvent.class.getName();

    @TempDir
    Path dataDir;

    private EmbeddedMongoServer server;
    private MongoClient client;
    private MongoDatabase database;

    @BeforeEach
    void start() {
        server = EmbeddedMongoServer.start(dataDir);
        client = MongoClients.create(server.connectionString());
        database = client.getDatabase("keys");
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private MongoHouseholdKeyStore store() {
        return new MongoHouseholdKeyStore(database, Duration.ofSeconds(30), 100_000);
    }

    private static List<String> households(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add("HH-" + i);
        }
        return ids;
    }

    @Test
    void createsTheKeysOfManyHouseholdsInAFewDurableWritesAndKeepsKeysAndTombstonesAlreadyThere() {
        MongoHouseholdKeyStore store = store();
        KeyState existing = store.keyForWriting("HH-7");
        store.destroy("HH-8", "admin", Instant.now());
        long writesBefore = server.durabilityStats().writeCommands();

        Map<String, KeyState> states = store.keysForWriting(households(2500));

        long writes = server.durabilityStats().writeCommands() - writesBefore;
        assertThat(writes).as("one insertMany per 1,000 households, not one insert each").isLessThanOrEqualTo(3);
        assertThat(states).hasSize(2500);
        assertThat(states.get("HH-7")).isEqualTo(existing);
        assertThat(states.get("HH-8").erased()).isTrue();
        assertThat(states.values().stream().filter(s -> s.key() != null)).hasSize(2499);
        assertThat(database.getCollection(MongoHouseholdKeyStore.COLLECTION).countDocuments()).isEqualTo(2500);
        // another node (its own cache) sees the same keys, and asking again creates nothing
        MongoHouseholdKeyStore other = store();
        assertThat(other.lookup("HH-2499")).isEqualTo(states.get("HH-2499"));
        assertThat(other.keysForWriting(households(2500))).isEqualTo(states);
        assertThat(database.getCollection(MongoHouseholdKeyStore.COLLECTION).countDocuments()).isEqualTo(2500);
    }

    @Test
    void aKeyAnotherNodeCreatedMeanwhileIsTheOneUsed() {
        MongoHouseholdKeyStore mine = store();
        assertThat(mine.lookup("HH-1").key()).isNull();
        KeyState theirs = store().keyForWriting("HH-1");

        assertThat(mine.keysForWriting(List.of("HH-0", "HH-1", "HH-2")).get("HH-1")).isEqualTo(theirs);
    }

    @Test
    void sealingABulkSealsEachEventAsSealingItAloneWouldAndOpensWithTheStoredKeys() {
        PersonalDataProtection protection = new PersonalDataProtection(store());
        List<Unsealed> events = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            events.add(new Unsealed(REGISTERED, "{\"householdId\":\"HH-" + i + "\",\"headName\":\"Name " + i
                    + "\",\"members\":4}", "{\"actorId\":\"loader\"}"));
        }
        events.add(new Unsealed("org.example.Other", "{\"x\":1}", null));

        List<Form> sealed = protection.sealAll(events);

        assertThat(sealed).hasSize(1201);
        assertThat(sealed.get(1200)).isEqualTo(new Form("{\"x\":1}", null));
        PersonalDataProtection reader = new PersonalDataProtection(store());
        for (int i = 0; i < 1200; i++) {
            assertThat(sealed.get(i).payload()).doesNotContain("Name " + i).contains("\"enc\":\"v1\"");
            assertThat(reader.open(REGISTERED, sealed.get(i).payload(), sealed.get(i).metaData()).payload())
                    .isEqualTo(events.get(i).payload());
        }
        store().destroy("HH-3", "admin", Instant.now());
        assertThat(new PersonalDataProtection(store()).open(REGISTERED, sealed.get(3).payload(), null).payload())
                .contains("\"headName\":\"" + PersonalFields.ERASED + "\"");
    }
}
