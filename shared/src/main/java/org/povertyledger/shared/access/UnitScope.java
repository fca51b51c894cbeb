package org.povertyledger.shared.access;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * The administrative units a user may read and write, already widened through the map's hierarchy and merges
 * (a district covers its communes; a commune covers the units it was merged into or from). A household, import
 * row, benefit, indicator figure or feed event is inside the scope when the code of its unit is one of
 * {@link #units()}; a national scope covers every unit, including units it has never heard of.
 *
 * @param national whether every unit is covered
 * @param units the covered unit codes (empty when national)
 */
public record UnitScope(boolean national, Set<String> units) {

    /** The grant that stands for the whole country in configuration and token claims. */
    public static final String NATIONAL_GRANT = "*";

    private static final UnitScope NATIONAL = new UnitScope(true, Set.of());
    private static final UnitScope NONE = new UnitScope(false, Set.of());

    public UnitScope {
        units = national ? Set.of() : Set.copyOf(new TreeSet<>(units));
    }

    /** Every unit. */
    public static UnitScope nationalScope() {
        return NATIONAL;
    }

    /** No unit at all: what a user without any grant gets. */
    public static UnitScope none() {
        return NONE;
    }

    /** Exactly these units, not widened. */
    public static UnitScope of(Collection<String> units) {
        return new UnitScope(false, Set.copyOf(units));
    }

    /** Whether the unit with this code (any level) is inside the scope; a {@code null} code never is, unless national. */
    public boolean covers(String unitCode) {
        return national || (unitCode != null && units.contains(unitCode));
    }

    /** A stable text form for cache keys and logs: {@code *} or the sorted codes joined by commas. */
    public String key() {
        return national ? NATIONAL_GRANT : String.join(",", new TreeSet<>(units));
    }
}
