package org.povertyledger.query.indicator.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.povertyledger.query.consistency.ReadsProjections;
import org.povertyledger.query.indicator.IndicatorProjection;
import org.povertyledger.query.support.ReproducibleBody;
import org.povertyledger.query.support.ScopedReads;
import org.povertyledger.shared.common.AsKnownAt;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.common.ValidationException;
import org.povertyledger.shared.geography.value.UnitCode;
import org.povertyledger.shared.indicator.query.FindIndicatorSeriesQuery;
import org.povertyledger.shared.indicator.query.FindIndicatorTableQuery;
import org.povertyledger.shared.indicator.query.FindIndicatorValueQuery;
import org.povertyledger.shared.indicator.query.FindIndicatorsQuery;
import org.povertyledger.shared.indicator.query.IndicatorBasis;
import org.povertyledger.shared.indicator.query.IndicatorCatalogueView;
import org.povertyledger.shared.indicator.query.IndicatorSeriesView;
import org.povertyledger.shared.indicator.query.IndicatorTableView;
import org.povertyledger.shared.indicator.query.IndicatorValueView;
import org.povertyledger.shared.indicator.value.FigureBasis;
import org.povertyledger.shared.indicator.value.IndicatorCode;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read API of the indicators. Every figure takes {@code asOf} (valid date), {@code asKnownAt} (log position or
 * ISO instant) and {@code mapDate} (the geography the unit is read on), and names the position it reflects.
 * Derived figures also take {@code approval} ({@code recorded}, the default, or {@code approved}: only commune-years
 * whose review period is approved, the others named as left out) and {@code basis} ({@code decided}, the default,
 * or {@code restated} with {@code rulebook=ID:VERSION}: {@link IndicatorBasis}); both are named in the answer.
 */
@RestController
@ReadsProjections(IndicatorProjection.PROCESSING_GROUP)
@RequestMapping(path = "/api/indicators", produces = MediaType.APPLICATION_JSON_VALUE)
public class IndicatorQueryController {

    private final QueryGateway queryGateway;
    private final ObjectMapper objectMapper;
    private final ScopedReads scoped;

    public IndicatorQueryController(QueryGateway queryGateway, ObjectMapper objectMapper, ScopedReads scoped) {
        this.queryGateway = queryGateway;
        this.objectMapper = objectMapper;
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
                                    LocalDate mapDate,
                                    @RequestParam(required = false) String approval,
                                    @RequestParam(required = false) String basis,
                                    @RequestParam(required = false) String rulebook) {
        FindIndicatorValueQuery query = new FindIndicatorValueQuery(code(indicatorCode), unit(unit),
                Require.present("year", year), asOf, AsKnownAt.parse(asKnownAt), mapDate, approval(approval),
                IndicatorBasis.parse(basis, rulebook));
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
                                      LocalDate mapDate,
                                      @RequestParam(required = false) String approval,
                                      @RequestParam(required = false) String basis,
                                      @RequestParam(required = false) String rulebook) {
        FindIndicatorSeriesQuery query = new FindIndicatorSeriesQuery(code(indicatorCode), unit(unit),
                Require.present("from", from), Require.present("to", to), asOf, AsKnownAt.parse(asKnownAt), mapDate,
                approval(approval), IndicatorBasis.parse(basis, rulebook));
        IndicatorSeriesView view = await(queryGateway.query(query, ResponseTypes.instanceOf(IndicatorSeriesView.class)));
        scoped.requireUnit(query.unitCode(), view.position(), "indicator.series");
        return view;
    }

