package org.povertyledger.query.indicator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.axonframework.queryhandling.QueryHandler;
import org.povertyledger.query.geography.GeographyModel;
import org.povertyledger.query.support.ScopedReads;
import org.povertyledger.query.support.KnownState;
import org.povertyledger.query.support.PositionClock;
import org.povertyledger.query.support.ReferenceLog;
import org.povertyledger.query.support.VersionedCells;
import org.povertyledger.shared.common.AsKnownAt;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.common.ValidationException;
import org.povertyledger.shared.geography.value.UnitFlag;
import org.povertyledger.shared.indicator.query.FindIndicatorSeriesQuery;
import org.povertyledger.shared.indicator.query.FindIndicatorTableQuery;
import org.povertyledger.shared.indicator.query.FindIndicatorValueQuery;
import org.povertyledger.shared.indicator.query.FindIndicatorsQuery;
import org.povertyledger.shared.indicator.query.IndicatorBasis;
import org.povertyledger.shared.indicator.query.IndicatorCatalogueView;
import org.povertyledger.shared.indicator.query.IndicatorSeriesView;
import org.povertyledger.shared.indicator.query.IndicatorTableRow;
import org.povertyledger.shared.indicator.query.IndicatorTableView;
import org.povertyledger.shared.indicator.query.IndicatorValueView;
import org.povertyledger.shared.indicator.query.LeftOutPeriod;
import org.povertyledger.shared.indicator.query.ObservationRef;
import org.povertyledger.shared.indicator.query.TargetProgress;
import org.povertyledger.shared.indicator.query.TargetView;
import org.povertyledger.shared.indicator.value.DerivedMeasure;
import org.povertyledger.shared.indicator.value.Direction;
import org.povertyledger.shared.indicator.value.FigureBasis;
import org.povertyledger.shared.indicator.value.IndicatorKind;
import org.povertyledger.shared.indicator.value.TargetKind;

import com.mongodb.client.MongoDatabase;

/**
 * Answers the indicator queries at a transaction-time cut ({@link KnownState}: a log position no later than
 * the projection's head), on a valid date and a map date:
 * <ol>
 * <li>the geography and the catalogue are folded from the reference entries at or below the position (cached
 * by the entries they were folded from);</li>
 * <li>the unit is read on the map date, giving the recorded commune codes it covers;</li>
 * <li>the cells of those codes and years are read at the position ({@link VersionedCells#versionsAt}: one
 * {@code $in} over heads, one over history chunks when the position lies in the past) and their counts summed
 * as of the valid date; with {@link FigureBasis#APPROVED} approval only the cells of commune-years whose review
 * period is APPROVED or LOCKED at the position (the sign-off folded with the map), the others named as left
 * out.</li>
 * </ol>
 * As restated under a rulebook version ({@link IndicatorBasis}), the restated cells of the same codes and years
 * are read with them and added ({@link Counters#restatedCell}).
 * No step reads more than the cells of the units asked for: the cost does not grow with the length of the log.
 */
public class IndicatorQueryHandler {

    /** Longest yearly series answered at once. */
    public static final int MAX_SERIES_YEARS = 50;

    private final ReferenceLog reference;
    private final VersionedCells cells;
    private final PositionClock clock;
    private volatile Folded folded = new Folded(-1, -1, GeographyModel.EMPTY, Catalogue.fold(List.of()),
            ReviewPeriods.fold(List.of()));

    public IndicatorQueryHandler(MongoDatabase database, PositionClock clock) {
        this.reference = new ReferenceLog(database, IndicatorProjection.REFERENCE);
        this.cells = new VersionedCells(database, IndicatorProjection.CELLS);
        this.clock = clock;
    }

    @QueryHandler
    public IndicatorCatalogueView handle(FindIndicatorsQuery query) {
        Context context = context(query.knownAt());
        return new IndicatorCatalogueView(context.catalogue.summaries(), context.position(),
                context.recordedAt());
    }

