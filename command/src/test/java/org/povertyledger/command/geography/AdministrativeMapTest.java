package org.povertyledger.command.geography;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.geography.command.DissolveUnitCommand;
import org.povertyledger.shared.geography.command.MergeUnitsCommand;
import org.povertyledger.shared.geography.command.RegisterUnitCommand;
import org.povertyledger.shared.geography.command.RenameUnitCommand;
import org.povertyledger.shared.geography.command.ReparentUnitCommand;
import org.povertyledger.shared.geography.event.UnitDissolvedEvent;
import org.povertyledger.shared.geography.event.UnitRegisteredEvent;
import org.povertyledger.shared.geography.event.UnitRenamedEvent;
import org.povertyledger.shared.geography.event.UnitReparentedEvent;
import org.povertyledger.shared.geography.event.UnitsMergedEvent;
import org.povertyledger.shared.geography.value.UnitCode;
import org.povertyledger.shared.geography.value.UnitLevel;

class AdministrativeMapTest {

    private static final LocalDate START = LocalDate.of(2020, 1, 1);
    private static final LocalDate REFORM = LocalDate.of(2025, 7, 1);
    private static final UnitCode PROVINCE = new UnitCode("66");
    private static final UnitCode DISTRICT = new UnitCode("653");
    private static final UnitCode COMMUNE_A = new UnitCode("24541");
    private static final UnitCode COMMUNE_B = new UnitCode("24544");
    private static final UnitCode COMMUNE_N = new UnitCode("24600");
    private static final UnitCode VILLAGE = new UnitCode("24541-01");

