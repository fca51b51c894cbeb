package org.povertyledger.query.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;

/** When and how often the writer reads and writes, inside and outside units of work. */
class BatchedDocumentWriterTest {

    private static final String COLLECTION = "counters";

    /** An event that adds one to the counter document {@code id}. */
    record Touch(String id, long position) {
    }

    private static final BatchedDocumentWriter.DocumentCodec<Document> CODEC =
            new BatchedDocumentWriter.DocumentCodec<>() {
                @Override
                public Document decode(Document document) {
                    return document;
                }

                @Override
                public Document encode(Document value) {
                    return value;
                }

                @Override
                public long position(Document value) {
                    return value.get("position", Number.class).longValue();
                }
            };

    @RegisterExtension
    static final EmbeddedMongo mongo = new EmbeddedMongo();

    private MongoCollection<Document> collection;
    private BatchedDocumentWriter<Document> writer;
    private final AtomicLong lastWrittenPosition = new AtomicLong(-1);
    private final AtomicInteger writes = new AtomicInteger();

    @BeforeEach
    void setUp() {
        MongoDatabase database = mongo.freshDatabase();
        collection = database.getCollection(COLLECTION);
        writer = new BatchedDocumentWriter<>(collection, CODEC,
                payload -> payload instanceof Touch touch ? touch.id() : null,
                position -> {
                    writes.incrementAndGet();
                    lastWrittenPosition.set(position);
                });
        mongo.resetCounts();
    }

    @AfterEach
    void noUnitOfWorkLeftOpen() {
        assertThat(org.axonframework.messaging.unitofwork.CurrentUnitOfWork.isStarted()).isFalse();
    }

    private void apply(Touch touch) {
        writer.update(touch.id(), current -> {
            Document next = current != null ? current : new Document("_id", touch.id()).append("count", 0);
            next.put("count", next.getInteger("count") + 1);
            next.put("position", touch.position());
            return next;
        });
    }

    private int count(String id) {
        Document document = collection.find(new Document("_id", id)).first();
        return document == null ? 0 : document.getInteger("count");
    }

    private int updates() {
        return mongo.count("update", COLLECTION);
    }

    private int finds() {
        return mongo.count("find", COLLECTION);
    }

    private static List<EventMessage<Touch>> messages(Touch... touches) {
        List<EventMessage<Touch>> messages = new ArrayList<>();
        for (Touch touch : touches) {
            messages.add(new GenericEventMessage<>(touch));
        }
        return messages;
    }

    @Test
    void outsideAUnitOfWorkEachChangeIsWrittenAtOnce() {
        apply(new Touch("a", 1));
        assertThat(count("a")).isEqualTo(1);

        apply(new Touch("a", 2));
        assertThat(count("a")).isEqualTo(2);
        assertThat(updates()).isEqualTo(2);
        assertThat(lastWrittenPosition).hasValue(2);
    }

    @Test
    void aChangeThatReturnsNothingWritesNothing() {
        writer.update("a", current -> null);

        assertThat(collection.countDocuments()).isZero();
        assertThat(updates()).isZero();
        assertThat(writes).hasValue(0);
    }

    @Test
    void insideADefaultUnitOfWorkNothingIsWrittenBeforeCommitAndEverythingInOneBulkWriteAfter() {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(new GenericEventMessage<>("batch"));
        apply(new Touch("a", 1));
        apply(new Touch("b", 2));
        apply(new Touch("a", 3));
        apply(new Touch("c", 4));

        assertThat(collection.countDocuments()).isZero();
        assertThat(updates()).isZero();

        unitOfWork.commit();

        assertThat(count("a")).isEqualTo(2);
        assertThat(count("b")).isEqualTo(1);
        assertThat(count("c")).isEqualTo(1);
        assertThat(updates()).isEqualTo(1);
        assertThat(writes).hasValue(1);
        assertThat(lastWrittenPosition).hasValue(4);
    }

    @Test
    void aRolledBackUnitOfWorkWritesNothing() {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(new GenericEventMessage<>("batch"));
        apply(new Touch("a", 1));
        apply(new Touch("b", 2));

        unitOfWork.rollback(new IllegalStateException("handler failed"));

        assertThat(collection.countDocuments()).isZero();
        assertThat(updates()).isZero();
    }

    @Test
    void aBatchLoadsTheDocumentsOfAllItsMessagesWithOneQuery() {
        apply(new Touch("a", 1));
        apply(new Touch("b", 2));
        mongo.resetCounts();

        BatchingUnitOfWork<EventMessage<Touch>> batch = new BatchingUnitOfWork<>(
                messages(new Touch("a", 3), new Touch("b", 4), new Touch("c", 5), new Touch("a", 6)));
        batch.execute(() -> apply(batch.getMessage().getPayload()));

        assertThat(finds()).isEqualTo(1);
        assertThat(count("a")).isEqualTo(3);
        assertThat(count("b")).isEqualTo(2);
        assertThat(count("c")).isEqualTo(1);
    }

    @Test
    void aBatchWritesNothingUntilItsLastMessageAndEverythingInOneBulkWriteBeforeItPreparesToCommit() {
        BatchingUnitOfWork<EventMessage<Touch>> batch = new BatchingUnitOfWork<>(
                messages(new Touch("a", 1), new Touch("b", 2), new Touch("c", 3), new Touch("a", 4)));
        List<Long> documentsSeenBeforeEachMessage = new ArrayList<>();
        List<Long> documentsSeenAtPrepareCommit = new ArrayList<>();
        // Registered before the batch runs, as a pooled streaming processor registers its token store.
        batch.onPrepareCommit(u -> documentsSeenAtPrepareCommit.add(collection.countDocuments()));

        batch.execute(() -> {
            documentsSeenBeforeEachMessage.add(collection.countDocuments());
            apply(batch.getMessage().getPayload());
        });

        assertThat(documentsSeenBeforeEachMessage).containsExactly(0L, 0L, 0L, 0L);
        assertThat(documentsSeenAtPrepareCommit).containsExactly(3L);
        assertThat(updates()).isEqualTo(1);
        assertThat(count("a")).isEqualTo(2);
        assertThat(lastWrittenPosition).hasValue(4);
    }

    @Test
    void aBatchWhoseLastMessageChangesNothingIsWrittenWhenItPreparesToCommit() {
        BatchingUnitOfWork<EventMessage<Touch>> batch = new BatchingUnitOfWork<>(
                messages(new Touch("a", 1), new Touch("b", 2), new Touch("skip", 3)));

        batch.execute(() -> {
            Touch touch = batch.getMessage().getPayload();
            if (touch.id().equals("skip")) {
                writer.update(touch.id(), current -> null);
            } else {
                apply(touch);
            }
        });

        assertThat(count("a")).isEqualTo(1);
        assertThat(count("b")).isEqualTo(1);
        assertThat(collection.countDocuments()).isEqualTo(2);
        assertThat(updates()).isEqualTo(1);
    }

    @Test
    void aFailingBatchWritesNothing() {
        BatchingUnitOfWork<EventMessage<Touch>> batch = new BatchingUnitOfWork<>(
                messages(new Touch("a", 1), new Touch("b", 2), new Touch("c", 3)));

        assertThatThrownBy(() -> batch.execute(() -> {
            Touch touch = batch.getMessage().getPayload();
            if (touch.id().equals("b")) {
                throw new IllegalStateException("handler failed");
            }
            apply(touch);
        })).isInstanceOf(IllegalStateException.class);

        assertThat(collection.countDocuments()).isZero();
        assertThat(updates()).isZero();
    }
}