    @QueryHandler
    public IndicatorValueView handle(FindIndicatorValueQuery query) {
        Require.range("year", query.year(), 2000, 2100);
        Context context = context(query.knownAt());
        Catalogue.Definition definition = context.indicator(query.indicatorCode());
        GeographyModel.Unit unit = context.unit(query.unitCode());
        LocalDate mapDate = query.mapDate() != null ? query.mapDate()
                : context.geography.defaultMapDate(unit, query.year());
        IndicatorBasis basis = context.basis(query.basis(), definition);
        Request request = new Request(unit, query.year(), mapDate);
        Map<Request, Evaluated> answers = evaluate(context, definition, List.of(request), query.asOf(),
                query.approval(), basis);
        return view(context, definition, answers.get(request), query.asOf(), query.approval(), basis);
    }

    @QueryHandler
    public IndicatorSeriesView handle(FindIndicatorSeriesQuery query) {
        Require.range("fromYear", query.fromYear(), 2000, 2100);
        Require.range("toYear", query.toYear(), query.fromYear(),
                Math.min(2100, query.fromYear() + MAX_SERIES_YEARS - 1));
        Context context = context(query.knownAt());
        Catalogue.Definition definition = context.indicator(query.indicatorCode());
        GeographyModel.Unit unit = context.unit(query.unitCode());
        IndicatorBasis basis = context.basis(query.basis(), definition);
        List<Request> requests = new ArrayList<>();
        for (int year = query.fromYear(); year <= query.toYear(); year++) {
            requests.add(new Request(unit, year, query.mapDate() != null ? query.mapDate()
                    : context.geography.defaultMapDate(unit, year)));
        }
        Map<Request, Evaluated> answers = evaluate(context, definition, requests, query.asOf(), query.approval(),
                basis);
        List<IndicatorValueView> points = requests.stream()
                .map(r -> view(context, definition, answers.get(r), query.asOf(), query.approval(), basis)).toList();
        return new IndicatorSeriesView(definition.code(), unit.code(), approvalOf(definition, query.approval()),
                points, context.position(), context.recordedAt());
    }

    @QueryHandler
    public IndicatorTableView handle(FindIndicatorTableQuery query) {
        Require.range("year", query.year(), 2000, 2100);
        Context context = context(query.knownAt());
        Catalogue.Definition definition = context.indicator(query.indicatorCode());
        GeographyModel.Unit parent = context.unit(query.parentCode());
        IndicatorBasis basis = context.basis(query.basis(), definition);
        LocalDate mapDate = query.mapDate() != null ? query.mapDate()
                : context.geography.defaultMapDate(parent, query.year());
        List<Request> requests = new ArrayList<>();
        requests.add(new Request(parent, query.year(), mapDate));
        for (GeographyModel.Unit child : context.geography.childrenOn(parent.code(), mapDate)) {
            if (child.level().carriesFigures()) {
                requests.add(new Request(child, query.year(), mapDate));
            }
        }
        Map<Request, Evaluated> answers = evaluate(context, definition, requests, query.asOf(), query.approval(),
                basis);
        List<Evaluated> children = requests.subList(1, requests.size()).stream().map(answers::get).toList();
        Map<Evaluated, Integer> ranks = rank(children, definition.direction());
        List<IndicatorTableRow> rows = new ArrayList<>();
        Evaluated total = answers.get(requests.get(0));
        rows.add(row(context, total, null, true, basis));
        children.stream()
                .sorted(Comparator.comparing((Evaluated e) -> ranks.getOrDefault(e, Integer.MAX_VALUE))
                        .thenComparing(e -> e.request().unit().code()))
                .forEach(e -> rows.add(row(context, e, ranks.get(e), false, basis)));
        List<LeftOutPeriod> leftOut = leftOut(answers.values().stream().flatMap(e -> e.leftOut().stream()).toList());
        return new IndicatorTableView(definition.code(), definition.name(), definition.unitOfMeasure(),
                definition.direction(), parent.code(), query.year(), mapDate, query.asOf(),
                approvalOf(definition, query.approval()), leftOut, rows, context.position(), context.recordedAt(),
                total.figure().counted(basis));
    }

    // ------------------------------------------------------------------------------------------- computation

    /** A figure asked for: a unit, a year, the map date it is read on. */
    private record Request(GeographyModel.Unit unit, int year, LocalDate mapDate) {
    }

