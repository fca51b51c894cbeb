package org.povertyledger.command.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * What the ledger recorded during one Unit of Work. The storage engine adds to it after each successful append, as
 * a resource of the Unit of Work under {@link #RESOURCE_KEY}, so the web layer can answer a command with the
 * positions and hashes of the events it produced.
 * <p>
 * Thread-safe, though a Unit of Work is normally confined to one thread.
 */
public final class AppendReceipt {

    /** Key of the receipt among the Unit of Work resources. */
    public static final String RESOURCE_KEY = AppendReceipt.class.getName();

    private final List<AppendedEvent> events = new ArrayList<>();

    /** The recorded events, in position order. */
    public synchronized List<AppendedEvent> events() {
        return List.copyOf(events);
    }

    /** Global position of the last recorded event, if any. */
    public synchronized OptionalLong lastPosition() {
        return events.isEmpty() ? OptionalLong.empty() : OptionalLong.of(events.get(events.size() - 1).position());
    }

    synchronized void addAll(List<AppendedEvent> appended) {
        events.addAll(appended);
    }
}
