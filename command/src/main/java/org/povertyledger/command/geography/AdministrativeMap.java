package org.povertyledger.command.geography;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.geography.command.AdministrativeMapId;
import org.povertyledger.shared.geography.command.ChangeUnitFlagsCommand;
import org.povertyledger.shared.geography.command.DissolveUnitCommand;
import org.povertyledger.shared.geography.command.MergeUnitsCommand;
import org.povertyledger.shared.geography.command.RegisterUnitCommand;
import org.povertyledger.shared.geography.command.RenameUnitCommand;
import org.povertyledger.shared.geography.command.ReparentUnitCommand;
import org.povertyledger.shared.geography.event.UnitDissolvedEvent;
import org.povertyledger.shared.geography.event.UnitFlagsChangedEvent;
import org.povertyledger.shared.geography.event.UnitRegisteredEvent;
import org.povertyledger.shared.geography.event.UnitRenamedEvent;
import org.povertyledger.shared.geography.event.UnitReparentedEvent;
import org.povertyledger.shared.geography.event.UnitsMergedEvent;
import org.povertyledger.shared.geography.value.UnitCode;
import org.povertyledger.shared.geography.value.UnitLevel;

/**
 * The administrative map: every unit with its validity interval and its parents over time. One aggregate for
 * the whole map because merges, re-parenting and dissolutions are guarded against several units at once.
 *
 * <p>A unit is valid from its registration's effective date up to (excluding) the date it was merged or
 * dissolved. Every change names the date it holds from; the unit must be valid on that date. Children of a
 * merged unit move under the target, children of a dissolved unit move up to its parent; each move is its own
 * {@link UnitReparentedEvent} in the same commit, so the log states every fact.
 *
 * <p>Every command creates the map if it is missing (and then refuses, except registering a province), so a
 * command naming an unknown unit is a {@code UNIT_NOT_FOUND}, never an unknown-aggregate error.
 */
@Aggregate
class AdministrativeMap {

    @AggregateIdentifier
    private String mapId;
    private final Map<String, Unit> units = new LinkedHashMap<>();

