package org.povertyledger.query.report.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.povertyledger.query.indicator.web.IndicatorQueryController;
import org.povertyledger.query.support.ScopedReads;
import org.povertyledger.shared.indicator.query.FindIndicatorTableQuery;
import org.povertyledger.query.report.Dhis2Export;
import org.povertyledger.query.report.Dhis2Mapping;
import org.povertyledger.query.report.IndicatorTableExport;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.common.ValidationException;
import org.povertyledger.shared.indicator.query.IndicatorTableView;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Exports of indicator tables: {@code indicators} (comma-separated codes), {@code parent}, {@code year} and the
 * usual {@code asOf}, {@code asKnownAt}, {@code mapDate}. Each table is the one {@code GET
 * /api/indicators/{code}/table} answers. Every table of one export is computed at the same log position: the
 * first table's, passed on to the others.
 */
@RestController
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
                                      LocalDate mapDate) {
        List<IndicatorTableView> tables = tables(indicators, parent, year, asOf, asKnownAt, mapDate);
        return file(IndicatorTableExport.csv(tables).getBytes(StandardCharsets.UTF_8), CSV,
                name(parent, year, tables) + ".csv");
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
                                       LocalDate mapDate) {
        List<IndicatorTableView> tables = tables(indicators, parent, year, asOf, asKnownAt, mapDate);
        return file(IndicatorTableExport.xlsx(tables), XLSX, name(parent, year, tables) + ".xlsx");
    }

    @GetMapping(path = "/dhis2/dataValueSets", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> dataValueSets(@RequestParam(required = false) String indicators,
                                             @RequestParam(required = false) String parent,
                                             @RequestParam(required = false) Integer year,
                                             @RequestParam(required = false)
                                             @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                                             @RequestParam(required = false) String asKnownAt,
                                             @RequestParam(required = false)
                                             @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate mapDate) {
        return Dhis2Export.dataValueSet(tables(indicators, parent, year, asOf, asKnownAt, mapDate), mapping);
    }

    @GetMapping(path = "/dhis2/adx", produces = "application/adx+xml")
    public ResponseEntity<byte[]> adx(@RequestParam(required = false) String indicators,
                                      @RequestParam(required = false) String parent,
                                      @RequestParam(required = false) Integer year,
                                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                      LocalDate asOf,
                                      @RequestParam(required = false) String asKnownAt,
                                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                                      LocalDate mapDate) {
        List<IndicatorTableView> tables = tables(indicators, parent, year, asOf, asKnownAt, mapDate);
        Instant exported = tables.isEmpty() || tables.get(0).recordedAt() == null ? Instant.EPOCH
                : tables.get(0).recordedAt();
        return ResponseEntity.ok().contentType(ADX)
                .body(Dhis2Export.adx(tables, mapping, exported).getBytes(StandardCharsets.UTF_8));
    }

    private List<IndicatorTableView> tables(String indicators, String parent, Integer year, LocalDate asOf,
                                            String asKnownAt, LocalDate mapDate) {
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
        List<IndicatorTableView> tables = new ArrayList<>();
        String knownAt = asKnownAt;
        for (String code : codes) {
            FindIndicatorTableQuery query = IndicatorQueryController.tableQuery(code, parent, year, asOf, knownAt, mapDate);
            IndicatorTableView table = IndicatorQueryController.await(queryGateway.query(query,
                    ResponseTypes.instanceOf(IndicatorTableView.class)));
            scoped.requireUnit(query.parentCode(), table.position(), "report.export");
            tables.add(table);
            // The remaining tables are read at the first one's position.
            knownAt = Long.toString(table.position());
        }
        return tables;
    }

    private static String name(String parent, Integer year, List<IndicatorTableView> tables) {
        long position = tables.isEmpty() ? 0 : tables.get(0).position();
        return "indicators-" + parent + "-" + year + "-at-" + position;
    }

    private static ResponseEntity<byte[]> file(byte[] body, MediaType type, String filename) {
        return ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build()
                        .toString())
                .body(body);
    }
}
