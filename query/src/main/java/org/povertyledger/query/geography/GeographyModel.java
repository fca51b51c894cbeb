package org.povertyledger.query.geography;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.bson.Document;
import org.povertyledger.query.support.DocumentValues;
import org.povertyledger.query.support.ReferenceLog;
import org.povertyledger.shared.geography.query.DatedValue;
import org.povertyledger.shared.geography.query.LineageLink;
import org.povertyledger.shared.geography.query.UnitNode;
import org.povertyledger.shared.geography.value.UnitFlag;
import org.povertyledger.shared.geography.value.UnitLevel;

/**
 * The administrative map as folded from its events (those up to one log position), queried on any valid date.
 * Immutable once folded.
 *
 * <h2>Recorded codes onto units</h2>
 * Households keep the commune code they were recorded under. A unit U on map date M counts the households of
 * every recorded commune code c whose <em>successor on M</em> (c itself, or the unit c was merged into, followed
 * transitively through merges effective on or before M) is U or lies under U on M. So a commune formed on
 * 2025-07-01 from A and B covers A's and B's households for every review year when read on a map date from
 * 2025-07-01, while A and B still answer for themselves on earlier map dates.
 *
 * <h2>Default map date</h2>
 * A unit's figures for review year Y are read on 31 December of Y, moved into the unit's validity interval: a
 * unit that ended earlier is read on its last day, one that began later on its first. So a dissolved district
 * answers for 2024 on the 2024 map, and a merged commune answers for 2024 on the map where it exists.
 */
public final class GeographyModel {

    /** One unit and its history on the valid-time axis. */
    public static final class Unit {
        private final String code;
        private final UnitLevel level;
        private final LocalDate validFrom;
        private LocalDate end;
        private String endReason;
        private String mergedInto;
        private final TreeMap<LocalDate, String> names = new TreeMap<>();
        private final TreeMap<LocalDate, String> parents = new TreeMap<>();
        private final TreeMap<LocalDate, Set<UnitFlag>> flags = new TreeMap<>();
        private final List<LineageLink> mergedFrom = new ArrayList<>();

        private Unit(String code, UnitLevel level, LocalDate validFrom) {
            this.code = code;
            this.level = level;
            this.validFrom = validFrom;
        }

        public String code() {
            return code;
        }

        public UnitLevel level() {
            return level;
        }

        public LocalDate validFrom() {
            return validFrom;
        }

        /** The first day the unit no longer exists, {@code null} while it exists. */
        public LocalDate validTo() {
            return end;
        }

        public boolean validOn(LocalDate date) {
            return !date.isBefore(validFrom) && (end == null || date.isBefore(end));
        }

        public String nameOn(LocalDate date) {
            Map.Entry<LocalDate, String> entry = names.floorEntry(date);
            return entry != null ? entry.getValue() : names.firstEntry().getValue();
        }

        public String parentOn(LocalDate date) {
            Map.Entry<LocalDate, String> entry = parents.floorEntry(date);
            return entry == null ? null : entry.getValue();
        }

        public Set<UnitFlag> flagsOn(LocalDate date) {
            Map.Entry<LocalDate, Set<UnitFlag>> entry = flags.floorEntry(date);
            return entry == null ? Set.of() : entry.getValue();
        }

        /** The date inside the unit's validity closest to {@code date}. */
        public LocalDate clampIntoValidity(LocalDate date) {
            if (date.isBefore(validFrom)) {
                return validFrom;
            }
            if (end != null && !date.isBefore(end)) {
                return end.minusDays(1);
            }
            return date;
        }
    }

    public static final GeographyModel EMPTY = new GeographyModel(new LinkedHashMap<>());

    private final Map<String, Unit> units;
    /** Every unit that ever had the key as its parent: the downward half of a scope's widening. */
    private final Map<String, Set<String>> everUnder = new HashMap<>();

    private GeographyModel(Map<String, Unit> units) {
        this.units = units;
        for (Unit unit : units.values()) {
            for (String parent : unit.parents.values()) {
                if (parent != null) {
                    everUnder.computeIfAbsent(parent, p -> new TreeSet<>()).add(unit.code);
                }
            }
        }
    }

