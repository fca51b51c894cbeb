package org.povertyledger.command.web;

import java.util.List;

import org.povertyledger.command.ledger.AppendReceipt;
import org.povertyledger.command.ledger.AppendedEvent;

/**
 * What a handled command produced: the handler's own result and the events appended for it.
 *
 * @param result the command handler's return value (may be null)
 */
public record CommandResult(Object result, AppendReceipt receipt) {

    /** The appended events, in position order. */
    public List<AppendedEvent> events() {
        return receipt == null ? List.of() : receipt.events();
    }

    /** Position of the last appended event, or 0 when the command appended nothing. */
    public long lastPosition() {
        List<AppendedEvent> events = events();
        return events.isEmpty() ? 0 : events.get(events.size() - 1).position();
    }

    /** The first appended event whose payload type is {@code type}. */
    public AppendedEvent first(Class<?> type) {
        return events().stream().filter(e -> e.payloadType().equals(type.getName())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + type.getSimpleName() + " was appended"));
    }
}
