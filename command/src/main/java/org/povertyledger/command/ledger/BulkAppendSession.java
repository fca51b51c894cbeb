package org.povertyledger.command.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Collects, in memory and in commit order, the events that commands handled by the ordinary command bus and
 * aggregates produce on the threads working inside it, and appends them with
 * {@link MongoLedgerStorageEngine#appendCommits}: one commit per command as before, many per round trip. Between
 * two {@link #flush()}es the collected events are visible only to the session's own threads (see
 * {@link LedgerEventStore}); the caller must not flush while those threads are handling commands.
 * <p>
 * If a flush is refused (another writer appended to one of the session's aggregates, or a request key is already
 * taken) the commits before the refused one are in the ledger and the rest are dropped: the caller must forget
 * whatever state it built from them (aggregate caches) and go on through the ordinary path.
 */
public final class BulkAppendSession implements AutoCloseable {

    private final MongoLedgerStorageEngine ledger;
    private final Runnable onClose;
    private final ThreadLocal<Boolean> inside = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private final List<List<? extends EventMessage<?>>> commits = new ArrayList<>();
    /** Events collected since the last flush, by aggregate. */
    private final Map<String, List<DomainEventMessage<?>>> unflushed = new HashMap<>();
    /**
     * The whole stream of every aggregate whose first event was collected by this session, kept across flushes:
     * such a stream is entirely the session's, so it is read from here without asking the store. Should another
     * writer append to it meanwhile, the session's next commit for it clashes on its stream key.
     */
    private final Map<String, List<DomainEventMessage<?>>> created = new HashMap<>();
    private long events;

    /** Aggregates that had events in the ledger when the session opened. */
    private final Set<String> stored;
    /**
     * Aggregates the session answered as empty without asking the store (they had no event when it opened). Before
     * each flush the ledger is asked whether another writer has started one of those the session did not create
     * itself: a command decided on such an answer (an open review period) is not appended then.
     */
    private final Set<String> assumedEmpty = new HashSet<>();

    BulkAppendSession(MongoLedgerStorageEngine ledger, Runnable onClose) {
        this.ledger = ledger;
        this.onClose = onClose;
        this.stored = ledger.aggregateIdentifiers();
    }

    /** Runs {@code work} on the current thread as part of this session. */
    public <T> T call(Callable<T> work) throws Exception {
        boolean was = inside.get();
        inside.set(Boolean.TRUE);
        try {
            return work.call();
        } finally {
            inside.set(was);
        }
    }

    /** Runs {@code work} on the current thread as part of this session. */
    public void run(Runnable work) {
        try {
            call(() -> {
                work.run();
                return null;
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    boolean isCurrentThreadInside() {
        return inside.get();
    }

    synchronized void collect(List<? extends EventMessage<?>> commit) {
        if (commit.isEmpty()) {
            return;
        }
        commits.add(List.copyOf(commit));
        for (EventMessage<?> event : commit) {
            if (event instanceof DomainEventMessage<?> domain && domain.getAggregateIdentifier() != null) {
                String id = domain.getAggregateIdentifier();
                if (domain.getSequenceNumber() == 0) {
                    created.put(id, new ArrayList<>());
                }
                List<DomainEventMessage<?>> stream = created.get(id);
                if (stream != null) {
                    stream.add(domain);
                }
                unflushed.computeIfAbsent(id, k -> new ArrayList<>()).add(domain);
            }
        }
        events += commit.size();
    }

    /**
     * The aggregate's whole stream when the store is not needed to know it: the stream began in this session, or
     * the aggregate had no event in the ledger when the session opened and none was collected since (an empty
     * stream; an aggregate another writer creates meanwhile makes the session's own creation of it clash). Empty
     * when the stream must be read from the store, followed by {@link #unflushed}.
     */
    synchronized Optional<List<DomainEventMessage<?>>> createdStream(String aggregateIdentifier) {
        List<DomainEventMessage<?>> stream = created.get(aggregateIdentifier);
        if (stream != null) {
            return Optional.of(List.copyOf(stream));
        }
        if (stored.contains(aggregateIdentifier)) {
            return Optional.empty();
        }
        assumedEmpty.add(aggregateIdentifier);
        return Optional.of(List.of());
    }

    /** The aggregate's events collected since the last flush. */
    synchronized List<DomainEventMessage<?>> unflushed(String aggregateIdentifier) {
        List<DomainEventMessage<?>> list = unflushed.get(aggregateIdentifier);
        return list == null ? List.of() : List.copyOf(list);
    }

    synchronized boolean holds(String aggregateIdentifier) {
        return aggregateIdentifier != null && unflushed.containsKey(aggregateIdentifier);
    }

    /** Commits collected since the last flush. */
    public synchronized int pendingCommits() {
        return commits.size();
    }

    /** Events collected since the last flush. */
    public synchronized long pendingEvents() {
        return events;
    }

    /**
     * Appends every collected commit in collection order and forgets them, written or not.
     *
     * @return how many were written; when refused, the rest were not
     */
    public synchronized BulkAppendResult flush() {
        List<List<? extends EventMessage<?>>> toWrite = new ArrayList<>(commits);
        commits.clear();
        unflushed.clear();
        events = 0;
        if (toWrite.isEmpty()) {
            return new BulkAppendResult(0, null);
        }
        assumedEmpty.removeAll(created.keySet());
        if (!assumedEmpty.isEmpty()) {
            Set<String> startedElsewhere = ledger.startedStreams(assumedEmpty);
            if (!startedElsewhere.isEmpty()) {
                return new BulkAppendResult(0, new ConcurrencyException("Another writer started " + startedElsewhere
                        + ", which the bulk session had read as empty; nothing of the batch was appended"));
            }
        }
        return ledger.appendCommits(toWrite);
    }

    /** Drops what was collected and not flushed. */
    public synchronized void discard() {
        commits.clear();
        unflushed.clear();
        created.clear();
        assumedEmpty.clear();
        events = 0;
    }

    @Override
    public void close() {
        discard();
        onClose.run();
    }
}