    /** Folds the geography entries among {@code entries} (in position order). */
    public static GeographyModel fold(List<ReferenceLog.Entry> entries) {
        Map<String, Unit> units = new LinkedHashMap<>();
        for (ReferenceLog.Entry entry : entries) {
            Document data = entry.data();
            if (entry.type() == null) {
                continue;
            }
            LocalDate date = DocumentValues.date(data, "date");
            switch (entry.type()) {
                case GeographyEntries.REGISTERED -> {
                    String code = data.getString("unit");
                    Unit unit = new Unit(code, UnitLevel.valueOf(data.getString("level")), date);
                    unit.names.put(date, data.getString("name"));
                    unit.parents.put(date, data.getString("parent"));
                    unit.flags.put(date, flags(data));
                    units.put(code, unit);
                }
                case GeographyEntries.RENAMED -> known(units, data).ifPresent(u -> u.names.put(date, data.getString("name")));
                case GeographyEntries.REPARENTED ->
                        known(units, data).ifPresent(u -> u.parents.put(date, data.getString("parent")));
                case GeographyEntries.FLAGS_CHANGED -> known(units, data).ifPresent(u -> u.flags.put(date, flags(data)));
                case GeographyEntries.MERGED -> {
                    String target = data.getString("unit");
                    for (String source : data.getList("sources", String.class)) {
                        Unit unit = units.get(source);
                        if (unit != null) {
                            unit.end = date;
                            unit.endReason = "MERGED";
                            unit.mergedInto = target;
                        }
                        Unit into = units.get(target);
                        if (into != null) {
                            into.mergedFrom.add(new LineageLink(source, target, date));
                        }
                    }
                }
                case GeographyEntries.DISSOLVED -> known(units, data).ifPresent(u -> {
                    u.end = date;
                    u.endReason = "DISSOLVED";
                });
                default -> {
                    // not a geography entry
                }
            }
        }
        return new GeographyModel(units);
    }

    private static Optional<Unit> known(Map<String, Unit> units, Document data) {
        return Optional.ofNullable(units.get(data.getString("unit")));
    }

    private static Set<UnitFlag> flags(Document data) {
        List<String> names = data.getList("flags", String.class, List.of());
        if (names.isEmpty()) {
            return Set.of();
        }
        EnumSet<UnitFlag> set = EnumSet.noneOf(UnitFlag.class);
        names.forEach(name -> set.add(UnitFlag.valueOf(name)));
        return Collections.unmodifiableSet(set);
    }

    public Optional<Unit> unit(String code) {
        return Optional.ofNullable(units.get(code));
    }

    /** Every unit ever registered. */
    public Iterable<Unit> units() {
        return units.values();
    }

    /** The unit a recorded code stands for on {@code date}: itself or the unit it was merged into, transitively. */
    public String successorOn(String code, LocalDate date) {
        String current = code;
        for (int hops = 0; hops <= units.size(); hops++) {
            Unit unit = units.get(current);
            if (unit == null || unit.mergedInto == null || unit.end.isAfter(date)) {
                return current;
            }
            current = unit.mergedInto;
        }
        return current;
    }

    /**
     * The units a scope granted as {@code grants} covers: each granted code, every unit that was ever under a
     * covered unit (on any date), and every unit a covered unit was merged into or from, repeated until nothing
     * is added. So a commune granted on the old map covers the commune it was merged into and, through it, the
     * communes merged with it; a commune granted on the new map covers the communes it was formed from; a
     * district covers its communes, villages and their successors even after the district was abolished. Codes
     * the map does not know stay in the set as given, so households recorded under them remain reachable.
     */
    public Set<String> scopeOf(Collection<String> grants) {
        Set<String> covered = new TreeSet<>();
        Deque<String> pending = new ArrayDeque<>();
        for (String grant : grants) {
            if (covered.add(grant)) {
                pending.add(grant);
            }
        }
        while (!pending.isEmpty()) {
            String code = pending.poll();
            List<String> reached = new ArrayList<>(everUnder.getOrDefault(code, Set.of()));
            Unit unit = units.get(code);
            if (unit != null) {
                if (unit.mergedInto != null) {
                    reached.add(unit.mergedInto);
                }
                unit.mergedFrom.forEach(link -> reached.add(link.fromCode()));
            }
            for (String next : reached) {
                if (covered.add(next)) {
                    pending.add(next);
                }
            }
        }
        return covered;
    }

