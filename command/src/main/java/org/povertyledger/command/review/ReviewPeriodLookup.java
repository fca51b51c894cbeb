package org.povertyledger.command.review;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.povertyledger.shared.common.DomainException;
import org.povertyledger.shared.common.ErrorCode;
import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.review.value.PeriodState;

/**
 * Where a commune's review of a year stands, for the household aggregate's check before it records or corrects an
 * assessment of that year.
 */
@FunctionalInterface
public interface ReviewPeriodLookup {

    /** The period's state and the exceptions granted on it. */
    PeriodStatus status(CommuneCode communeCode, int reviewYear);

    /**
     * The state of a period and its exceptions.
     *
     * @param exceptions exception id → household id
     */
    record PeriodStatus(PeriodState state, Map<String, String> exceptions) {

        /** A period nobody has submitted. */
        public static final PeriodStatus OPEN = new PeriodStatus(PeriodState.OPEN, Map.of());

        public PeriodStatus {
            exceptions = Map.copyOf(exceptions);
        }

        /**
         * What lets a household's assessment or correction of this period through: nothing while it is open, else an
         * exception granted to that household that it has not used yet.
         *
         * @return the exception to use up, or empty when the period is open
         * @throws DomainException {@code PERIOD_LOCKED} when the period is frozen and no unused exception opens it
         */
        public Optional<String> admit(HouseholdId householdId, CommuneCode communeCode, int reviewYear,
                                      Set<String> usedExceptions) {
            if (!state.frozen()) {
                return Optional.empty();
            }
            return exceptions.entrySet().stream()
                    .filter(e -> e.getValue().equals(householdId.value()) && !usedExceptions.contains(e.getKey()))
                    .map(Map.Entry::getKey)
                    .sorted()
                    .findFirst()
                    .or(() -> {
                        throw new DomainException(ErrorCode.PERIOD_LOCKED, "reviewYear", "period-open",
                                "the " + reviewYear + " review of commune " + communeCode + " is " + state
                                        + ": assessments and corrections need an exception granted by an administrator",
                                Map.of("state", state.name(), "communeCode", communeCode.value(),
                                        "reviewYear", reviewYear));
                    });
        }
    }
}
