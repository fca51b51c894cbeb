package org.povertyledger.shared.feed.query;

import java.util.List;

/** A subscription's dead-letter list, oldest position first. */
public record DeadLetterList(String subscriptionId, List<DeadLetterSummary> items) {
}
