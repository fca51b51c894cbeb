package org.povertyledger.query.geography;

import java.time.LocalDate;
import java.util.List;

import java.util.Optional;

import org.axonframework.queryhandling.QueryHandler;
import org.povertyledger.query.support.KnownState;
import org.povertyledger.query.support.PositionClock;
import org.povertyledger.query.support.ReferenceLog;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.geography.query.FindGeographyTreeQuery;
import org.povertyledger.shared.geography.query.FindUnitLineageQuery;
import org.povertyledger.shared.geography.query.GeographyTreeView;
import org.povertyledger.shared.geography.query.UnitLineageView;

/**
 * Answers the geography queries from the reference log the indicator projection keeps (the geography must be
 * read at the same log positions as the figures it maps). The map is folded from the entries at or below the
 * asked position; the latest fold is cached.
 */
public class GeographyQueryHandler {

    private final ReferenceLog reference;
    private final PositionClock clock;
    private volatile Cached cached = new Cached(-1, -1, GeographyModel.EMPTY);

    public GeographyQueryHandler(ReferenceLog reference, PositionClock clock) {
        this.reference = reference;
        this.clock = clock;
    }

    @QueryHandler
    public GeographyTreeView handle(FindGeographyTreeQuery query) {
        KnownState state = KnownState.of(reference, clock, query.knownAt());
        LocalDate date = query.asOf() != null ? query.asOf() : LocalDate.now();
        return new GeographyTreeView(date, model(state).tree(date), state.position(), state.recordedAt());
    }

    /** A unit's lineage; empty when the unit is not registered at the asked position. */
    @QueryHandler
    public Optional<UnitLineageView> handle(FindUnitLineageQuery query) {
        Require.present("unitCode", query.unitCode());
        KnownState state = KnownState.of(reference, clock, query.knownAt());
        GeographyModel model = model(state);
        return model.unit(query.unitCode()).map(unit -> new UnitLineageView(unit.code(), unit.level(),
                unit.validFrom(), unit.validTo(), GeographyModel.endReason(unit), GeographyModel.names(unit),
                GeographyModel.parents(unit), model.predecessors(unit), model.successors(unit), state.position(),
                state.recordedAt()));
    }

    /** The map as the reference log knows it now. */
    public GeographyModel current() {
        return model(KnownState.of(reference, clock, null));
    }

    private GeographyModel model(KnownState state) {
        List<ReferenceLog.Entry> entries = state.entries();
        long last = entries.isEmpty() ? 0 : entries.get(entries.size() - 1).position();
        Cached current = cached;
        if (current.count() != entries.size() || current.last() != last) {
            current = new Cached(entries.size(), last, GeographyModel.fold(entries));
            cached = current;
        }
        return current.model();
    }

    private record Cached(long count, long last, GeographyModel model) {
    }

}
