package org.povertyledger.command.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.povertyledger.command.ledger.LedgerFixture.event;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.povertyledger.command.ledger.LedgerFixture.Assessed;
import org.povertyledger.command.ledger.LedgerFixture.Registered;
import org.povertyledger.shared.common.MetadataKeys;

/** {@link MongoLedgerStorageEngine#appendCommits}: many commits per insert, each still a commit of its own. */
class BulkAppendTest {

    @TempDir
    Path dataDir;

    private LedgerFixture fixture;
    private MongoLedgerStorageEngine engine;

    @BeforeEach
    void start() {
        fixture = LedgerFixture.start(dataDir);
        engine = fixture.engine();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static List<EventMessage<?>> commit(String household, long firstSeq, int events, String key) {
        List<EventMessage<?>> commit = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            Map<String, String> meta = Map.of(MetadataKeys.ACTOR_ID, "loader", MetadataKeys.IDEMPOTENCY_KEY, key);
            commit.add(firstSeq + i == 0
                    ? event(household, 0, new Registered(household, "v"), meta)
                    : event(household, firstSeq + i, new Assessed(household, i), meta));
        }
        return commit;
    }

    @Test
    void writesEveryCommitAsItsOwnDocumentWithGaplessPositionsAChainAndRequestKeys() {
        List<List<EventMessage<?>>> commits = new ArrayList<>();
        for (int h = 0; h < 700; h++) {
            commits.add(commit("H" + h, 0, 1, "k/" + h + "/reg"));
            commits.add(commit("H" + h, 1, 2, "k/" + h + "/assess"));
        }

        BulkAppendResult result = engine.appendCommits(commits);

        assertThat(result.complete()).isTrue();
        assertThat(result.written()).isEqualTo(1400);
        assertThat(engine.head().position()).isEqualTo(700 * 3);
        assertThat(fixture.eventsCollection().countDocuments()).as("one document per commit").isEqualTo(1400);
        VerificationResult verified = engine.verifier().verify();
        assertThat(verified.ok()).as(verified.toString()).isTrue();
        assertThat(verified.eventsChecked()).isEqualTo(2100);
        assertThat(engine.readEvents("H699").asStream().map(DomainEventMessage::getSequenceNumber))
                .containsExactly(0L, 1L, 2L);
        assertThat(engine.commitOfRequest("loader", "k/699/assess")).hasValue(700L * 3 - 1);
        assertThat(engine.idempotencyKeysOf("loader")).hasSize(1400).contains("k/0/reg", "k/699/assess");
    }

    @Test
    void stopsAtTheFirstCommitWhoseStreamKeyIsTakenAndWritesNothingAfterIt() {
        engine.appendEvents(event("H5", 0, new Registered("H5", "elsewhere")));
        List<List<EventMessage<?>>> commits = new ArrayList<>();
        for (int h = 0; h < 10; h++) {
            commits.add(commit("H" + h, 0, 1, "k/" + h));
        }

        BulkAppendResult result = engine.appendCommits(commits);

        assertThat(result.complete()).isFalse();
        assertThat(result.written()).isEqualTo(5);
        assertThat(result.refusal()).isInstanceOf(AggregateStreamCreationException.class);
        assertThat(engine.head().position()).isEqualTo(6);
        assertThat(engine.readEvents("H6").asStream()).isEmpty();
        assertThat(engine.verifier().verify().ok()).isTrue();
    }

    @Test
    void stopsAtACommitThatClashesWithAnotherWritersEventOfTheSameAggregate() {
        engine.appendCommits(List.of(commit("H0", 0, 1, "k/0")));
        engine.appendEvents(event("H0", 1, new Assessed("H0", 9)));

        BulkAppendResult result = engine.appendCommits(List.of(commit("H0", 1, 1, "k/1"), commit("H1", 0, 1, "k/2")));

        assertThat(result.written()).isZero();
        assertThat(result.refusal()).isInstanceOf(ConcurrencyException.class);
        assertThat(engine.head().position()).isEqualTo(2);
    }

    @Test
    void stopsAtACommitWhoseRequestKeyIsAlreadyInTheLedger() {
        engine.appendCommits(List.of(commit("H0", 0, 1, "k/0")));

        BulkAppendResult result = engine.appendCommits(List.of(commit("H1", 0, 1, "k/1"),
                commit("H0", 1, 1, "k/0"), commit("H2", 0, 1, "k/2")));

        assertThat(result.written()).isEqualTo(1);
        assertThat(result.refusal()).isInstanceOf(DuplicateRequestException.class);
        assertThat(engine.head().position()).isEqualTo(2);
    }

    @Test
    void laysCommitsOutAgainAfterAnotherEngineTookTheirPositions() {
        MongoLedgerStorageEngine other = fixture.engine();
        engine.appendEvents(event("A", 0, new Registered("A", "v")));
        other.head();
        // the other node appends while this engine's cached head is stale
        for (int i = 0; i < 3; i++) {
            other.appendEvents(event("B" + i, 0, new Registered("B" + i, "v")));
        }
        List<List<EventMessage<?>>> commits = new ArrayList<>();
        for (int h = 0; h < 5; h++) {
            commits.add(commit("H" + h, 0, 1, "k/" + h));
        }

        BulkAppendResult result = engine.appendCommits(commits);

        assertThat(result.complete()).isTrue();
        assertThat(engine.head().position()).isEqualTo(9);
        VerificationResult verified = engine.verifier().verify();
        assertThat(verified.ok()).as(verified.toString()).isTrue();
        Document first = fixture.eventsCollection().find(new Document("_id", 5L)).first();
        assertThat(first).isNotNull();
        assertThat(first.getString("requestKey")).isEqualTo("loader/k/0");
    }
    @Test
    void aSessionAnswersAStreamThatHadNoEventFromMemoryAndDoesNotAppendWhenAnotherWriterStartedItMeanwhile()
            throws Exception {
        LedgerEventStore store = new LedgerEventStore(
                org.axonframework.eventsourcing.eventstore.EmbeddedEventStore.builder()
                        .optimizeEventConsumption(false), engine);
        MongoLedgerStorageEngine other = fixture.engine();
        try (BulkAppendSession session = store.openBulkSession()) {
            assertThat(session.call(() -> store.readEvents("PERIOD-1", 0).asStream().count())).isZero();
            session.collect(commit("H0", 0, 1, "k/0"));
            assertThat(session.flush().complete()).as("nobody else wrote PERIOD-1 yet").isTrue();

            assertThat(session.call(() -> store.readEvents("PERIOD-1", 0).asStream().count())).isZero();
            session.collect(commit("H1", 0, 1, "k/1"));
            other.appendEvents(event("PERIOD-1", 0, new Registered("PERIOD-1", "submitted elsewhere")));

            BulkAppendResult result = session.flush();

            assertThat(result.complete()).isFalse();
            assertThat(result.written()).isZero();
            assertThat(result.refusal()).isInstanceOf(ConcurrencyException.class)
                    .hasMessageContaining("PERIOD-1");
        }
        assertThat(engine.readEvents("H0").asStream()).hasSize(1);
        assertThat(engine.readEvents("H1").asStream()).as("decided on a stream read as empty").isEmpty();
        assertThat(engine.head().position()).isEqualTo(2);
    }
}