    /** Whether {@code code} is {@code ancestor} or lies under it on {@code date}. */
    public boolean within(String code, String ancestor, LocalDate date) {
        String current = code;
        for (int hops = 0; current != null && hops <= units.size(); hops++) {
            if (current.equals(ancestor)) {
                return true;
            }
            Unit unit = units.get(current);
            current = unit == null ? null : unit.parentOn(date);
        }
        return false;
    }

    /** The default map date of a unit's figures for a review year (see the class comment). */
    public LocalDate defaultMapDate(Unit unit, int year) {
        return unit.clampIntoValidity(LocalDate.of(year, 12, 31));
    }

    /**
     * The recorded commune codes whose households count for {@code unitCode} on map date {@code mapDate}, in
     * code order.
     */
    public List<String> communesCovering(String unitCode, LocalDate mapDate) {
        TreeSet<String> covered = new TreeSet<>();
        for (Unit unit : units.values()) {
            if (unit.level != UnitLevel.COMMUNE) {
                continue;
            }
            String successor = successorOn(unit.code, mapDate);
            if (successor.equals(unitCode)) {
                covered.add(unit.code);
                continue;
            }
            Unit standing = units.get(successor);
            if (standing != null && standing.validOn(mapDate) && within(successor, unitCode, mapDate)) {
                covered.add(unit.code);
            }
        }
        return List.copyOf(covered);
    }

    /** The units valid on {@code date} whose parent on that date is {@code code}, in code order. */
    public List<Unit> childrenOn(String code, LocalDate date) {
        List<Unit> children = new ArrayList<>();
        for (Unit unit : units.values()) {
            if (unit.validOn(date) && code.equals(unit.parentOn(date))) {
                children.add(unit);
            }
        }
        children.sort(Comparator.comparing(Unit::code));
        return children;
    }

    /** The units valid on {@code date}, nested; roots are the units without a valid parent that day. */
    public List<UnitNode> tree(LocalDate date) {
        List<UnitNode> roots = new ArrayList<>();
        units.values().stream()
                .filter(u -> u.validOn(date))
                .filter(u -> {
                    String parent = u.parentOn(date);
                    return parent == null || !units.containsKey(parent) || !units.get(parent).validOn(date);
                })
                .sorted(Comparator.comparing(Unit::code))
                .forEach(u -> roots.add(node(u, date, 0)));
        return roots;
    }

    private UnitNode node(Unit unit, LocalDate date, int depth) {
        List<UnitNode> children = depth > units.size() ? List.of()
                : childrenOn(unit.code, date).stream().map(c -> node(c, date, depth + 1)).toList();
        return new UnitNode(unit.code, unit.nameOn(date), unit.level, unit.flagsOn(date), children);
    }

    /** The names over time. */
    public static List<DatedValue> names(Unit unit) {
        return unit.names.entrySet().stream().map(e -> new DatedValue(e.getKey(), e.getValue())).toList();
    }

    /** The parents over time. */
    public static List<DatedValue> parents(Unit unit) {
        return unit.parents.entrySet().stream().map(e -> new DatedValue(e.getKey(), e.getValue())).toList();
    }

    public static String endReason(Unit unit) {
        return unit.endReason;
    }

    /** Every merge leading into the unit, transitively, oldest first. */
    public List<LineageLink> predecessors(Unit unit) {
        List<LineageLink> links = new ArrayList<>();
        collectPredecessors(unit, links, 0);
        links.sort(Comparator.comparing(LineageLink::effectiveDate).thenComparing(LineageLink::fromCode));
        return links;
    }

    private void collectPredecessors(Unit unit, List<LineageLink> links, int depth) {
        if (depth > units.size()) {
            return;
        }
        for (LineageLink link : unit.mergedFrom) {
            links.add(link);
            Unit source = units.get(link.fromCode());
            if (source != null) {
                collectPredecessors(source, links, depth + 1);
            }
        }
    }

    /** The merges the unit went into, in order. */
    public List<LineageLink> successors(Unit unit) {
        List<LineageLink> links = new ArrayList<>();
        Unit current = unit;
        for (int hops = 0; current != null && current.mergedInto != null && hops <= units.size(); hops++) {
            links.add(new LineageLink(current.code, current.mergedInto, current.end));
            current = units.get(current.mergedInto);
        }
        return links;
    }
}
