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
 * @param approval the review figures counted (see {@link IndicatorValueView#approval()})
 * @param leftOut on the APPROVED basis, every commune-year with figures that no row counted
 * @param position the log position the answer reflects
 * @param basis the outcomes counted, with the parent's restated households when restated
 */
public record IndicatorTableView(String indicatorCode, String indicatorName, UnitOfMeasure unitOfMeasure,
                                 Direction direction, String parentCode, int year, LocalDate mapDate,
                                 LocalDate asOf, FigureBasis approval, List<LeftOutPeriod> leftOut,
                                 List<IndicatorTableRow> rows, long position, Instant recordedAt,
                                 IndicatorBasis basis) {

    /** A table as recorded and decided. */
    public IndicatorTableView(String indicatorCode, String indicatorName, UnitOfMeasure unitOfMeasure,
                              Direction direction, String parentCode, int year, LocalDate mapDate, LocalDate asOf,
                              List<IndicatorTableRow> rows, long position, Instant recordedAt) {
        this(indicatorCode, indicatorName, unitOfMeasure, direction, parentCode, year, mapDate, asOf,
                FigureBasis.RECORDED, List.of(), rows, position, recordedAt, IndicatorBasis.AS_DECIDED);
    }
}
