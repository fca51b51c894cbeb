package org.povertyledger.query.indicator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.TreeMap;

import org.bson.Document;
import org.povertyledger.query.support.ReferenceLog;
import org.povertyledger.shared.indicator.event.IndicatorDefinedEvent;
import org.povertyledger.shared.indicator.event.TargetSetEvent;
import org.povertyledger.shared.indicator.query.IndicatorSummary;
import org.povertyledger.shared.indicator.query.TargetView;
import org.povertyledger.shared.indicator.value.DerivedMeasure;
import org.povertyledger.shared.indicator.value.Direction;
import org.povertyledger.shared.indicator.value.IndicatorKind;
import org.povertyledger.shared.indicator.value.Target;
import org.povertyledger.shared.indicator.value.TargetKind;
import org.povertyledger.shared.indicator.value.UnitOfMeasure;
import org.povertyledger.shared.rulebook.event.RulebookRegisteredEvent;

/**
 * The indicator catalogue and its targets, and the rulebook versions figures may be restated under, folded from
 * the reference log up to one log position.
 */
final class Catalogue {

    static final String DEFINED = "IndicatorDefined";
    static final String TARGET_SET = "TargetSet";
    static final String RULEBOOK_REGISTERED = "RulebookRegistered";

    /** One indicator's definition. */
    record Definition(String code, String name, UnitOfMeasure unitOfMeasure, Direction direction, IndicatorKind kind,
                      DerivedMeasure measure) {
    }

    private final Map<String, Definition> indicators;
    /** Targets by indicator, then "unit|year". */
    private final Map<String, Map<String, TargetView>> targets;
    /** Registered rulebook versions, as {@code ID:VERSION}. */
    private final Set<String> rulebooks;

    private Catalogue(Map<String, Definition> indicators, Map<String, Map<String, TargetView>> targets,
                      Set<String> rulebooks) {
        this.indicators = indicators;
        this.targets = targets;
        this.rulebooks = rulebooks;
    }

    static Document encode(RulebookRegisteredEvent e) {
        return new Document("id", e.definition().rulebookId()).append("version", e.definition().version());
    }

    static Document encode(IndicatorDefinedEvent e) {
        return new Document("code", e.indicatorCode().value()).append("name", e.name())
                .append("unitOfMeasure", e.unitOfMeasure().name()).append("direction", e.direction().name())
                .append("kind", e.kind().name()).append("measure", e.measure() == null ? null : e.measure().name());
    }

    static Document encode(TargetSetEvent e) {
        Target t = e.target();
        return new Document("code", e.indicatorCode().value()).append("unit", e.unitCode().value())
                .append("year", e.year()).append("kind", t.kind().name())
                .append("low", t.low() == null ? null : t.low().toPlainString())
                .append("high", t.high() == null ? null : t.high().toPlainString())
                .append("baselineYear", t.baselineYear()).append("legalBasis", e.legalBasis());
    }

    static Catalogue fold(List<ReferenceLog.Entry> entries) {
        Map<String, Definition> indicators = new LinkedHashMap<>();
        Map<String, Map<String, TargetView>> targets = new LinkedHashMap<>();
        Set<String> rulebooks = new TreeSet<>();
        for (ReferenceLog.Entry entry : entries) {
            Document d = entry.data();
            if (DEFINED.equals(entry.type())) {
                String measure = d.getString("measure");
                indicators.putIfAbsent(d.getString("code"), new Definition(d.getString("code"), d.getString("name"),
                        UnitOfMeasure.valueOf(d.getString("unitOfMeasure")), Direction.valueOf(d.getString("direction")),
                        IndicatorKind.valueOf(d.getString("kind")), measure == null ? null : DerivedMeasure.valueOf(measure)));
            } else if (TARGET_SET.equals(entry.type())) {
                Target target = new Target(TargetKind.valueOf(d.getString("kind")), decimal(d.getString("low")),
                        decimal(d.getString("high")), d.getInteger("baselineYear"));
                TargetView view = new TargetView(d.getString("unit"), d.getInteger("year"), target,
                        d.getString("legalBasis"), entry.position());
                targets.computeIfAbsent(d.getString("code"), k -> new TreeMap<>())
                        .put(view.unitCode() + "|" + view.year(), view);
            } else if (RULEBOOK_REGISTERED.equals(entry.type())) {
                rulebooks.add(d.getString("id") + ":" + d.getInteger("version"));
            }
        }
        return new Catalogue(indicators, targets, rulebooks);
    }

    private static BigDecimal decimal(String text) {
        return text == null ? null : new BigDecimal(text);
    }

    /** Whether the rulebook version ({@code ID:VERSION}) is registered. */
    boolean hasRulebook(String key) {
        return rulebooks.contains(key);
    }

    Optional<Definition> indicator(String code) {
        return Optional.ofNullable(indicators.get(code));
    }

    Optional<TargetView> target(String indicatorCode, String unitCode, int year) {
        return Optional.ofNullable(targets.getOrDefault(indicatorCode, Map.of()).get(unitCode + "|" + year));
    }

    /** The unit's targets of an indicator, by target year. */
    List<TargetView> targets(String indicatorCode, String unitCode) {
        List<TargetView> found = new ArrayList<>();
        for (TargetView view : targets.getOrDefault(indicatorCode, Map.of()).values()) {
            if (view.unitCode().equals(unitCode)) {
                found.add(view);
            }
        }
        found.sort(Comparator.comparingInt(TargetView::year));
        return found;
    }

    List<IndicatorSummary> summaries() {
        List<IndicatorSummary> summaries = new ArrayList<>();
        indicators.values().stream().sorted(Comparator.comparing(Definition::code)).forEach(def -> summaries.add(
                new IndicatorSummary(def.code(), def.name(), def.unitOfMeasure(), def.direction(), def.kind(),
                        def.measure(), List.copyOf(targets.getOrDefault(def.code(), Map.of()).values()))));
        return summaries;
    }
}