    /**
     * A figure, the commune-years with figures it did not count, and the households counted with a restated
     * outcome (and of them, with another status).
     */
    private record Figure(BigDecimal value, Long numerator, Long denominator, List<String> communes,
                          ObservationRef observation, List<LeftOutPeriod> leftOut, long restated,
                          long restatedChanged) {
        static final Figure NONE = new Figure(null, null, null, List.of(), null);

        Figure(BigDecimal value, Long numerator, Long denominator, List<String> communes, ObservationRef observation) {
            this(value, numerator, denominator, communes, observation, List.of(), 0, 0);
        }

        Figure leaving(List<LeftOutPeriod> periods) {
            return new Figure(value, numerator, denominator, communes, observation, periods, restated,
                    restatedChanged);
        }

        Figure restated(long[] counts) {
            return new Figure(value, numerator, denominator, communes, observation, leftOut,
                    counts[Counters.RESTATED], counts[Counters.RESTATED_CHANGED]);
        }

        IndicatorBasis counted(IndicatorBasis basis) {
            return basis.counted(restated, restatedChanged);
        }
    }

    /** A figure with its progress against the target, and what it and its reference figure left out. */
    private record Evaluated(Request request, Figure figure, TargetProgress progress, List<LeftOutPeriod> leftOut) {
    }

    /** The review figures an answer counts: reported observations are not part of a review. */
    private static FigureBasis approvalOf(Catalogue.Definition definition, FigureBasis asked) {
        return definition.kind() == IndicatorKind.REPORTED ? FigureBasis.RECORDED : asked;
    }

    /** Distinct, by commune and year. */
    private static List<LeftOutPeriod> leftOut(List<LeftOutPeriod> periods) {
        return periods.stream().distinct()
                .sorted(Comparator.comparing(LeftOutPeriod::communeCode).thenComparingInt(LeftOutPeriod::year))
                .toList();
    }

    private Map<Request, Evaluated> evaluate(Context context, Catalogue.Definition definition,
                                             List<Request> requests, LocalDate asOf, FigureBasis approval,
                                             IndicatorBasis basis) {
        // Every figure needed: the ones asked for and the ones their targets are measured from.
        Map<Request, TargetView> targets = new HashMap<>();
        Map<Request, Request> references = new HashMap<>();
        Set<Request> needed = new LinkedHashSet<>(requests);
        for (Request request : requests) {
            targetFor(context.catalogue, definition, request).ifPresent(target -> {
                targets.put(request, target);
                Integer referenceYear = TargetEvaluation.referenceYear(target.target(), request.year());
                if (referenceYear != null && referenceYear >= 2000) {
                    Request ref = new Request(request.unit(), referenceYear, request.mapDate());
                    references.put(request, ref);
                    needed.add(ref);
                }
            });
        }
        Map<Request, Figure> figures = figures(context, definition, needed, asOf, approvalOf(definition, approval),
                basis);
        Map<Request, Evaluated> answers = new HashMap<>();
        for (Request request : requests) {
            Figure figure = figures.getOrDefault(request, Figure.NONE);
            TargetView target = targets.get(request);
            TargetProgress progress = null;
            List<LeftOutPeriod> leftOut = new ArrayList<>(figure.leftOut());
            if (target != null) {
                Request ref = references.get(request);
                Figure reference = ref == null ? Figure.NONE : figures.getOrDefault(ref, Figure.NONE);
                leftOut.addAll(reference.leftOut());
                progress = TargetEvaluation.evaluate(target, definition.direction(), request.year(), figure.value(),
                        reference.value());
            }
            answers.put(request, new Evaluated(request, figure, progress, leftOut(leftOut)));
        }
        return answers;
    }

    /** The target for the year, or else the nearest later target on a baseline (for on/off track). */
    private static Optional<TargetView> targetFor(Catalogue catalogue, Catalogue.Definition definition,
                                                  Request request) {
        Optional<TargetView> exact = catalogue.target(definition.code(), request.unit().code(), request.year());
        if (exact.isPresent()) {
            return exact;
        }
        return catalogue.targets(definition.code(), request.unit().code()).stream()
                .filter(t -> t.year() > request.year() && t.target().kind() == TargetKind.PERCENT_ON_BASELINE
                        && t.target().baselineYear() < request.year())
                .findFirst();
    }

