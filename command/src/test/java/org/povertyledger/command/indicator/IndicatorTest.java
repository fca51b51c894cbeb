package org.povertyledger.command.indicator;

import static org.povertyledger.command.geography.AdministrativeMapTestSupport.refusal;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.geography.value.UnitCode;
import org.povertyledger.shared.indicator.command.CorrectObservationCommand;
import org.povertyledger.shared.indicator.command.DefineIndicatorCommand;
import org.povertyledger.shared.indicator.command.RecordObservationCommand;
import org.povertyledger.shared.indicator.command.SetTargetCommand;
import org.povertyledger.shared.indicator.event.IndicatorDefinedEvent;
import org.povertyledger.shared.indicator.event.ObservationRecordedEvent;
import org.povertyledger.shared.indicator.event.TargetSetEvent;
import org.povertyledger.shared.indicator.value.DerivedMeasure;
import org.povertyledger.shared.indicator.value.Direction;
import org.povertyledger.shared.indicator.value.IndicatorCode;
import org.povertyledger.shared.indicator.value.IndicatorKind;
import org.povertyledger.shared.indicator.value.Target;
import org.povertyledger.shared.indicator.value.TargetKind;
import org.povertyledger.shared.indicator.value.UnitOfMeasure;

class IndicatorTest {

    private static final IndicatorCode CLEAN_WATER = new IndicatorCode("CLEAN_WATER");
    private static final IndicatorCode POVERTY = new IndicatorCode("POVERTY_RATE");
    private static final UnitCode DISTRICT = new UnitCode("653");
    private static final LocalDate DEC = LocalDate.of(2024, 12, 31);

    private FixtureConfiguration<Indicator> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Indicator.class);
    }

    /** A new fixture, for a second scenario in the same test. */
    private FixtureConfiguration<Indicator> fresh() {
        fixture = new AggregateTestFixture<>(Indicator.class);
        return fixture;
    }

    private static IndicatorDefinedEvent cleanWater() {
        return new IndicatorDefinedEvent(CLEAN_WATER, "Households with clean water", UnitOfMeasure.PERCENT,
                Direction.HIGHER_IS_BETTER, IndicatorKind.REPORTED, null);
    }

    private static IndicatorDefinedEvent povertyRate() {
        return new IndicatorDefinedEvent(POVERTY, "Multidimensional poverty rate", UnitOfMeasure.PERCENT,
                Direction.LOWER_IS_BETTER, IndicatorKind.DERIVED, DerivedMeasure.POVERTY_RATE);
    }

    @Test
    void definesADerivedIndicatorWithItsMeasuresUnit() {
        fresh().givenNoPriorActivity()
                .when(new DefineIndicatorCommand(POVERTY, "Multidimensional poverty rate", null,
                        Direction.LOWER_IS_BETTER, IndicatorKind.DERIVED, DerivedMeasure.POVERTY_RATE))
                .expectEvents(povertyRate());
    }

    @Test
    void refusesASecondDefinition() {
        fresh().given(cleanWater())
                .when(new DefineIndicatorCommand(CLEAN_WATER, "Again", UnitOfMeasure.PERCENT,
                        Direction.HIGHER_IS_BETTER, IndicatorKind.REPORTED, null))
                .expectException(refusal(ErrorCode.INDICATOR_ALREADY_DEFINED, "indicatorCode", "unique"));
    }

    @Test
    void recordsAnObservationOfAReportedIndicatorAndReturnsItsId() {
        fresh().given(cleanWater())
                .when(new RecordObservationCommand(CLEAN_WATER, DISTRICT, 2024, new BigDecimal("75.4"),
                        "district report 2024", DEC))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ObservationRecordedEvent(CLEAN_WATER, DISTRICT, 2024, new BigDecimal("75.4"),
                        UnitOfMeasure.PERCENT, "district report 2024", DEC));
    }

    @Test
    void refusesObservationsOfUndefinedOrDerivedIndicatorsAndImpossiblePercentages() {
        fresh().givenNoPriorActivity()
                .when(new RecordObservationCommand(CLEAN_WATER, DISTRICT, 2024, BigDecimal.TEN, "report", DEC))
                .expectException(refusal(ErrorCode.INDICATOR_NOT_FOUND, "indicatorCode", "exists"))
                .expectNoEvents();
        fresh().given(povertyRate())
                .when(new RecordObservationCommand(POVERTY, DISTRICT, 2024, BigDecimal.TEN, "report", DEC))
                .expectException(refusal(ErrorCode.INDICATOR_NOT_REPORTED, "indicatorCode", "reported"));
        fresh().given(cleanWater())
                .when(new RecordObservationCommand(CLEAN_WATER, DISTRICT, 2024, new BigDecimal("100.5"), "report", DEC))
                .expectException(refusal(ErrorCode.VALIDATION_FAILED, "value", "max:100"));
    }

    @Test
    void refusesACorrectionOfAnUnknownObservation() {
        fresh().given(cleanWater())
                .when(new CorrectObservationCommand(CLEAN_WATER, "no-such-id", BigDecimal.ONE, "report", DEC, "typo"))
                .expectException(refusal(ErrorCode.OBSERVATION_NOT_FOUND, "observationId", "exists"));
    }

    @Test
    void setsARelativeTargetAndRefusesABaselineAfterTheTargetYear() {
        Target down3 = new Target(TargetKind.POINTS_ON_PREVIOUS_YEAR, new BigDecimal("3"), new BigDecimal("3.5"), null);
        fresh().given(povertyRate())
                .when(new SetTargetCommand(POVERTY, DISTRICT, 2024, down3, "NQ-05/2024"))
                .expectEvents(new TargetSetEvent(POVERTY, DISTRICT, 2024, down3, "NQ-05/2024"));
        Target half = new Target(TargetKind.PERCENT_ON_BASELINE, new BigDecimal("50"), null, 2025);
        fresh().given(povertyRate())
                .when(new SetTargetCommand(POVERTY, DISTRICT, 2025, half, "QD-90/2022"))
                .expectException(refusal(ErrorCode.INVALID_TARGET, "target.baselineYear", "before-target-year"));
    }
}
