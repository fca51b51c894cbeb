package org.povertyledger.query.indicator;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.povertyledger.query.support.PositionClock;
import org.povertyledger.shared.benefit.event.BenefitRecordedEvent;
import org.povertyledger.shared.benefit.value.BenefitKind;
import org.povertyledger.shared.benefit.value.TargetGroup;
import org.povertyledger.shared.common.Vnd;
import org.povertyledger.shared.geography.event.UnitDissolvedEvent;
import org.povertyledger.shared.geography.event.UnitRegisteredEvent;
import org.povertyledger.shared.geography.event.UnitReparentedEvent;
import org.povertyledger.shared.geography.event.UnitsMergedEvent;
import org.povertyledger.shared.geography.value.UnitCode;
import org.povertyledger.shared.geography.value.UnitFlag;
import org.povertyledger.shared.geography.value.UnitLevel;
import org.povertyledger.shared.household.event.AssessmentCorrectedEvent;
import org.povertyledger.shared.household.event.AssessmentRecordedEvent;
import org.povertyledger.shared.household.event.HouseholdRegisteredEvent;
import org.povertyledger.shared.household.value.Area;
import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.household.value.Livelihood;
import org.povertyledger.shared.household.value.PovertyStatus;
import org.povertyledger.shared.household.value.ReviewKind;
import org.povertyledger.shared.indicator.event.IndicatorDefinedEvent;
import org.povertyledger.shared.indicator.event.TargetSetEvent;
import org.povertyledger.shared.indicator.value.DerivedMeasure;
import org.povertyledger.shared.indicator.value.Direction;
import org.povertyledger.shared.indicator.value.IndicatorCode;
import org.povertyledger.shared.indicator.value.IndicatorKind;
import org.povertyledger.shared.indicator.value.Target;

/**
 * A log for projection tests: each published event gets the next global position, an id and a recorded time
 * one hour after the previous one, and is dispatched to the projection through Axon's annotation adapter (so
 * parameters resolve as in a processor). Doubles as the {@link PositionClock} of that log.
 */
final class IndicatorLedger implements PositionClock {

    static final Instant T0 = Instant.parse("2022-01-01T00:00:00Z");

    private final AnnotationEventHandlerAdapter adapter;
    private long position;

    IndicatorLedger(Object projection) {
        this.adapter = new AnnotationEventHandlerAdapter(projection);
    }

    /** Publishes the event; returns its id. */
    String publish(Object payload) {
        position++;
        String id = "ev-" + position;
        GenericEventMessage<Object> message = new GenericEventMessage<>(id, payload, Map.of(), timeAt(position));
        try {
            adapter.handle(new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(position), message));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    long position() {
        return position;
    }

    @Override
    public long positionAt(Instant time) {
        long hours = Duration.between(T0, time).toHours();
        return Math.max(0, Math.min(position, hours));
    }

    /** The recorded time of the event at a position. */
    Instant timeAt(long at) {
        return at <= 0 ? null : T0.plus(Duration.ofHours(at));
    }

    // ---------------------------------------------------------------------------------------- event builders

    static UnitRegisteredEvent unit(String code, UnitLevel level, String parent, LocalDate from, UnitFlag... flags) {
        return new UnitRegisteredEvent(new UnitCode(code), "Unit " + code, level,
                parent == null ? null : new UnitCode(parent), Set.of(flags), from, "QD-" + code);
    }

    static UnitsMergedEvent merged(List<String> sources, String target, LocalDate date) {
        return new UnitsMergedEvent(sources.stream().map(UnitCode::new).toList(), new UnitCode(target), date, "NQ-1");
    }

    static UnitReparentedEvent reparented(String code, String from, String to, LocalDate date) {
        return new UnitReparentedEvent(new UnitCode(code), new UnitCode(from), new UnitCode(to), date, "NQ-1");
    }

    static UnitDissolvedEvent dissolved(String code, LocalDate date) {
        return new UnitDissolvedEvent(new UnitCode(code), date, "NQ-1");
    }

    static HouseholdRegisteredEvent household(String id, String commune, boolean minority) {
        return new HouseholdRegisteredEvent(new HouseholdId(id), new CommuneCode(commune), "Buon Jun", Area.RURAL,
                "Head " + id, minority ? "M'nong" : "Kinh", minority, 4);
    }

    /** A health-insurance card for {@code coverageYear}, issued on {@code date}. */
    static BenefitRecordedEvent card(String id, int coverageYear, LocalDate date) {
        return new BenefitRecordedEvent(new HouseholdId(id), BenefitKind.HEALTH_INSURANCE_CARD, date, coverageYear,
                null, null, null, null, null, null, null, null, null, null, PovertyStatus.POOR, TargetGroup.POOR,
                "health-insurance:poor-near-poor-or-newly-escaped");
    }

    /** A preferential loan dated {@code date}. */
    static BenefitRecordedEvent loan(String id, LocalDate date) {
        return new BenefitRecordedEvent(new HouseholdId(id), BenefitKind.PREFERENTIAL_LOAN, date, null,
                new Vnd(50_000_000L), "VBSP", null, null, null, null, null, null, null, null, PovertyStatus.POOR,
                TargetGroup.POOR, "preferential-loan:poor-near-poor-or-newly-escaped");
    }

    static AssessmentRecordedEvent periodic(String id, int year, PovertyStatus status) {
        return assessment(id, year, ReviewKind.PERIODIC, LocalDate.of(year, 12, 15), status);
    }

    static AssessmentRecordedEvent assessment(String id, int year, ReviewKind kind, LocalDate effective,
                                              PovertyStatus status) {
        return new AssessmentRecordedEvent(new HouseholdId(id), year, kind, effective.minusMonths(2), Area.RURAL,
                1_000_000L, Livelihood.OTHER, new TreeSet<>(), "QD-" + year, effective, "VN-DECREE-07-2021", 1, 0,
                status);
    }

    static AssessmentCorrectedEvent correction(String id, String assessmentId, int year, PovertyStatus previous,
                                               PovertyStatus status) {
        return new AssessmentCorrectedEvent(new HouseholdId(id), assessmentId, assessmentId, year, ReviewKind.PERIODIC,
                LocalDate.of(year, 10, 15), Area.RURAL, 2_600_000L, Livelihood.OTHER, new TreeSet<>(), "QD-FIX",
                LocalDate.of(year, 12, 15), "VN-DECREE-07-2021", 1, 0, previous, status, "income mistyped");
    }

    static IndicatorDefinedEvent derived(String code, DerivedMeasure measure, Direction direction) {
        return new IndicatorDefinedEvent(new IndicatorCode(code), code, measure.unitOfMeasure(), direction,
                IndicatorKind.DERIVED, measure);
    }

    static TargetSetEvent target(String code, String unit, int year, Target target) {
        return new TargetSetEvent(new IndicatorCode(code), new UnitCode(unit), year, target, "NQ-" + year);
    }

    static Target points(String low, String high) {
        return new Target(org.povertyledger.shared.indicator.value.TargetKind.POINTS_ON_PREVIOUS_YEAR,
                new BigDecimal(low), high == null ? null : new BigDecimal(high), null);
    }
}