    private Map<Request, Figure> figures(Context context, Catalogue.Definition definition, Set<Request> requests,
                                         LocalDate asOf, FigureBasis approval, IndicatorBasis basis) {
        Map<Request, List<String>> cellsOf = new HashMap<>();
        Map<Request, List<String>> communesOf = new HashMap<>();
        Set<String> ids = new LinkedHashSet<>();
        for (Request request : requests) {
            List<String> cellIds = new ArrayList<>();
            if (definition.kind() == IndicatorKind.REPORTED) {
                cellIds.add(Counters.reportedCell(definition.code(), request.unit().code(), request.year()));
            } else {
                List<String> communes = context.geography.communesCovering(request.unit().code(), request.mapDate());
                if (definition.measure() == DerivedMeasure.MINORITY_POVERTY_RATE_ESPECIALLY_DIFFICULT_COMMUNES) {
                    communes = communes.stream().filter(c -> context.geography.unit(c)
                            .map(u -> u.flagsOn(request.mapDate()).contains(UnitFlag.ESPECIALLY_DIFFICULT_COMMUNE))
                            .orElse(false)).toList();
                }
                communesOf.put(request, communes);
                // every covering cell is read, the left-out ones too: they are named when they hold figures
                communes.forEach(c -> cellIds.add(Counters.derivedCell(c, request.year())));
                if (basis.isRestated()) {
                    communes.forEach(c -> cellIds.add(Counters.restatedCell(basis.rulebookKey(),
                            Counters.derivedCell(c, request.year()))));
                }
            }
            cellsOf.put(request, cellIds);
            ids.addAll(cellIds);
        }
        Map<String, VersionedCells.Version> versions = cells.versionsAt(ids, context.position());
        versions.values().forEach(v -> context.saw(v.recordedAtMillis()));
        Map<Request, Figure> figures = new HashMap<>();
        for (Request request : requests) {
            if (definition.kind() == IndicatorKind.REPORTED) {
                VersionedCells.Version version = versions.get(cellsOf.get(request).get(0));
                Optional<Observations.Observation> observation = version == null ? Optional.empty()
                        : Observations.of(version.state()).on(asOf);
                figures.put(request, observation.map(o -> new Figure(o.value(), null, null, List.of(), o.ref()))
                        .orElse(Figure.NONE));
                continue;
            }
            long[] counts = new long[Counters.SIZE];
            List<String> counted = new ArrayList<>();
            List<LeftOutPeriod> leftOut = new ArrayList<>();
            for (String commune : communesOf.get(request)) {
                VersionedCells.Version version = versions.get(Counters.derivedCell(commune, request.year()));
                if (approval == FigureBasis.APPROVED && !context.periods.approved(commune, request.year())) {
                    if (version != null && !Counters.isZero(Steps.of(version.state()).asOf(asOf))) {
                        leftOut.add(new LeftOutPeriod(commune, request.year(),
                                context.periods.state(commune, request.year())));
                    }
                    continue;
                }
                counted.add(commune);
                add(counts, version, asOf);
                if (basis.isRestated()) {
                    // what the restatements under the rulebook change in this commune-year's counts
                    add(counts, versions.get(Counters.restatedCell(basis.rulebookKey(),
                            Counters.derivedCell(commune, request.year()))), asOf);
                }
            }
            figures.put(request, derived(definition.measure(), counts, counted).leaving(leftOut(leftOut))
                    .restated(counts));
        }
        return figures;
    }

    private static void add(long[] counts, VersionedCells.Version version, LocalDate asOf) {
        if (version != null) {
            long[] cellCounts = Steps.of(version.state()).asOf(asOf);
            for (int i = 0; i < Counters.SIZE; i++) {
                counts[i] += cellCounts[i];
            }
        }
    }

