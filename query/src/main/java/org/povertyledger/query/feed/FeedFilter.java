package org.povertyledger.query.feed;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.common.ValidationException;
import org.povertyledger.shared.feed.FeedEventCatalogue;
import org.povertyledger.shared.household.value.CommuneCode;

/**
 * Which events a reader wants: external type names and units (commune codes); an empty set means all. An event
 * without a unit never matches a unit filter.
 */
public record FeedFilter(Set<String> types, Set<String> units) {

    public FeedFilter {
        types = Set.copyOf(types);
        units = Set.copyOf(units);
    }

    public static FeedFilter all() {
        return new FeedFilter(Set.of(), Set.of());
    }

    /** Validates the names (known types, five-digit communes). */
    public static FeedFilter of(Collection<String> types, Collection<String> units) {
        Set<String> checkedTypes = new TreeSet<>();
        if (types != null) {
            for (String type : types) {
                String name = type.strip();
                if (name.isEmpty()) {
                    continue;
                }
                if (FeedEventCatalogue.byName(name).isEmpty()) {
                    throw new ValidationException(ErrorCode.UNKNOWN_EVENT_TYPE, "types", "known-event-type",
                            "unknown event type " + name,
                            Map.of("allowed", FeedEventCatalogue.names(), "rejected", name));
                }
                checkedTypes.add(name);
            }
        }
        Set<String> checkedUnits = new TreeSet<>();
        if (units != null) {
            for (String unit : units) {
                if (!unit.isBlank()) {
                    checkedUnits.add(new CommuneCode(unit.strip()).value());
                }
            }
        }
        return new FeedFilter(checkedTypes, checkedUnits);
    }

    public boolean matchesType(String type) {
        return types.isEmpty() || types.contains(type);
    }

    public boolean matchesUnit(String unit) {
        return units.isEmpty() || (unit != null && units.contains(unit));
    }

    /** A stable text form (sorted), for ETags. */
    public String key() {
        return String.join(",", new TreeSet<>(types)) + "|" + String.join(",", new TreeSet<>(units));
    }
}
