package org.povertyledger.deploy.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.povertyledger.command.ledger.LedgerVerifier;
import org.povertyledger.command.ledger.VerificationResult;
import org.povertyledger.shared.common.MetadataKeys;

/**
 * What the reliability tests and the soak check in the ledger itself, read straight from the events collection through the
 * driver (not through the service under test): positions 1..N without gap or repeat, each aggregate's sequence
 * numbers 0..n-1 in position order, the hash chain, and how many commits carry each idempotency key.
 *
 * @param events        every event in position order
 * @param gaps          positions missing or repeated between 1 and the last position ("expected 7, found 9")
 * @param sequenceBreaks aggregates whose sequence numbers do not run 0, 1, 2, ... in position order
 * @param chain         the verifier's result over the whole chain
 * @param commitsPerKey how many commits carry each (actor, idempotency key) pair
 */
public record LedgerAudit(List<Event> events, List<String> gaps, List<String> sequenceBreaks, VerificationResult chain,
                   Map<String, Integer> commitsPerKey) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One stored event, its payload parsed. */
    public record Event(long position, String eventId, String aggregateId, long sequence, String type, JsonNode payload,
                 JsonNode meta) {

        public boolean is(String simpleType) {
            return type.endsWith("." + simpleType);
        }
    }

    /** Reads the whole ledger; meant for test-sized and soak-sized ledgers (every event is held in memory). */
    public static LedgerAudit of(MongoDatabase database) {
        List<Event> events = new ArrayList<>();
        List<String> gaps = new ArrayList<>();
        Map<String, Integer> commitsPerKey = new HashMap<>();
        long expected = 1;
        // In batches: without a batch size the embedded server answers a sorted find in one reply, which past
        // about 150,000 commits is larger than the driver accepts (48 MB).
        for (Document commit : database.getCollection("events").find().sort(Sorts.ascending("_id")).batchSize(1_000)) {
            String key = null;
            for (Document event : commit.getList("events", Document.class, List.of())) {
                long position = ((Number) event.get("pos")).longValue();
                if (position != expected) {
                    gaps.add("expected " + expected + ", found " + position);
                }
                expected = position + 1;
                JsonNode meta = parse(event.get("meta"));
                if (key == null && meta.hasNonNull(MetadataKeys.IDEMPOTENCY_KEY)) {
                    key = meta.path(MetadataKeys.ACTOR_ID).asText() + "/" + meta.get(MetadataKeys.IDEMPOTENCY_KEY).asText();
                }
                events.add(new Event(position, event.getString("id"), event.getString("aggId"),
                        ((Number) event.get("seq")).longValue(), event.getString("type"), parse(event.get("payload")),
                        meta));
            }
            if (key != null) {
                commitsPerKey.merge(key, 1, Integer::sum);
            }
        }
        Map<String, Long> nextSequence = new LinkedHashMap<>();
        List<String> sequenceBreaks = new ArrayList<>();
        for (Event event : events) {
            long next = nextSequence.getOrDefault(event.aggregateId(), 0L);
            if (event.sequence() != next) {
                sequenceBreaks.add(event.aggregateId() + " at " + event.position() + ": seq " + event.sequence()
                        + ", expected " + next);
            }
            nextSequence.put(event.aggregateId(), event.sequence() + 1);
        }
        VerificationResult chain = new LedgerVerifier(database.getCollection("events")).verify();
        return new LedgerAudit(events, gaps, sequenceBreaks, chain, commitsPerKey);
    }

    private static JsonNode parse(Object payload) {
        try {
            return payload instanceof String text ? JSON.readTree(text) : JSON.createObjectNode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long head() {
        return events.isEmpty() ? 0 : events.get(events.size() - 1).position();
    }

    /** Commits beyond the first under one idempotency key: each is a request applied twice. */
    public long duplicatedRequests() {
        return commitsPerKey.values().stream().mapToLong(n -> n - 1).sum();
    }

    /** Positions contiguous, sequences in order, chain valid: the shape every guarantee test asserts. */
    public boolean sound() {
        return gaps.isEmpty() && sequenceBreaks.isEmpty() && chain.ok();
    }

    public List<Event> ofType(String simpleType) {
        return events.stream().filter(e -> e.is(simpleType)).toList();
    }

    @Override
    public String toString() {
        return "ledger of " + events.size() + " events, gaps " + gaps + ", sequence breaks " + sequenceBreaks
                + ", chain " + chain;
    }
}