    private static Figure derived(DerivedMeasure measure, long[] c, List<String> communes) {
        return switch (measure) {
            case POVERTY_RATE -> rate(c[Counters.POOR], c[Counters.ASSESSED], communes);
            case NEAR_POVERTY_RATE -> rate(c[Counters.NEAR_POOR], c[Counters.ASSESSED], communes);
            case MINORITY_POVERTY_RATE, MINORITY_POVERTY_RATE_ESPECIALLY_DIFFICULT_COMMUNES ->
                    rate(c[Counters.MINORITY_POOR], c[Counters.MINORITY_ASSESSED], communes);
            case POOR_HOUSEHOLDS -> count(c[Counters.POOR], c[Counters.ASSESSED], communes);
            case NEAR_POOR_HOUSEHOLDS -> count(c[Counters.NEAR_POOR], c[Counters.ASSESSED], communes);
            case HOUSEHOLDS_ESCAPED_POVERTY -> count(c[Counters.ESCAPED], c[Counters.ASSESSED], communes);
            case HOUSEHOLDS_NEWLY_POOR -> count(c[Counters.NEWLY_POOR], c[Counters.ASSESSED], communes);
            case HOUSEHOLDS_RE_POOR -> count(c[Counters.RE_POOR], c[Counters.ASSESSED], communes);
            case HEALTH_INSURANCE_COVERAGE_POOR -> rate(c[Counters.POOR_INSURED], c[Counters.POOR], communes);
            case PREFERENTIAL_CREDIT_COVERAGE ->
                    rate(c[Counters.CREDIT_COVERED], c[Counters.CREDIT_ELIGIBLE], communes);
        };
    }

