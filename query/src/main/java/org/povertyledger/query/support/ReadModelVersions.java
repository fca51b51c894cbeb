package org.povertyledger.query.support;

import static com.mongodb.client.model.Filters.eq;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.lifecycle.Phase;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;

/**
 * Rebuilds a read model when the code that keeps it changed meaning: each processing group that declares a
 * {@link ReadModelVersion} has the version its documents were built by stored in {@value #COLLECTION}; on start,
 * before any processor runs, a group whose stored version differs (or is missing: a store from before versions
 * were kept) is reset, which empties its collections through its reset handler and replays the log into them.
 * The new version is stored once the reset is done; a crash in between resets again on the next start.
 *
 * <p>A node that does not run the group (a command-only node) leaves it alone. Two query nodes started together
 * on a changed version may both reset: the rebuild then runs twice, harmlessly.
 */
public final class ReadModelVersions implements ConfigurerModule {

    public static final String COLLECTION = "read_model_versions";

    private static final Logger LOG = LoggerFactory.getLogger(ReadModelVersions.class);

    private final MongoCollection<Document> versions;
    private final List<ReadModelVersion> declared;

    public ReadModelVersions(MongoDatabase database, List<ReadModelVersion> declared) {
        this.versions = database.getCollection(COLLECTION);
        this.declared = List.copyOf(declared);
    }

    @Override
    public void configureModule(Configurer configurer) {
        configurer.onInitialize(configuration ->
                configuration.onStart(Phase.INBOUND_EVENT_CONNECTORS - 10, () -> check(configuration)));
    }

    /** The version a group's stored documents were built by; {@code null} when none is stored. */
    public Integer storedVersion(String processingGroup) {
        Document stored = versions.find(eq("_id", processingGroup)).first();
        return stored == null ? null : stored.getInteger("version");
    }

    private void check(Configuration configuration) {
        for (ReadModelVersion model : declared) {
            Integer stored = storedVersion(model.processingGroup());
            if (Objects.equals(stored, model.version())) {
                continue;
            }
            var processor = configuration.eventProcessingConfiguration()
                    .eventProcessor(model.processingGroup(), StreamingEventProcessor.class);
            if (processor.isEmpty()) {
                continue;
            }
            LOG.info("Read model {} was built by version {}, this code keeps version {}: rebuilding it from the log",
                    model.processingGroup(), stored == null ? "(none recorded)" : stored, model.version());
            processor.get().resetTokens();
            versions.replaceOne(eq("_id", model.processingGroup()),
                    new Document("_id", model.processingGroup()).append("version", model.version())
                            .append("rebuiltAt", DocumentValues.text(Instant.now())),
                    new ReplaceOptions().upsert(true));
        }
    }
}
