package org.povertyledger.shared.indicator.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.povertyledger.shared.indicator.value.Direction;
import org.povertyledger.shared.indicator.value.FigureBasis;
import org.povertyledger.shared.indicator.value.UnitOfMeasure;

/**
 * An indicator for the children of a unit, ranked, with the parent's total row first.
 *
 * @param basis the figures counted (see {@link IndicatorValueView#basis()})
 * @param leftOut on the APPROVED basis, every commune-year with figures that no row counted
 * @param position the log position the answer reflects
 */
public record IndicatorTableView(String indicatorCode, String indicatorName, UnitOfMeasure unitOfMeasure,
                                 Direction direction, String parentCode, int year, LocalDate mapDate,
                                 LocalDate asOf, FigureBasis basis, List<LeftOutPeriod> leftOut,
                                 List<IndicatorTableRow> rows, long position, Instant recordedAt) {

    /** A table as recorded. */
    public IndicatorTableView(String indicatorCode, String indicatorName, UnitOfMeasure unitOfMeasure,
                              Direction direction, String parentCode, int year, LocalDate mapDate, LocalDate asOf,
                              List<IndicatorTableRow> rows, long position, Instant recordedAt) {
        this(indicatorCode, indicatorName, unitOfMeasure, direction, parentCode, year, mapDate, asOf,
                FigureBasis.RECORDED, List.of(), rows, position, recordedAt);
    }
}