    AdministrativeMap() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RegisterUnitCommand command) {
        String code = command.unitCode().value();
        if (units.containsKey(code)) {
            throw new DomainException(ErrorCode.UNIT_ALREADY_REGISTERED, "unitCode", "unique",
                    "unit " + code + " is already registered", Map.of("unitCode", code));
        }
        UnitLevel level = command.level();
        if (command.parentCode() == null) {
            if (level != UnitLevel.PROVINCE) {
                throw new DomainException(ErrorCode.INVALID_PARENT, "parentCode", "required",
                        "a " + level + " needs a parent unit");
            }
        } else {
            if (level == UnitLevel.PROVINCE) {
                throw new DomainException(ErrorCode.INVALID_PARENT, "parentCode", "absent",
                        "a province has no parent unit");
            }
            Unit parent = validUnit("parentCode", command.parentCode().value(), command.effectiveDate());
            requireMayParent(parent, command.parentCode().value(), level);
        }
        apply(new UnitRegisteredEvent(command.unitCode(), command.name(), level, command.parentCode(),
                command.flags(), command.effectiveDate(), command.legalBasis()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RenameUnitCommand command) {
        Unit unit = validUnit("unitCode", command.unitCode().value(), command.effectiveDate());
        apply(new UnitRenamedEvent(command.unitCode(), unit.nameAt(command.effectiveDate()), command.name(),
                command.effectiveDate(), command.legalBasis()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ReparentUnitCommand command) {
        String code = command.unitCode().value();
        LocalDate date = command.effectiveDate();
        Unit unit = validUnit("unitCode", code, date);
        String parentCode = command.parentCode().value();
        Unit parent = validUnit("parentCode", parentCode, date);
        requireMayParent(parent, parentCode, unit.level);
        for (String ancestor = parentCode; ancestor != null; ancestor = units.get(ancestor).parentAt(date)) {
            if (ancestor.equals(code)) {
                throw new DomainException(ErrorCode.INVALID_PARENT, "parentCode", "no-cycle",
                        "unit " + parentCode + " lies under " + code + " on " + date);
            }
        }
        String previous = unit.parentAt(date);
        apply(new UnitReparentedEvent(command.unitCode(), previous == null ? null : new UnitCode(previous),
                command.parentCode(), date, command.legalBasis()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ChangeUnitFlagsCommand command) {
        validUnit("unitCode", command.unitCode().value(), command.effectiveDate());
        apply(new UnitFlagsChangedEvent(command.unitCode(), command.flags(), command.effectiveDate(),
                command.legalBasis()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(MergeUnitsCommand command) {
        LocalDate date = command.effectiveDate();
        String targetCode = command.targetCode().value();
        Unit target = validUnit("targetCode", targetCode, date);
        Set<String> seen = new HashSet<>();
        for (UnitCode source : command.sourceCodes()) {
            String code = source.value();
            if (code.equals(targetCode)) {
                throw new DomainException(ErrorCode.INVALID_MERGE, "sourceCodes", "not-target",
                        "unit " + code + " cannot be merged into itself");
            }
            if (!seen.add(code)) {
                throw new DomainException(ErrorCode.INVALID_MERGE, "sourceCodes", "distinct",
                        "unit " + code + " is named twice");
            }
            Unit unit = validUnit("sourceCodes", code, date);
            if (unit.level != target.level) {
                throw new DomainException(ErrorCode.INVALID_MERGE, "sourceCodes", "same-level",
                        "unit " + code + " is a " + unit.level + ", the target a " + target.level,
                        Map.of("unitCode", code, "level", unit.level.name(), "targetLevel", target.level.name()));
            }
        }
        List<UnitReparentedEvent> moves = new ArrayList<>();
        for (UnitCode source : command.sourceCodes()) {
            for (String child : childrenAt(source.value(), date)) {
                moves.add(new UnitReparentedEvent(new UnitCode(child), source, command.targetCode(), date,
                        command.legalBasis()));
            }
        }
        apply(new UnitsMergedEvent(command.sourceCodes(), command.targetCode(), date, command.legalBasis()));
        moves.forEach(move -> apply(move));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(DissolveUnitCommand command) {
        String code = command.unitCode().value();
        LocalDate date = command.effectiveDate();
        Unit unit = validUnit("unitCode", code, date);
        List<String> children = childrenAt(code, date);
        String parent = unit.parentAt(date);
        if (!children.isEmpty() && parent == null) {
            throw new DomainException(ErrorCode.INVALID_PARENT, "unitCode", "children-need-a-parent",
                    "unit " + code + " has children on " + date + " and no parent to move them to",
                    Map.of("children", children));
        }
        for (String child : children) {
            apply(new UnitReparentedEvent(new UnitCode(child), command.unitCode(), new UnitCode(parent), date,
                    command.legalBasis()));
        }
        apply(new UnitDissolvedEvent(command.unitCode(), date, command.legalBasis()));
    }

    private Unit validUnit(String field, String code, LocalDate date) {
        Unit unit = units.get(code);
        if (unit == null) {
            throw new DomainException(ErrorCode.UNIT_NOT_FOUND, field, "exists", "unit " + code + " is not registered",
                    Map.of("unitCode", code));
        }
        if (!unit.validOn(date)) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("unitCode", code);
            details.put("validFrom", unit.validFrom.toString());
            if (unit.end != null) {
                details.put("validTo", unit.end.toString());
            }
            throw new DomainException(ErrorCode.UNIT_NOT_VALID_ON_DATE, field, "valid-on-date",
                    "unit " + code + " does not exist on " + date, details);
        }
        return unit;
    }

    private static void requireMayParent(Unit parent, String parentCode, UnitLevel childLevel) {
        if (!parent.level.mayParent(childLevel)) {
            throw new DomainException(ErrorCode.INVALID_PARENT, "parentCode", "higher-level",
                    "a " + parent.level + " (" + parentCode + ") cannot be the parent of a " + childLevel,
                    Map.of("parentLevel", parent.level.name(), "level", childLevel.name()));
        }
    }

    private List<String> childrenAt(String code, LocalDate date) {
        List<String> children = new ArrayList<>();
        units.forEach((childCode, child) -> {
            if (child.validOn(date) && code.equals(child.parentAt(date))) {
                children.add(childCode);
            }
        });
        return children;
    }

    @EventSourcingHandler
    void on(UnitRegisteredEvent event) {
        mapId = AdministrativeMapId.VALUE;
        Unit unit = new Unit(event.level(), event.effectiveDate());
        unit.names.put(event.effectiveDate(), event.name());
        unit.parents.put(event.effectiveDate(), event.parentCode() == null ? null : event.parentCode().value());
        units.put(event.unitCode().value(), unit);
    }

    @EventSourcingHandler
    void on(UnitRenamedEvent event) {
        units.get(event.unitCode().value()).names.put(event.effectiveDate(), event.name());
    }

    @EventSourcingHandler
    void on(UnitReparentedEvent event) {
        units.get(event.unitCode().value()).parents.put(event.effectiveDate(), event.parentCode().value());
    }

    @EventSourcingHandler
    void on(UnitsMergedEvent event) {
        event.sourceCodes().forEach(code -> units.get(code.value()).end = event.effectiveDate());
    }

    @EventSourcingHandler
    void on(UnitDissolvedEvent event) {
        units.get(event.unitCode().value()).end = event.effectiveDate();
    }

    /** What the guards need of one unit. */
    private static final class Unit {
        private final UnitLevel level;
        private final LocalDate validFrom;
        private final TreeMap<LocalDate, String> names = new TreeMap<>();
        private final TreeMap<LocalDate, String> parents = new TreeMap<>();
        private LocalDate end;

        private Unit(UnitLevel level, LocalDate validFrom) {
            this.level = level;
            this.validFrom = validFrom;
        }

        boolean validOn(LocalDate date) {
            return !date.isBefore(validFrom) && (end == null || date.isBefore(end));
        }

        String parentAt(LocalDate date) {
            Map.Entry<LocalDate, String> entry = parents.floorEntry(date);
            return entry == null ? null : entry.getValue();
        }

        String nameAt(LocalDate date) {
            Map.Entry<LocalDate, String> entry = names.floorEntry(date);
            return entry == null ? names.firstEntry().getValue() : entry.getValue();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Unit unit && level == unit.level && validFrom.equals(unit.validFrom)
                    && names.equals(unit.names) && parents.equals(unit.parents) && Objects.equals(end, unit.end);
        }

        @Override
        public int hashCode() {
            return Objects.hash(level, validFrom, names, parents, end);
        }
    }
}
