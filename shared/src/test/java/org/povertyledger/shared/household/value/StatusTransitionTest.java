package org.povertyledger.shared.household.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class StatusTransitionTest {

    @ParameterizedTest(name = "{0} -> {1} (ever poor before: {2}) is {3}")
    @CsvSource(textBlock = """
            UNASSESSED,              POOR,                    false, NEWLY_POOR
            NOT_POOR,                POOR,                    false, NEWLY_POOR
            AVERAGE_LIVING_STANDARD, POOR,                    false, NEWLY_POOR
            NOT_POOR,                POOR,                    true,  RE_POOR
            AVERAGE_LIVING_STANDARD, POOR,                    true,  RE_POOR
            NEAR_POOR,               POOR,                    true,  RE_POOR
            NEAR_POOR,               POOR,                    false, NEAR_POOR_TO_POOR
            UNASSESSED,              NEAR_POOR,               false, NEWLY_NEAR_POOR
            NOT_POOR,                NEAR_POOR,               false, NEWLY_NEAR_POOR
            NOT_POOR,                NEAR_POOR,               true,  NEWLY_NEAR_POOR
            AVERAGE_LIVING_STANDARD, NEAR_POOR,               true,  NEWLY_NEAR_POOR
            POOR,                    NEAR_POOR,               true,  POOR_TO_NEAR_POOR
            POOR,                    NOT_POOR,                true,  ESCAPED_POVERTY
            POOR,                    AVERAGE_LIVING_STANDARD, true,  ESCAPED_POVERTY
            NEAR_POOR,               NOT_POOR,                false, ESCAPED_NEAR_POVERTY
            NEAR_POOR,               AVERAGE_LIVING_STANDARD, true,  ESCAPED_NEAR_POVERTY
            UNASSESSED,              NOT_POOR,                false, FIRST_ASSESSED_ABOVE_LINE
            UNASSESSED,              AVERAGE_LIVING_STANDARD, false, FIRST_ASSESSED_ABOVE_LINE
            NOT_POOR,                AVERAGE_LIVING_STANDARD, false, ABOVE_LINE_RECLASSIFIED
            AVERAGE_LIVING_STANDARD, NOT_POOR,                true,  ABOVE_LINE_RECLASSIFIED
            """)
    void namesTheChange(PovertyStatus previous, PovertyStatus next, boolean everPoorBefore,
                        StatusTransition expected) {
        assertThat(StatusTransition.between(previous, next, everPoorBefore)).contains(expected);
    }

    @ParameterizedTest
    @EnumSource(PovertyStatus.class)
    void namesNoTransitionWhenTheStatusStaysTheSame(PovertyStatus status) {
        assertThat(StatusTransition.between(status, status, false)).isEmpty();
        assertThat(StatusTransition.between(status, status, true)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = PovertyStatus.class, names = "UNASSESSED", mode = EnumSource.Mode.EXCLUDE)
    void refusesToMakeAnAssessedHouseholdUnassessed(PovertyStatus previous) {
        assertThatThrownBy(() -> StatusTransition.between(previous, PovertyStatus.UNASSESSED, false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyTransitionNameIsReachable() {
        Set<StatusTransition> reached = EnumSet.noneOf(StatusTransition.class);
        for (PovertyStatus previous : PovertyStatus.values()) {
            for (PovertyStatus next : EnumSet.complementOf(EnumSet.of(PovertyStatus.UNASSESSED))) {
                StatusTransition.between(previous, next, false).ifPresent(reached::add);
                StatusTransition.between(previous, next, true).ifPresent(reached::add);
            }
        }
        assertThat(reached).containsExactlyInAnyOrder(StatusTransition.values());
    }
}