    /**
     * The children of {@code parent} ranked, with the parent's total and every unit's progress against target.
     * Like the exports, answered at one log position (the present is pinned to the position it stands at) with
     * {@code Report-Position}, {@code Repr-Digest} and {@code ETag}: asked again at that position, the same bytes.
     */
    @GetMapping("/{indicatorCode}/table")
    public ResponseEntity<byte[]> table(@PathVariable String indicatorCode, @RequestParam(required = false) String parent,
                                        @RequestParam(required = false) Integer year,
                                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                        LocalDate asOf,
                                        @RequestParam(required = false) String asKnownAt,
                                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                        LocalDate mapDate,
                                        @RequestParam(required = false) String approval,
                                        @RequestParam(required = false) String basis,
                                        @RequestParam(required = false) String rulebook,
                                        @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false)
                                        String ifNoneMatch) throws JsonProcessingException {
        IndicatorTableView table = tablesAtOnePosition(queryGateway, List.of(indicatorCode), parent, year, asOf,
                asKnownAt, mapDate, approval(approval), IndicatorBasis.parse(basis, rulebook)).get(0);
        // the rows are the parent's children, inside the scope whenever the parent is
        scoped.requireUnit(tableQuery(indicatorCode, parent, year, asOf, asKnownAt, mapDate).parentCode(),
                table.position(), "indicator.table");
        return ReproducibleBody.response(objectMapper.writeValueAsBytes(table), MediaType.APPLICATION_JSON,
                table.position(), table.recordedAt(), null, ifNoneMatch);
    }

    /**
     * The tables of {@code codes}, all computed at one log position: {@code asKnownAt}'s, or when that is absent
     * the position the first table is answered at now, asked again as a position (an answer for the present
     * names when the head event was recorded, one for a position the newest fact it read; pinning makes the
     * first answer the one every later request at that position gets).
     */
    public static List<IndicatorTableView> tablesAtOnePosition(QueryGateway queryGateway, List<String> codes,
                                                               String parent, Integer year, LocalDate asOf,
                                                               String asKnownAt, LocalDate mapDate) {
        return tablesAtOnePosition(queryGateway, codes, parent, year, asOf, asKnownAt, mapDate, FigureBasis.RECORDED,
                IndicatorBasis.AS_DECIDED);
    }

    /** The tables of {@code codes} with the review figures and outcomes asked for, at one log position (see above). */
    public static List<IndicatorTableView> tablesAtOnePosition(QueryGateway queryGateway, List<String> codes,
                                                               String parent, Integer year, LocalDate asOf,
                                                               String asKnownAt, LocalDate mapDate,
                                                               FigureBasis approval, IndicatorBasis basis) {
        String knownAt = asKnownAt;
        if (AsKnownAt.parse(asKnownAt).isNow()) {
            knownAt = Long.toString(await(queryGateway.query(
                    tableQuery(codes.get(0), parent, year, asOf, null, mapDate).on(approval, basis),
                    ResponseTypes.instanceOf(IndicatorTableView.class))).position());
        }
        List<IndicatorTableView> tables = new ArrayList<>();
        for (String code : codes) {
            IndicatorTableView table = await(queryGateway.query(
                    tableQuery(code, parent, year, asOf, knownAt, mapDate).on(approval, basis),
                    ResponseTypes.instanceOf(IndicatorTableView.class)));
            tables.add(table);
            // A time resolves to a position; the remaining tables are read at the first one's.
            knownAt = Long.toString(table.position());
        }
        return tables;
    }

    /** Checks the table parameters; shared with the report exports. */
    public static FindIndicatorTableQuery tableQuery(String indicatorCode, String parent, Integer year, LocalDate asOf,
                                                     String asKnownAt, LocalDate mapDate) {
        return new FindIndicatorTableQuery(code(indicatorCode), UnitCode.of("parent", Require.present("parent", parent)).value(),
                Require.present("year", year), asOf, AsKnownAt.parse(asKnownAt), mapDate);
    }

    /** The {@code approval} parameter: {@code recorded} (the default) or {@code approved}, in any case. */
    public static FigureBasis approval(String approval) {
        if (approval == null || approval.isBlank()) {
            return FigureBasis.RECORDED;
        }
        return switch (approval.strip().toLowerCase(Locale.ROOT)) {
            case "recorded" -> FigureBasis.RECORDED;
            case "approved" -> FigureBasis.APPROVED;
            default -> throw new ValidationException("approval", "one-of:recorded,approved",
                    "approval must be recorded or approved");
        };
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
