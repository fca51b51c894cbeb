package org.povertyledger.command.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.povertyledger.shared.household.command.RecordAssessmentCommand;
import org.povertyledger.shared.household.command.RegisterHouseholdCommand;
import org.povertyledger.shared.household.value.Area;
import org.povertyledger.shared.household.value.PovertyStatus;
import org.povertyledger.shared.household.value.ReviewKind;
import org.povertyledger.shared.household.value.StatusTransition;
import org.povertyledger.shared.rulebook.RulebookRegistry;

class DemoDistrictTest {

    /**
     * The digest of the default district at 300 households. It pins the stream across JVMs and runs (hash
     * ordering or a clock would break it); it changes on purpose when the district grows new phases.
     */
    private static final String PINNED_DIGEST_300 = "280139c0e1b94860fd1f0b95092a5ee816e3773253cefc4fa0916866674632a4";

    private static final RulebookRegistry RULEBOOKS = RulebookRegistry.national();
    private static Statistics full;

    @BeforeAll
    static void generateFullDistrict() {
        full = Statistics.of(new DemoDistrict(DemoDistrict.DEFAULT_SEED, DemoDistrict.DEFAULT_HOUSEHOLDS));
        for (int year = DemoDistrict.FIRST_YEAR; year <= DemoDistrict.LAST_YEAR; year++) {
            System.out.printf("%d poverty rate: district %.2f%%, minority in especially difficult communes %.2f%%%n",
                    year, full.rate(year, false), full.rate(year, true));
        }
        System.out.printf("households %d, minority %d, on-demand %d, re-poor %d, details %d%n", full.households,
                full.minority, full.onDemand, full.rePoor, full.details);
    }

    @Test
    void theSameSeedGivesTheSameStreamOfCommands() {
        String first = new DemoDistrict(42, 500).digest();
        String second = new DemoDistrict(42, 500).digest();
        String otherSeed = new DemoDistrict(43, 500).digest();

        assertThat(second).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
        assertThat(new DemoDistrict(DemoDistrict.DEFAULT_SEED, 300).digest()).isEqualTo(PINNED_DIGEST_300);
    }

    @Test
    void theDistrictHasElevenCommunesAboutSeventeenThousandMostlyMinorityHouseholds() {
        assertThat(full.communes).hasSize(11);
        assertThat(full.households).isEqualTo(17_000);
        assertThat(full.minority).isGreaterThan(full.households / 2);
        assertThat(full.villages).hasSizeGreaterThan(50);
    }

    @Test
    void theDistrictPovertyRateFallsThreeToFourPointsAYearAndFasterAmongPriorityHouseholds() {
        for (int year = DemoDistrict.FIRST_YEAR + 1; year <= DemoDistrict.LAST_YEAR; year++) {
            double districtFall = full.rate(year - 1, false) - full.rate(year, false);
            double priorityFall = full.rate(year - 1, true) - full.rate(year, true);
            assertThat(districtFall).as("district fall %d", year).isBetween(3.0, 4.0);
            assertThat(priorityFall).as("priority fall %d", year).isGreaterThanOrEqualTo(4.0).isGreaterThan(districtFall);
        }
        assertThat(full.rate(DemoDistrict.FIRST_YEAR, false)).isBetween(20.0, 32.0);
    }

    @Test
    void theDistrictHasOnDemandReviewsAndRePoorCases() {
        assertThat(full.onDemand).isGreaterThan(100);
        assertThat(full.rePoor).isGreaterThan(50);
        assertThat(full.details).isGreaterThan(1000);
    }

    /** Replays the stream as the household aggregate would classify it. */
    private static final class Statistics {
        final Set<String> communes = new HashSet<>();
        final Set<String> villages = new HashSet<>();
        int households;
        int minority;
        int onDemand;
        int details;
        int rePoor;
        final Map<Integer, int[]> periodic = new TreeMap<>();
        final Map<Integer, int[]> priorityPeriodic = new TreeMap<>();

        double rate(int year, boolean priority) {
            int[] counts = (priority ? priorityPeriodic : periodic).get(year);
            return 100.0 * counts[0] / counts[1];
        }

        static Statistics of(DemoDistrict district) {
            Statistics s = new Statistics();
            Map<String, Area> areas = new HashMap<>();
            Map<String, Boolean> priority = new HashMap<>();
            Map<String, PovertyStatus> status = new HashMap<>();
            Set<String> everPoor = new HashSet<>();
            int index = 0;
            for (DemoCommand command : district) {
                if (command.command() instanceof RegisterHouseholdCommand register) {
                    s.households++;
                    s.communes.add(register.communeCode().value());
                    s.villages.add(register.communeCode().value() + "/" + register.village());
                    s.minority += register.ethnicMinority() ? 1 : 0;
                    areas.put(command.householdId(), register.area());
                    priority.put(command.householdId(), district.isPriority(index++));
                    status.put(command.householdId(), PovertyStatus.UNASSESSED);
                } else if (command.command() instanceof RecordAssessmentCommand assess) {
                    String id = command.householdId();
                    PovertyStatus classified = RULEBOOKS.forReviewYear(assess.reviewYear().value())
                            .classify(assess.findings().toInputs(areas.get(id))).status();
                    StatusTransition.between(status.get(id), classified, everPoor.contains(id))
                            .filter(t -> t == StatusTransition.RE_POOR).ifPresent(t -> s.rePoor++);
                    status.put(id, classified);
                    if (classified == PovertyStatus.POOR) {
                        everPoor.add(id);
                    }
                    if (assess.reviewKind() == ReviewKind.ON_DEMAND) {
                        s.onDemand++;
                        continue;
                    }
                    int year = assess.reviewYear().value();
                    count(s.periodic, year, classified);
                    if (priority.get(id)) {
                        count(s.priorityPeriodic, year, classified);
                    }
                } else {
                    s.details++;
                }
            }
            return s;
        }

        private static void count(Map<Integer, int[]> counts, int year, PovertyStatus status) {
            int[] c = counts.computeIfAbsent(year, y -> new int[2]);
            c[0] += status == PovertyStatus.POOR ? 1 : 0;
            c[1]++;
        }
    }
}
