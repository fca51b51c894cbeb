package org.povertyledger.shared.feed.command;

import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.common.ValidationException;
import org.povertyledger.shared.feed.FeedEventCatalogue;
import org.povertyledger.shared.feed.value.SubscriptionId;
import org.povertyledger.shared.feed.value.WebhookSecret;
import org.povertyledger.shared.feed.value.WebhookUrl;
import org.povertyledger.shared.household.value.CommuneCode;

/**
 * Subscribes a URL to the events of the given types and units, delivered from the position after
 * {@code startAfter}.
 *
 * @param eventTypes external type names; empty means every published type
 * @param units commune codes; empty means every unit
 * @param startAfter the position after which delivery starts (0: from the first event)
 * @param personalData whether the events carry personal fields (the creator's scope must allow it)
 */
public record CreateWebhookSubscriptionCommand(
        @TargetAggregateIdentifier SubscriptionId subscriptionId,
        WebhookUrl url,
        SortedSet<String> eventTypes,
        SortedSet<String> units,
        WebhookSecret secret,
        long startAfter,
        boolean personalData) {

    public CreateWebhookSubscriptionCommand {
        Require.present("subscriptionId", subscriptionId);
        Require.present("url", url);
        Require.present("secret", secret);
        eventTypes = knownTypes(eventTypes);
        units = communes(units);
        Require.range("after", startAfter, 0, Long.MAX_VALUE);
    }

    private static SortedSet<String> knownTypes(Set<String> types) {
        SortedSet<String> result = new TreeSet<>();
        if (types == null) {
            return result;
        }
        for (String type : types) {
            if (type == null || FeedEventCatalogue.byName(type).isEmpty()) {
                throw new ValidationException(ErrorCode.UNKNOWN_EVENT_TYPE, "types", "known-event-type",
                        "unknown event type " + type, Map.of("allowed", FeedEventCatalogue.names(),
                                "rejected", String.valueOf(type)));
            }
            result.add(type);
        }
        return result;
    }

    private static SortedSet<String> communes(Set<String> units) {
        SortedSet<String> result = new TreeSet<>();
        if (units == null) {
            return result;
        }
        if (units.size() > 1000) {
            throw new ValidationException("units", "max-items:1000", "at most 1000 units");
        }
        for (String unit : units) {
            result.add(new CommuneCode(unit).value());
        }
        return result;
    }
}
