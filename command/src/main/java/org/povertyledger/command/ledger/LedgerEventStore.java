package org.povertyledger.command.ledger;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * The event store over the ledger, able to hold the events of a {@link BulkAppendSession} in memory: on a thread
 * that works inside an open session, a unit of work's events are collected by the session at commit instead of
 * being appended one commit per durable write, and reading an aggregate's stream (to load it, or to look up its
 * first event) sees the durable events followed by the session's. Every other thread sees only the ledger, so
 * nothing of a session is visible, or can be built upon, before the session has appended it.
 */
public class LedgerEventStore extends EmbeddedEventStore {

    private final MongoLedgerStorageEngine ledger;
    private final AtomicReference<BulkAppendSession> open = new AtomicReference<>();

    public LedgerEventStore(EmbeddedEventStore.Builder builder, MongoLedgerStorageEngine ledger) {
        super(builder.storageEngine(ledger));
        this.ledger = ledger;
    }

    /** Opens the one session of this store; close it to let ordinary appends through on its threads again. */
    public BulkAppendSession openBulkSession() {
        BulkAppendSession session = new BulkAppendSession(ledger, () -> open.set(null));
        if (!open.compareAndSet(null, session)) {
            throw new IllegalStateException("A bulk append session is already open");
        }
        return session;
    }

    private Optional<BulkAppendSession> sessionOfThisThread() {
        BulkAppendSession session = open.get();
        return session != null && session.isCurrentThreadInside() ? Optional.of(session) : Optional.empty();
    }

    @Override
    protected void prepareCommit(List<? extends EventMessage<?>> events) {
        Optional<BulkAppendSession> session = sessionOfThisThread();
        if (session.isPresent()) {
            session.get().collect(events);
            return;
        }
        BulkAppendSession other = open.get();
        if (other != null) {
            for (EventMessage<?> event : events) {
                if (event instanceof DomainEventMessage<?> domain && other.holds(domain.getAggregateIdentifier())) {
                    // This command may have been decided on a cached state that includes the session's unwritten
                    // events; appending it now would put its sequence number before theirs in the ledger.
                    throw new ConcurrencyException("Aggregate " + domain.getAggregateIdentifier()
                                                           + " has events of a bulk load not appended yet");
                }
            }
        }
        super.prepareCommit(events);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier) {
        return createdInSession(aggregateIdentifier, 0).orElseGet(() -> super.readEvents(aggregateIdentifier));
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        return createdInSession(aggregateIdentifier, firstSequenceNumber)
                .orElseGet(() -> super.readEvents(aggregateIdentifier, firstSequenceNumber));
    }

    private Optional<DomainEventStream> createdInSession(String aggregateIdentifier, long firstSequenceNumber) {
        return sessionOfThisThread().flatMap(s -> s.createdStream(aggregateIdentifier)).map(stream ->
                DomainEventStream.of(stream.stream().filter(e -> e.getSequenceNumber() >= firstSequenceNumber)));
    }

    /** For an aggregate older than the session: its stored events, then the session's not yet appended. */
    @Override
    protected Stream<? extends DomainEventMessage<?>> stagedDomainEventMessages(String aggregateIdentifier) {
        Stream<? extends DomainEventMessage<?>> staged = super.stagedDomainEventMessages(aggregateIdentifier);
        Optional<BulkAppendSession> session = sessionOfThisThread();
        return session.<Stream<? extends DomainEventMessage<?>>>map(
                s -> Stream.concat(s.unflushed(aggregateIdentifier).stream(), staged)).orElse(staged);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        Optional<BulkAppendSession> session = sessionOfThisThread();
        if (session.isEmpty()) {
            return super.lastSequenceNumberFor(aggregateIdentifier);
        }
        Optional<List<DomainEventMessage<?>>> created = session.get().createdStream(aggregateIdentifier);
        if (created.isPresent()) {
            return lastOf(created.get());
        }
        Optional<Long> unflushed = lastOf(session.get().unflushed(aggregateIdentifier));
        return unflushed.isPresent() ? unflushed : super.lastSequenceNumberFor(aggregateIdentifier);
    }

    private static Optional<Long> lastOf(List<DomainEventMessage<?>> stream) {
        return stream.isEmpty() ? Optional.empty() : Optional.of(stream.get(stream.size() - 1).getSequenceNumber());
    }

    /**
     * A snapshot taken inside a session would describe events that are not in the ledger yet (and may never be,
     * if the session is abandoned), so it is not stored; snapshots are an optimisation.
     */
    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        if (sessionOfThisThread().isEmpty()) {
            super.storeSnapshot(snapshot);
        }
    }
}