    /** Percent with two decimals, half up, as reports print it; no households assessed: no value. */
    private static Figure rate(long numerator, long denominator, List<String> communes) {
        BigDecimal value = denominator == 0 ? null : BigDecimal.valueOf(numerator).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(denominator), 2, RoundingMode.HALF_UP);
        return new Figure(value, numerator, denominator, communes, null);
    }

    private static Figure count(long count, long assessed, List<String> communes) {
        return new Figure(assessed == 0 ? null : BigDecimal.valueOf(count), count, assessed, communes, null);
    }

    /** Competition ranking, best first in the indicator's direction; units without a value are not ranked. */
    private static Map<Evaluated, Integer> rank(List<Evaluated> rows, Direction direction) {
        Comparator<BigDecimal> better = direction == Direction.LOWER_IS_BETTER
                ? Comparator.naturalOrder() : Comparator.<BigDecimal>reverseOrder();
        List<Evaluated> ranked = rows.stream().filter(e -> e.figure().value() != null)
                .sorted(Comparator.comparing((Evaluated e) -> e.figure().value(), better)).toList();
        Map<Evaluated, Integer> ranks = new HashMap<>();
        for (int i = 0; i < ranked.size(); i++) {
            BigDecimal value = ranked.get(i).figure().value();
            int rank = i > 0 && ranked.get(i - 1).figure().value().compareTo(value) == 0
                    ? ranks.get(ranked.get(i - 1)) : i + 1;
            ranks.put(ranked.get(i), rank);
        }
        return ranks;
    }

    private static IndicatorTableRow row(Context context, Evaluated evaluated, Integer rank, boolean total,
                                         IndicatorBasis basis) {
        GeographyModel.Unit unit = evaluated.request().unit();
        Figure figure = evaluated.figure();
        return new IndicatorTableRow(rank, unit.code(), unit.nameOn(evaluated.request().mapDate()), unit.level(),
                total, figure.value(), figure.numerator(), figure.denominator(), evaluated.progress(),
                basis.isRestated() ? figure.restated() : null);
    }

    private static IndicatorValueView view(Context context, Catalogue.Definition definition, Evaluated evaluated,
                                           LocalDate asOf, FigureBasis approval, IndicatorBasis basis) {
        Request request = evaluated.request();
        Figure figure = evaluated.figure();
        boolean derived = definition.kind() == IndicatorKind.DERIVED;
        return new IndicatorValueView(definition.code(), definition.name(), definition.kind(),
                definition.unitOfMeasure(), request.unit().code(), request.unit().nameOn(request.mapDate()),
                request.unit().level(), request.year(), figure.value(), figure.numerator(), figure.denominator(),
                derived ? request.mapDate() : null, figure.communes(), figure.observation(), evaluated.progress(),
                asOf, approvalOf(definition, approval), evaluated.leftOut(), context.position(), context.recordedAt(),
                figure.counted(basis));
    }

    // -------------------------------------------------------------------------------------------- the cut

    /**
     * The transaction-time cut of one answer with the geography and catalogue folded at it, and the newest
     * recorded time among the facts the answer read.
     */
    private static final class Context {
        private final KnownState state;
        private final GeographyModel geography;
        private final Catalogue catalogue;
        private final ReviewPeriods periods;
        private final boolean now;
        private Instant newest;

        Context(KnownState state, GeographyModel geography, Catalogue catalogue, ReviewPeriods periods,
                boolean now) {
            this.state = state;
            this.geography = geography;
            this.catalogue = catalogue;
            this.periods = periods;
            this.now = now;
            this.newest = state.recordedAt();
        }

        void saw(long recordedAtMillis) {
            Instant time = Instant.ofEpochMilli(recordedAtMillis);
            if (newest == null || time.isAfter(newest)) {
                newest = time;
            }
        }

        long position() {
            return state.position();
        }

        /** Now: when the event at the position was recorded; in the past: the newest fact read. */
        Instant recordedAt() {
            return now ? state.recordedAt() : newest;
        }

        Catalogue.Definition indicator(String code) {
            Require.present("indicatorCode", code);
            return catalogue.indicator(code).orElseThrow(() -> new DomainException(ErrorCode.INDICATOR_NOT_FOUND,
                    "indicatorCode", "exists", "indicator " + code + " is not defined at position " + position(),
                    Map.of("indicatorCode", code, "position", state.position())));
        }

        /**
         * The basis asked for, checked at the cut: restated figures exist for derived indicators only, under a
         * rulebook version registered at the position.
         */
        IndicatorBasis basis(IndicatorBasis basis, Catalogue.Definition definition) {
            if (!basis.isRestated()) {
                return basis;
            }
            if (definition.kind() != IndicatorKind.DERIVED) {
                throw new ValidationException("basis", "derived-only",
                        "indicator " + definition.code() + " is reported, not derived from decisions: it has no "
                                + "restated figures");
            }
            if (!catalogue.hasRulebook(basis.rulebookKey())) {
                throw new DomainException(ErrorCode.RULEBOOK_NOT_FOUND, "rulebook", "exists",
                        "rulebook " + basis.rulebookKey() + " is not registered at position " + position(),
                        Map.of("rulebook", basis.rulebookKey(), "position", state.position()));
            }
            return basis;
        }

        GeographyModel.Unit unit(String code) {
            Require.present("unitCode", code);
            GeographyModel.Unit unit = geography.unit(code)
                    .orElseThrow(() -> ScopedReads.unitNotFound(code, state.position()));
            if (!unit.level().carriesFigures()) {
                throw new DomainException(ErrorCode.NO_FIGURES_FOR_LEVEL, "unitCode", "commune-or-above",
                        "indicators are figured for communes and the units above them, not for a " + unit.level(),
                        Map.of("unitCode", code, "level", unit.level().name()));
            }
            return unit;
        }
    }

    private Context context(AsKnownAt knownAt) {
        KnownState state = KnownState.of(reference, clock, knownAt);
        List<ReferenceLog.Entry> entries = state.entries();
        long last = entries.isEmpty() ? 0 : entries.get(entries.size() - 1).position();
        Folded current = folded;
        if (current.count() != entries.size() || current.lastPosition() != last) {
            current = new Folded(entries.size(), last, GeographyModel.fold(entries), Catalogue.fold(entries),
                    ReviewPeriods.fold(entries));
            folded = current;
        }
        return new Context(state, current.geography(), current.catalogue(), current.periods(),
                knownAt == null || knownAt.isNow());
    }

    /** The geography, catalogue and review periods folded from a prefix of the reference entries. */
    private record Folded(long count, long lastPosition, GeographyModel geography, Catalogue catalogue,
                          ReviewPeriods periods) {
    }
}
