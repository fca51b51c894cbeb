package org.povertyledger.shared.indicator.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.povertyledger.shared.indicator.value.Direction;
import org.povertyledger.shared.indicator.value.UnitOfMeasure;

/**
 * An indicator for the children of a unit, ranked, with the parent's total row first.
 *
 * @param position the log position the answer reflects
 * @param basis the outcomes counted, with the parent's restated households when restated
 */
public record IndicatorTableView(String indicatorCode, String indicatorName, UnitOfMeasure unitOfMeasure,
                                 Direction direction, String parentCode, int year, LocalDate mapDate,
                                 LocalDate asOf, List<IndicatorTableRow> rows, long position, Instant recordedAt,
                                 IndicatorBasis basis) {

    /** A table as decided. */
    public IndicatorTableView(String indicatorCode, String indicatorName, UnitOfMeasure unitOfMeasure,
                              Direction direction, String parentCode, int year, LocalDate mapDate,
                              LocalDate asOf, List<IndicatorTableRow> rows, long position, Instant recordedAt) {
        this(indicatorCode, indicatorName, unitOfMeasure, direction, parentCode, year, mapDate, asOf, rows, position,
                recordedAt, IndicatorBasis.AS_DECIDED);
    }
}
