package org.povertyledger.query.feed;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.povertyledger.shared.access.UnitScope;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.common.ValidationException;
import org.povertyledger.shared.feed.FeedEventCatalogue;
import org.povertyledger.shared.household.value.CommuneCode;

/**
 * Which events a reader wants: external type names and units (commune codes); an empty set means all. An event
 * without a unit never matches a unit filter. On top of what the reader asks, the reader's {@link UnitScope}
 * decides what it may get: with a national scope everything; otherwise only events of a covered unit, and never
 * one that belongs to no unit (programme, funding and catalogue events can name households of any commune).
 */
public record FeedFilter(Set<String> types, Set<String> units, UnitScope scope) {

    public FeedFilter {
        types = Set.copyOf(types);
        units = Set.copyOf(units);
        scope = scope == null ? UnitScope.nationalScope() : scope;
    }

    /** A filter for a reader with a national scope. */
    public FeedFilter(Set<String> types, Set<String> units) {
        this(types, units, UnitScope.nationalScope());
    }

    public static FeedFilter all() {
        return new FeedFilter(Set.of(), Set.of());
    }

    /** The same filter for a reader confined to {@code readerScope}. */
    public FeedFilter within(UnitScope readerScope) {
        return new FeedFilter(types, units, readerScope);
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
        if (!scope.national() && (unit == null || !scope.covers(unit))) {
            return false;
        }
        return units.isEmpty() || (unit != null && units.contains(unit));
    }

    /** A stable text form (sorted), for ETags. */
    public String key() {
        return String.join(",", new TreeSet<>(types)) + "|" + String.join(",", new TreeSet<>(units)) + "|"
                + scope.key();
    }
}
