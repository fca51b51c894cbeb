package org.povertyledger.command.audit;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.povertyledger.shared.audit.value.ReplayOutcome;

/**
 * Where replays keep their progress ({@code audit_replays}, one document per replay) and their per-decision
 * verdicts ({@code audit_replay_results}). These are the replay's working output, not a record: what a replay
 * was asked and what it found are the ledger's started and completed events, whose digest covers the verdicts.
 */
final class ReplayStore {

    static final String REPLAYS = "audit_replays";
    static final String RESULTS = "audit_replay_results";

    private final MongoCollection<Document> replays;
    private final MongoCollection<Document> results;

    ReplayStore(MongoDatabase database) {
        this.replays = database.getCollection(REPLAYS);
        this.results = database.getCollection(RESULTS);
    }

    void ensureIndexes() {
        results.createIndex(Indexes.ascending("replayId", "position"),
                new IndexOptions().name("replay_position_unique").unique(true));
        results.createIndex(Indexes.ascending("replayId", "outcome", "position"),
                new IndexOptions().name("replay_outcome_position"));
        replays.createIndex(Indexes.descending("requestedAt"), new IndexOptions().name("requested_at"));
    }

    void create(Document replay) {
        replays.insertOne(replay);
    }

    void update(String replayId, Bson update) {
        replays.updateOne(Filters.eq("_id", replayId), Updates.combine(update, Updates.set("heartbeatAt", new Date())));
    }

    Optional<Document> replay(String replayId) {
        return Optional.ofNullable(replays.find(Filters.eq("_id", replayId)).first());
    }

    List<Document> recent(int limit) {
        return replays.find().sort(Sorts.descending("requestedAt")).limit(limit).into(new ArrayList<>());
    }

    /** Stores a batch of verdicts of one replay. */
    void addResults(List<Document> verdicts) {
        if (verdicts.isEmpty()) {
            return;
        }
        results.insertMany(verdicts);
    }

    List<Document> results(String replayId, ReplayOutcome outcome, int offset, int limit) {
        Bson filter = outcome == null ? Filters.eq("replayId", replayId)
                : Filters.and(Filters.eq("replayId", replayId), Filters.eq("outcome", outcome.name()));
        return results.find(filter).sort(Sorts.ascending("position")).skip(offset).limit(limit)
                .projection(new Document("_id", 0).append("replayId", 0))
                .into(new ArrayList<>());
    }
}
