package org.povertyledger.query.report.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.povertyledger.query.consistency.ReadsProjections;
import org.povertyledger.query.indicator.IndicatorProjection;
import org.povertyledger.query.indicator.web.IndicatorQueryController;
import org.povertyledger.query.support.ScopedReads;
import org.povertyledger.shared.indicator.query.FindIndicatorTableQuery;
import org.povertyledger.query.report.Dhis2Export;
import org.povertyledger.query.report.Dhis2Mapping;
import org.povertyledger.query.report.IndicatorTableExport;
import org.povertyledger.query.support.ReproducibleBody;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.common.ValidationException;
import org.povertyledger.shared.indicator.query.IndicatorTableView;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Exports of indicator tables: {@code indicators} (comma-separated codes), {@code parent}, {@code year} and the
 * usual {@code asOf}, {@code asKnownAt}, {@code mapDate}. Each table is the one {@code GET
 * /api/indicators/{code}/table} answers. Every table of one export is computed at the same log position, and a
 * request without {@code asKnownAt} is answered as {@code asKnownAt} that position: the same export asked again at
 * the position in its {@code Report-Position} header gives the same bytes ({@code Repr-Digest}, {@code ETag}),
 * also after the indicators read model is rebuilt. See docs/consistency-and-reports.md.
 */
@RestController
@ReadsProjections(IndicatorProjection.PROCESSING_GROUP)
@RequestMapping("/api/reports")
public class ReportController {

    /** Most indicators one export takes. */
    public static final int MAX_INDICATORS = 50;
    public static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    public static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    public static final MediaType ADX = MediaType.parseMediaType("application/adx+xml");

    private final QueryGateway queryGateway;
    private final Dhis2Mapping mapping;
    private final ScopedReads scoped;

    public ReportController(QueryGateway queryGateway, Dhis2Mapping mapping, ScopedReads scoped) {
        this.queryGateway = queryGateway;
        this.scoped = scoped;
        this.mapping = mapping;
    }

    @GetMapping(path = "/indicator-table.csv", produces = "text/csv")
    public ResponseEntity<byte[]> csv(@RequestParam(required = false) String indicators,
                                      @RequestParam(required = false) String parent,
                                      @RequestParam(required = false) Integer year,
                                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                      LocalDate asOf,
                                      @RequestParam(required = false) String asKnownAt,
                                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                      LocalDate mapDate,
                                      @RequestParam(required = false) String provenance,
                                      @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false)
                                      String ifNoneMatch) {
        boolean commentLine = provenance(provenance);
        Pinned pinned = tables(indicators, parent, year, asOf, asKnownAt, mapDate);
        String csv = commentLine
                ? IndicatorTableExport.csvWithProvenance(pinned.tables(), pinned.position(), pinned.recordedAt())
                : IndicatorTableExport.csv(pinned.tables());
        return pinned.response(csv.getBytes(StandardCharsets.UTF_8), CSV, name(parent, year, pinned) + ".csv",
                ifNoneMatch);
    }

    @GetMapping(path = "/indicator-table.xlsx",
            produces = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    public ResponseEntity<byte[]> xlsx(@RequestParam(required = false) String indicators,
                                       @RequestParam(required = false) String parent,
                                       @RequestParam(required = false) Integer year,
                                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                       LocalDate asOf,
                                       @RequestParam(required = false) String asKnownAt,
                                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                       LocalDate mapDate,
                                       @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false)
                                       String ifNoneMatch) {
        Pinned pinned = tables(indicators, parent, year, asOf, asKnownAt, mapDate);
        return pinned.response(IndicatorTableExport.xlsx(pinned.tables(), pinned.position(), pinned.recordedAt()),
                XLSX, name(parent, year, pinned) + ".xlsx", ifNoneMatch);
    }

    @GetMapping(path = "/dhis2/dataValueSets", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<byte[]> dataValueSets(@RequestParam(required = false) String indicators,
                                                @RequestParam(required = false) String parent,
                                                @RequestParam(required = false) Integer year,
                                                @RequestParam(required = false)
                                                @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                                                @RequestParam(required = false) String asKnownAt,
                                                @RequestParam(required = false)
                                                @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate mapDate,
                                                @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false)
                                                String ifNoneMatch) {
        Pinned pinned = tables(indicators, parent, year, asOf, asKnownAt, mapDate);
        return pinned.response(Dhis2Export.dataValueSetJson(pinned.tables(), mapping), MediaType.APPLICATION_JSON,
                null, ifNoneMatch);
    }

    @GetMapping(path = "/dhis2/adx", produces = "application/adx+xml")
    public ResponseEntity<byte[]> adx(@RequestParam(required = false) String indicators,
                                      @RequestParam(required = false) String parent,
                                      @RequestParam(required = false) Integer year,
                                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                      LocalDate asOf,
                                      @RequestParam(required = false) String asKnownAt,
                                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                      LocalDate mapDate,
                                      @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false)
                                      String ifNoneMatch) {
        Pinned pinned = tables(indicators, parent, year, asOf, asKnownAt, mapDate);
        Instant exported = pinned.recordedAt() == null ? Instant.EPOCH : pinned.recordedAt();
        return pinned.response(Dhis2Export.adx(pinned.tables(), mapping, exported, pinned.position())
                .getBytes(StandardCharsets.UTF_8), ADX, null, ifNoneMatch);
    }

    private Pinned tables(String indicators, String parent, Integer year, LocalDate asOf, String asKnownAt,
                          LocalDate mapDate) {
        Require.text("indicators", indicators, 5000);
        LinkedHashSet<String> codes = new LinkedHashSet<>();
        for (String code : indicators.split(",")) {
            if (!code.isBlank()) {
                codes.add(code.strip());
            }
        }
        if (codes.isEmpty() || codes.size() > MAX_INDICATORS) {
            throw new ValidationException("indicators", "size:1-" + MAX_INDICATORS,
                    "indicators must name 1 to " + MAX_INDICATORS + " indicator codes, comma-separated");
        }
        List<IndicatorTableView> tables = IndicatorQueryController.tablesAtOnePosition(queryGateway,
                List.copyOf(codes), parent, year, asOf, asKnownAt, mapDate);
        // the rows are the parent's children, inside the scope whenever the parent is
        String parentCode = IndicatorQueryController.tableQuery(codes.iterator().next(), parent, year, asOf, asKnownAt,
                mapDate).parentCode();
        scoped.requireUnit(parentCode, tables.get(0).position(), "report.export");
        return Pinned.of(tables);
    }

    /** {@code provenance=comment} asks for the CSV's leading comment line; nothing else is accepted. */
    private static boolean provenance(String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        if (value.strip().equals("comment")) {
            return true;
        }
        throw new ValidationException("provenance", "one-of:comment",
                "provenance may only be 'comment' (a leading # line naming position and digest)");
    }

    /** The tables of one export and the position they were all computed at. */
    private record Pinned(List<IndicatorTableView> tables, long position, Instant recordedAt) {
        static Pinned of(List<IndicatorTableView> tables) {
            IndicatorTableView first = tables.get(0);
            return new Pinned(tables, first.position(), first.recordedAt());
        }

        ResponseEntity<byte[]> response(byte[] body, MediaType type, String filename, String ifNoneMatch) {
            return ReproducibleBody.response(body, type, position, recordedAt, filename, ifNoneMatch);
        }
    }

    private static String name(String parent, Integer year, Pinned pinned) {
        return "indicators-" + parent + "-" + year + "-at-" + pinned.position();
    }
}
