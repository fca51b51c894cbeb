package org.povertyledger.query.indicator.web;

import java.time.LocalDate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.povertyledger.query.support.ScopedReads;
import org.povertyledger.shared.common.AsKnownAt;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.geography.value.UnitCode;
import org.povertyledger.shared.indicator.query.FindIndicatorSeriesQuery;
import org.povertyledger.shared.indicator.query.FindIndicatorTableQuery;
import org.povertyledger.shared.indicator.query.FindIndicatorValueQuery;
import org.povertyledger.shared.indicator.query.FindIndicatorsQuery;
import org.povertyledger.shared.indicator.query.IndicatorCatalogueView;
import org.povertyledger.shared.indicator.query.IndicatorSeriesView;
import org.povertyledger.shared.indicator.query.IndicatorTableView;
import org.povertyledger.shared.indicator.query.IndicatorValueView;
import org.povertyledger.shared.indicator.value.IndicatorCode;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read API of the indicators. Every figure takes {@code asOf} (valid date), {@code asKnownAt} (log position or
 * ISO instant) and {@code mapDate} (the geography the unit is read on), and names the position it reflects.
 */
@RestController
@RequestMapping(path = "/api/indicators", produces = MediaType.APPLICATION_JSON_VALUE)
public class IndicatorQueryController {

    private final QueryGateway queryGateway;
    private final ScopedReads scoped;

    public IndicatorQueryController(QueryGateway queryGateway, ScopedReads scoped) {
        this.queryGateway = queryGateway;
        this.scoped = scoped;
    }

    @GetMapping
    public IndicatorCatalogueView catalogue(@RequestParam(required = false) String asKnownAt) {
        return await(queryGateway.query(new FindIndicatorsQuery(AsKnownAt.parse(asKnownAt)),
                ResponseTypes.instanceOf(IndicatorCatalogueView.class)));
    }

    @GetMapping("/{indicatorCode}/values")
    public IndicatorValueView value(@PathVariable String indicatorCode, @RequestParam(required = false) String unit,
                                    @RequestParam(required = false) Integer year,
                                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                    LocalDate asOf,
                                    @RequestParam(required = false) String asKnownAt,
                                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                    LocalDate mapDate) {
        FindIndicatorValueQuery query = new FindIndicatorValueQuery(code(indicatorCode), unit(unit),
                Require.present("year", year), asOf, AsKnownAt.parse(asKnownAt), mapDate);
        IndicatorValueView view = await(queryGateway.query(query, ResponseTypes.instanceOf(IndicatorValueView.class)));
        scoped.requireUnit(query.unitCode(), view.position(), "indicator.value");
        return view;
    }

    @GetMapping("/{indicatorCode}/series")
    public IndicatorSeriesView series(@PathVariable String indicatorCode, @RequestParam(required = false) String unit,
                                      @RequestParam(required = false) Integer from,
                                      @RequestParam(required = false) Integer to,
                                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                      LocalDate asOf,
                                      @RequestParam(required = false) String asKnownAt,
                                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                      LocalDate mapDate) {
        FindIndicatorSeriesQuery query = new FindIndicatorSeriesQuery(code(indicatorCode), unit(unit),
                Require.present("from", from), Require.present("to", to), asOf, AsKnownAt.parse(asKnownAt), mapDate);
        IndicatorSeriesView view = await(queryGateway.query(query, ResponseTypes.instanceOf(IndicatorSeriesView.class)));
        scoped.requireUnit(query.unitCode(), view.position(), "indicator.series");
        return view;
    }

    /** The children of {@code parent} ranked, with the parent's total and every unit's progress against target. */
    @GetMapping("/{indicatorCode}/table")
    public IndicatorTableView table(@PathVariable String indicatorCode, @RequestParam(required = false) String parent,
                                    @RequestParam(required = false) Integer year,
                                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                    LocalDate asOf,
                                    @RequestParam(required = false) String asKnownAt,
                                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                    LocalDate mapDate) {
        FindIndicatorTableQuery query = tableQuery(indicatorCode, parent, year, asOf, asKnownAt, mapDate);
        IndicatorTableView view = await(queryGateway.query(query, ResponseTypes.instanceOf(IndicatorTableView.class)));
        // the rows are the parent's children, inside the scope whenever the parent is
        scoped.requireUnit(query.parentCode(), view.position(), "indicator.table");
        return view;
    }

    /** Checks the table parameters; shared with the report exports. */
    public static FindIndicatorTableQuery tableQuery(String indicatorCode, String parent, Integer year, LocalDate asOf,
                                                     String asKnownAt, LocalDate mapDate) {
        return new FindIndicatorTableQuery(code(indicatorCode), UnitCode.of("parent", Require.present("parent", parent)).value(),
                Require.present("year", year), asOf, AsKnownAt.parse(asKnownAt), mapDate);
    }

    private static String code(String indicatorCode) {
        return new IndicatorCode(indicatorCode).value();
    }

    private static String unit(String unit) {
        return UnitCode.of("unit", Require.present("unit", unit)).value();
    }

    /** Waits for the answer; a refusal from the handler is rethrown as it was thrown. */
    public static <R> R await(CompletableFuture<R> answer) {
        try {
            return answer.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