    private FixtureConfiguration<AdministrativeMap> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AdministrativeMap.class);
    }

    /** A new fixture, for a second scenario in the same test. */
    private FixtureConfiguration<AdministrativeMap> fresh() {
        fixture = new AggregateTestFixture<>(AdministrativeMap.class);
        return fixture;
    }

    private static UnitRegisteredEvent registered(UnitCode code, UnitLevel level, UnitCode parent, LocalDate from) {
        return new UnitRegisteredEvent(code, "Unit " + code, level, parent, Set.of(), from, "QD-1");
    }

    private static List<Object> lak() {
        return List.of(
                registered(PROVINCE, UnitLevel.PROVINCE, null, START),
                registered(DISTRICT, UnitLevel.DISTRICT, PROVINCE, START),
                registered(COMMUNE_A, UnitLevel.COMMUNE, DISTRICT, START),
                registered(COMMUNE_B, UnitLevel.COMMUNE, DISTRICT, START),
                registered(VILLAGE, UnitLevel.VILLAGE, COMMUNE_A, START));
    }

    @Test
    void registersAProvinceOnAnEmptyMap() {
        fresh().givenNoPriorActivity()
                .when(new RegisterUnitCommand(PROVINCE, "Dak Lak", UnitLevel.PROVINCE, null, Set.of(), START, "QD-1"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new UnitRegisteredEvent(PROVINCE, "Dak Lak", UnitLevel.PROVINCE, null, Set.of(), START,
                        "QD-1"));
    }

    @Test
    void refusesASecondRegistrationOfTheSameCode() {
        fresh().given(lak())
                .when(new RegisterUnitCommand(COMMUNE_A, "Again", UnitLevel.COMMUNE, DISTRICT, Set.of(), START, "QD-2"))
                .expectException(refusal(ErrorCode.UNIT_ALREADY_REGISTERED, "unitCode", "unique"));
    }

    @Test
    void refusesACommuneWithoutParentAndAParentOfALowerLevel() {
        fresh().given(lak())
                .when(new RegisterUnitCommand(COMMUNE_N, "N", UnitLevel.COMMUNE, null, Set.of(), START, "QD-2"))
                .expectException(refusal(ErrorCode.INVALID_PARENT, "parentCode", "required"));
        fresh().given(lak())
                .when(new RegisterUnitCommand(COMMUNE_N, "N", UnitLevel.COMMUNE, VILLAGE, Set.of(), START, "QD-2"))
                .expectException(refusal(ErrorCode.INVALID_PARENT, "parentCode", "higher-level"));
    }

    @Test
    void refusesAnUnknownParentAndAParentNotYetValid() {
        fresh().given(lak())
                .when(new RegisterUnitCommand(COMMUNE_N, "N", UnitLevel.COMMUNE, new UnitCode("999"), Set.of(), START,
                        "QD-2"))
                .expectException(refusal(ErrorCode.UNIT_NOT_FOUND, "parentCode", "exists"));
        fresh().given(lak())
                .when(new RegisterUnitCommand(COMMUNE_N, "N", UnitLevel.COMMUNE, DISTRICT, Set.of(), START.minusDays(1),
                        "QD-2"))
                .expectException(refusal(ErrorCode.UNIT_NOT_VALID_ON_DATE, "parentCode", "valid-on-date"));
    }

    @Test
    void mergeEndsTheSourcesAndMovesTheirChildrenUnderTheTarget() {
        List<Object> given = new java.util.ArrayList<>(lak());
        given.add(registered(COMMUNE_N, UnitLevel.COMMUNE, DISTRICT, REFORM));
        fresh().given(given)
                .when(new MergeUnitsCommand(List.of(COMMUNE_A, COMMUNE_B), COMMUNE_N, REFORM, "NQ-1"))
                .expectEvents(new UnitsMergedEvent(List.of(COMMUNE_A, COMMUNE_B), COMMUNE_N, REFORM, "NQ-1"),
                        new UnitReparentedEvent(VILLAGE, COMMUNE_A, COMMUNE_N, REFORM, "NQ-1"));
    }

    @Test
    void refusesToMergeAUnitTwiceIntoItselfOrAcrossLevels() {
        List<Object> merged = new java.util.ArrayList<>(lak());
        merged.add(registered(COMMUNE_N, UnitLevel.COMMUNE, DISTRICT, REFORM));
        merged.add(new UnitsMergedEvent(List.of(COMMUNE_A), COMMUNE_N, REFORM, "NQ-1"));
        fresh().given(merged)
                .when(new MergeUnitsCommand(List.of(COMMUNE_A), COMMUNE_N, REFORM.plusDays(1), "NQ-2"))
                .expectException(refusal(ErrorCode.UNIT_NOT_VALID_ON_DATE, "sourceCodes", "valid-on-date"));
        fresh().given(lak())
                .when(new MergeUnitsCommand(List.of(COMMUNE_A), COMMUNE_A, REFORM, "NQ-2"))
                .expectException(refusal(ErrorCode.INVALID_MERGE, "sourceCodes", "not-target"));
        fresh().given(lak())
                .when(new MergeUnitsCommand(List.of(DISTRICT), COMMUNE_A, REFORM, "NQ-2"))
                .expectException(refusal(ErrorCode.INVALID_MERGE, "sourceCodes", "same-level"));
    }

    @Test
    void dissolvingADistrictMovesItsCommunesUpToTheProvince() {
        fresh().given(lak())
                .when(new DissolveUnitCommand(DISTRICT, REFORM, "NQ-202/2025"))
                .expectEvents(new UnitReparentedEvent(COMMUNE_A, DISTRICT, PROVINCE, REFORM, "NQ-202/2025"),
                        new UnitReparentedEvent(COMMUNE_B, DISTRICT, PROVINCE, REFORM, "NQ-202/2025"),
                        new UnitDissolvedEvent(DISTRICT, REFORM, "NQ-202/2025"));
    }

    @Test
    void refusesToDissolveAProvinceWithChildren() {
        fresh().given(lak())
                .when(new DissolveUnitCommand(PROVINCE, REFORM, "NQ-1"))
                .expectException(refusal(ErrorCode.INVALID_PARENT, "unitCode", "children-need-a-parent"));
    }

    @Test
    void refusesAReparentThatWouldMakeACycle() {
        List<Object> given = new java.util.ArrayList<>(lak());
        given.add(registered(new UnitCode("654"), UnitLevel.DISTRICT, PROVINCE, START));
        fresh().given(given)
                .when(new ReparentUnitCommand(COMMUNE_A, new UnitCode("654"), REFORM, "QD-3"))
                .expectEvents(new UnitReparentedEvent(COMMUNE_A, DISTRICT, new UnitCode("654"), REFORM, "QD-3"));
        fresh().given(lak())
                .when(new ReparentUnitCommand(COMMUNE_A, VILLAGE, REFORM, "QD-3"))
                .expectException(refusal(ErrorCode.INVALID_PARENT, "parentCode", "higher-level"));
    }

    @Test
    void renamesWithThePreviousNameAndRefusesAnUnknownUnit() {
        fresh().given(lak())
                .when(new RenameUnitCommand(COMMUNE_A, "Lien Son Lak", REFORM, "NQ-1"))
                .expectEvents(new UnitRenamedEvent(COMMUNE_A, "Unit 24541", "Lien Son Lak", REFORM, "NQ-1"));
        fresh().givenNoPriorActivity()
                .when(new RenameUnitCommand(COMMUNE_A, "Lien Son Lak", REFORM, "NQ-1"))
                .expectException(refusal(ErrorCode.UNIT_NOT_FOUND, "unitCode", "exists"))
                .expectNoEvents();
    }

    static Matcher<DomainException> refusal(ErrorCode code, String field, String rule) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(DomainException e) {
                return e.code() == code && Objects.equals(e.field(), field) && Objects.equals(e.rule(), rule);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("DomainException ").appendValue(code).appendText(" on ").appendValue(field)
                        .appendText(" rule ").appendValue(rule);
            }
        };
    }
}
