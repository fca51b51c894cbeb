package org.povertyledger.query.support;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.UnaryOperator;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;

/**
 * Loads and writes whole projection documents keyed by {@code _id}, one round trip of each kind per
 * processing batch.
 *
 * <p>Inside a unit of work (a pooled streaming processor runs one {@link BatchingUnitOfWork} per batch)
 * the first access loads, with one {@code $in} query, the documents of every message of the batch;
 * changes are kept in memory and all changed documents are written with one unordered
 * {@code bulkWrite} of {@link ReplaceOneModel} upserts. Outside a unit of work every change is written
 * at once.
 *
 * <p>When the batch is written: while the handler of the batch's <em>last</em> message runs, or at the
 * latest when the unit of work prepares to commit. The early write matters because a pooled streaming
 * processor registers the storing of its token as a prepare-commit handler <em>before</em> the batch
 * runs, so a write done in prepare-commit would come after the token was stored; without a transaction
 * around both, a failed write there would leave the token past events the projection never stored.
 * Written from the last handler, a failure is thrown from the handler and (with a propagating error
 * handler) rolls the batch back before the token moves. For a plain {@code DefaultUnitOfWork} (one
 * message, or several handlers called in one unit of work) the write happens at prepare-commit.
 *
 * <p>The change function receives the current document (or {@code null}) and returns the new one, or
 * {@code null} when nothing changed. It may change the given object in place and return it; it should
 * decide everything it needs before its first mutation, since a failure half-way would leave a
 * half-changed object in the batch.
 *
 * @param <T> the in-memory form of a document
 */
public final class BatchedDocumentWriter<T> {

    /** Converts between documents and their in-memory form. */
    public interface DocumentCodec<T> {

        T decode(Document document);

        /** The document to store; must carry its {@code _id}. */
        Document encode(T value);

        /** The last global log position applied to the value. */
        long position(T value);
    }

    private final MongoCollection<Document> collection;
    private final DocumentCodec<T> codec;
    private final Function<Object, String> documentIdOfPayload;
    private final LongConsumer afterWrite;
    private final String resourceKey;

    /**
     * @param documentIdOfPayload the document id an event payload touches, or {@code null} when it touches
     *        none; used to load a batch's documents in one query
     * @param afterWrite called after each successful write with the highest position written
     */
    public BatchedDocumentWriter(MongoCollection<Document> collection, DocumentCodec<T> codec,
                                 Function<Object, String> documentIdOfPayload, LongConsumer afterWrite) {
        this.collection = Objects.requireNonNull(collection, "collection");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.documentIdOfPayload = Objects.requireNonNull(documentIdOfPayload, "documentIdOfPayload");
        this.afterWrite = Objects.requireNonNull(afterWrite, "afterWrite");
        this.resourceKey = BatchedDocumentWriter.class.getName() + "[" + collection.getNamespace().getFullName()
                + "]@" + System.identityHashCode(this);
    }

    /**
     * Applies {@code change} to the document with the given id and writes the result, now or with the
     * batch.
     */
    public void update(String id, UnaryOperator<T> change) {
        Objects.requireNonNull(id, "id");
        Batch batch = currentBatch();
        if (batch == null) {
            T next = change.apply(load(id));
            if (next != null) {
                write(List.of(next));
            }
            return;
        }
        T next = change.apply(batch.get(id));
        if (next != null) {
            batch.put(id, next);
        }
        if (batch.atLastMessage()) {
            batch.flush();
        }
    }

    private Batch currentBatch() {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        if (root.phase() != UnitOfWork.Phase.STARTED) {
            // Already committing (e.g. called from a commit handler): nothing later would write the batch.
            return null;
        }
        return root.getOrComputeResource(resourceKey, key -> new Batch(root));
    }

    private T load(String id) {
        Document document = collection.find(eq("_id", id)).first();
        return document == null ? null : codec.decode(document);
    }

    private void write(List<T> values) {
        if (values.isEmpty()) {
            return;
        }
        long highest = Long.MIN_VALUE;
        if (values.size() == 1) {
            Document document = codec.encode(values.get(0));
            collection.replaceOne(eq("_id", document.get("_id")), document, new ReplaceOptions().upsert(true));
            highest = codec.position(values.get(0));
        } else {
            List<ReplaceOneModel<Document>> models = new ArrayList<>(values.size());
            for (T value : values) {
                Document document = codec.encode(value);
                models.add(new ReplaceOneModel<>(eq("_id", document.get("_id")), document,
                        new ReplaceOptions().upsert(true)));
                highest = Math.max(highest, codec.position(value));
            }
            collection.bulkWrite(models, new BulkWriteOptions().ordered(false));
        }
        afterWrite.accept(highest);
    }

    /** The documents one unit of work has loaded and changed. */
    private final class Batch {

        private final UnitOfWork<?> unitOfWork;
        /** Loaded documents; a {@code null} value means "looked up, does not exist". */
        private final Map<String, T> loaded = new HashMap<>();
        private final Map<String, T> changed = new LinkedHashMap<>();
        private boolean prefetched;

        private Batch(UnitOfWork<?> unitOfWork) {
            this.unitOfWork = unitOfWork;
            unitOfWork.onPrepareCommit(u -> flush());
        }

        T get(String id) {
            if (!prefetched) {
                prefetched = true;
                prefetch(id);
            }
            if (!loaded.containsKey(id)) {
                loaded.put(id, load(id));
            }
            return loaded.get(id);
        }

        void put(String id, T value) {
            loaded.put(id, value);
            changed.put(id, value);
        }

        boolean atLastMessage() {
            return unitOfWork instanceof BatchingUnitOfWork<?> batching && batching.isLastMessage();
        }

        void flush() {
            if (changed.isEmpty()) {
                return;
            }
            write(new ArrayList<>(changed.values()));
            changed.clear();
        }

        private void prefetch(String firstId) {
            Set<String> ids = new LinkedHashSet<>();
            ids.add(firstId);
            if (unitOfWork instanceof BatchingUnitOfWork<?> batching) {
                for (Message<?> message : batching.getMessages()) {
                    String id = documentIdOfPayload.apply(message.getPayload());
                    if (id != null) {
                        ids.add(id);
                    }
                }
            }
            for (Document document : collection.find(in("_id", ids))) {
                loaded.put(document.getString("_id"), codec.decode(document));
            }
            for (String id : ids) {
                loaded.putIfAbsent(id, null);
            }
        }
    }
}
