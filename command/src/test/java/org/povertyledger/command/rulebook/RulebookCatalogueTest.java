package org.povertyledger.command.rulebook;

import static org.povertyledger.command.programme.Refusals.refusal;

import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.rulebook.BuiltInRulebooks;
import org.povertyledger.shared.rulebook.RulebookDefinition;
import org.povertyledger.shared.rulebook.RulebookFormula;
import org.povertyledger.shared.rulebook.command.RegisterRulebookCommand;
import org.povertyledger.shared.rulebook.event.RulebookRegisteredEvent;

class RulebookCatalogueTest {

    private static final String CATALOGUE = RegisterRulebookCommand.CATALOGUE;

    private AggregateTestFixture<RulebookCatalogue> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(RulebookCatalogue.class);
    }

    private static RulebookDefinition definition(String id, int version, String scope, int first, int last,
                                                 long ruralLine) {
        TreeMap<String, Long> thresholds = new TreeMap<>(Map.of("RURAL_LINE", ruralLine, "URBAN_LINE", 2_000_000L,
                "RURAL_AVERAGE_LIMIT", 2_250_000L, "URBAN_AVERAGE_LIMIT", 3_000_000L, "DEPRIVATION_THRESHOLD", 3L));
        return new RulebookDefinition(id, version, RulebookFormula.LINE_AND_AVERAGE_2021, scope, first, last,
                "Decision " + id, thresholds, new TreeSet<>(BuiltInRulebooks.decree07Indicators()));
    }

    private static RulebookRegisteredEvent registered(RulebookDefinition definition) {
        return new RulebookRegisteredEvent(CATALOGUE, definition);
    }

    private static final RulebookDefinition DECREE_07 = definition("VN-DECREE-07-2021", 1, "VN", 2021, 2026,
            1_500_000);

    @Test
    void registersTheFirstVersionOfARulebook() {
        fixture.givenNoPriorActivity()
                .when(RegisterRulebookCommand.of(DECREE_07))
                .expectEvents(registered(DECREE_07));
    }

    @Test
    void registersANewVersionForAPeriodThatAlreadyHasOne() {
        RulebookDefinition corrected = definition("VN-DECREE-07-2021", 2, "VN", 2021, 2026, 1_600_000);
        fixture.given(registered(DECREE_07))
                .when(RegisterRulebookCommand.of(corrected))
                .expectEvents(registered(corrected));
    }

    @Test
    void registersAProvinceStandardOverTheNationalOnesPeriod() {
        RulebookDefinition province = definition("DAK-LAK-2022", 1, "66", 2022, 2025, 1_800_000);
        fixture.given(registered(DECREE_07))
                .when(RegisterRulebookCommand.of(province))
                .expectEvents(registered(province));
    }

    @Test
    void refusesAVersionAlreadyRegistered() {
        fixture.given(registered(DECREE_07))
                .when(RegisterRulebookCommand.of(DECREE_07))
                .expectNoEvents()
                .expectException(refusal(ErrorCode.RULEBOOK_VERSION_EXISTS, "version", "unique"));
    }

    @Test
    void refusesAVersionThatSkipsOne() {
        fixture.given(registered(DECREE_07))
                .when(RegisterRulebookCommand.of(definition("VN-DECREE-07-2021", 3, "VN", 2021, 2026, 1_500_000)))
                .expectNoEvents()
                .expectException(refusal(ErrorCode.RULEBOOK_VERSION_OUT_OF_SEQUENCE, "version", "next-version",
                        Map.of("expectedVersion", 2)));
    }

    @Test
    void refusesAFirstVersionOtherThanOne() {
        fixture.givenNoPriorActivity()
                .when(RegisterRulebookCommand.of(definition("VN-DECREE-07-2021", 2, "VN", 2021, 2026, 1_500_000)))
                .expectNoEvents()
                .expectException(refusal(ErrorCode.RULEBOOK_VERSION_OUT_OF_SEQUENCE, "version", "next-version",
                        Map.of("expectedVersion", 1)));
    }

    @Test
    void refusesANewVersionInAnotherScope() {
        fixture.given(registered(DECREE_07))
                .when(RegisterRulebookCommand.of(definition("VN-DECREE-07-2021", 2, "66", 2021, 2026, 1_500_000)))
                .expectNoEvents()
                .expectException(refusal(ErrorCode.RULEBOOK_SCOPE_CHANGED, "scope", "same-scope"));
    }

    @Test
    void refusesAnotherRulebookOverlappingTheSameScopesPeriod() {
        fixture.given(registered(DECREE_07))
                .when(RegisterRulebookCommand.of(definition("VN-DECREE-351-2025", 1, "VN", 2026, 2030, 2_200_000)))
                .expectNoEvents()
                .expectException(refusal(ErrorCode.RULEBOOK_PERIOD_OVERLAP, "firstReviewYear", "no-overlap-in-scope",
                        Map.of("overlaps", "VN-DECREE-07-2021", "overlapsTo", 2026)));
    }

    @Test
    void judgesOverlapByTheOtherRulebooksLatestVersion() {
        RulebookDefinition shortened = definition("VN-DECREE-07-2021", 2, "VN", 2021, 2025, 1_500_000);
        RulebookDefinition successor = definition("VN-DECREE-351-2025", 1, "VN", 2026, 2030, 2_200_000);
        fixture.given(registered(DECREE_07), registered(shortened))
                .when(RegisterRulebookCommand.of(successor))
                .expectEvents(registered(successor));
    }
}
