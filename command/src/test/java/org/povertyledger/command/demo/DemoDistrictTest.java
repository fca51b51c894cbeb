package org.povertyledger.command.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.povertyledger.shared.benefit.command.RecordBenefitCommand;
import org.povertyledger.shared.benefit.policy.BenefitEligibility;
import org.povertyledger.shared.benefit.policy.BenefitEligibility.DatedStatus;
import org.povertyledger.shared.benefit.value.BenefitKind;
import org.povertyledger.shared.geography.command.ChangeUnitFlagsCommand;
import org.povertyledger.shared.geography.command.DissolveUnitCommand;
import org.povertyledger.shared.geography.command.MergeUnitsCommand;
import org.povertyledger.shared.geography.command.RegisterUnitCommand;
import org.povertyledger.shared.geography.command.ReparentUnitCommand;
import org.povertyledger.shared.geography.value.UnitFlag;
import org.povertyledger.shared.geography.value.UnitLevel;
import org.povertyledger.shared.household.command.RecordAssessmentCommand;
import org.povertyledger.shared.household.command.RegisterHouseholdCommand;
import org.povertyledger.shared.household.command.UpdateHouseholdDetailsCommand;
import org.povertyledger.shared.household.value.Area;
import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.household.value.PovertyStatus;
import org.povertyledger.shared.household.value.ReviewKind;
import org.povertyledger.shared.household.value.StatusTransition;
import org.povertyledger.shared.indicator.command.DefineIndicatorCommand;
import org.povertyledger.shared.indicator.command.RecordObservationCommand;
import org.povertyledger.shared.indicator.command.SetTargetCommand;
import org.povertyledger.shared.indicator.value.DerivedMeasure;
import org.povertyledger.shared.programme.command.AllocateFundsCommand;
import org.povertyledger.shared.programme.command.CloseAllocationCommand;
import org.povertyledger.shared.programme.command.DisburseFundsCommand;
import org.povertyledger.shared.programme.command.PlanOutputCommand;
import org.povertyledger.shared.programme.command.RecordOutputCommand;
import org.povertyledger.shared.rulebook.RulebookRegistry;

class DemoDistrictTest {

    /**
     * The digest of the default district at 300 households. It pins the stream across JVMs and runs (hash
     * ordering or a clock would break it); it changes on purpose when the district grows new phases.
     */
    private static final String PINNED_DIGEST_300 = "812f47fb4d7cb06eac617bf36d38bc7207fd56e98c9f5a1b284ffa4dd6a25e0a";

    private static final RulebookRegistry RULEBOOKS = RulebookRegistry.national();
    private static Statistics full;

    @BeforeAll
    static void generateFullDistrict() {
        full = Statistics.of(new DemoDistrict(DemoDistrict.DEFAULT_SEED, DemoDistrict.DEFAULT_HOUSEHOLDS));
        for (int year = DemoDistrict.FIRST_YEAR; year <= DemoDistrict.LAST_YEAR; year++) {
            System.out.printf("%d poverty rate: district %.2f%%, minority in especially difficult communes %.2f%%%n",
                    year, full.rate(year, false), full.rate(year, true));
        }
        System.out.printf("commands %d, households %d, minority %d, on-demand %d, re-poor %d, details %d%n",
                full.commands, full.households, full.minority, full.onDemand, full.rePoor, full.details);
        System.out.printf("units %d, indicators %d, targets %d, observations %d, corrections %d%n", full.units,
                full.indicators.size(), full.targets, full.observations, full.corrections);
        System.out.printf("benefits %s, by year %s%n", full.benefits, full.benefitsByYear);
        System.out.printf("allocations %d, disbursements %d, closings %d, plans %d, outputs %d%n",
                full.allocated.size(), full.disbursements, full.closings, full.plans, full.outputs);
        System.out.printf("phases %s%n", full.phases);
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

    @Test
    void everyIdempotencyKeyIsUniqueAndEveryPhaseIsOneRun() {
        assertThat(full.duplicateKeys).isEmpty();
        assertThat(full.phaseReentered).as("a phase that starts again after another one").isEmpty();
        assertThat(full.phases).startsWith("geography/2020", "catalogue", "households/2021/register");
        assertThat(full.missingMetadata).as("commands without a legal basis or an effective date").isZero();
    }

    @Test
    void theMapIsRegisteredBeforeTheHouseholdsAndReorganisedOnTheFirstOfJuly2025() {
        assertThat(full.firstHouseholdIndex).isGreaterThan(full.lastInitialUnitIndex);
        assertThat(full.unitsByLevel.get(UnitLevel.PROVINCE)).isEqualTo(1);
        assertThat(full.unitsByLevel.get(UnitLevel.DISTRICT)).isEqualTo(1);
        assertThat(full.unitsByLevel.get(UnitLevel.COMMUNE)).isEqualTo(11 + DemoGeography.REFORMED.size());
        assertThat(full.unitsByLevel.get(UnitLevel.VILLAGE)).isEqualTo(full.villages.size());
        assertThat(full.merges).hasSize(DemoGeography.REFORMED.size());
        assertThat(full.merges).allSatisfy(merge -> assertThat(merge.effectiveDate()).isEqualTo(LocalDate.of(2025, 7, 1)));
        Set<String> merged = new HashSet<>();
        full.merges.forEach(merge -> merge.sourceCodes().forEach(code -> merged.add(code.value())));
        merged.add(DemoGeography.KEPT);
        assertThat(merged).as("every old commune is merged or kept").isEqualTo(full.communes);
        assertThat(full.reformDates).containsOnly(LocalDate.of(2025, 7, 1));
        Set<String> difficult = new HashSet<>();
        DemoDistrict.COMMUNES.stream().filter(Commune::especiallyDifficult).forEach(c -> difficult.add(c.code()));
        DemoGeography.REFORMED.stream().filter(DemoGeography.NewCommune::especiallyDifficult)
                .forEach(c -> difficult.add(c.code()));
        assertThat(full.especiallyDifficult).isEqualTo(difficult);
        assertThat(full.poorDistricts).containsExactly(DemoGeography.DISTRICT);
    }

    @Test
    void theCatalogueDefinesEveryDerivedMeasureAndTheReportedIndicators() {
        for (DerivedMeasure measure : DerivedMeasure.values()) {
            assertThat(full.indicators).containsKey(measure.name());
            assertThat(full.indicators.get(measure.name()).measure()).isEqualTo(measure);
        }
        assertThat(full.indicators).containsKeys("CLEAN_WATER", "ROAD_TO_COMMUNE_CENTRE", "WORKERS_TRAINED");
        assertThat(full.indicators).hasSize(DerivedMeasure.values().length + DemoCatalogue.REPORTED.size());
        assertThat(full.targets).isGreaterThan(15);
        assertThat(full.observations).isGreaterThan(100);
        assertThat(full.corrections).isEqualTo(DemoCatalogue.CORRECTIONS.size());
        assertThat(full.observationsBeforeIndicators).isZero();
    }

    @Test
    void everyBenefitGoesToAHouseholdThatQualifiesOnItsDate() {
        assertThat(full.benefitsChecked).isGreaterThan(20_000);
        assertThat(full.ineligible).as("benefits to households that do not qualify on the date").isEmpty();
        assertThat(full.secondCards).isZero();
        assertThat(full.secondHousing).isZero();
    }

    @Test
    void theBenefitsAreInPlausibleNumbers() {
        Map<BenefitKind, Integer> benefits = full.benefits;
        assertThat(benefits.get(BenefitKind.VOCATIONAL_TRAINING)).as("trained workers").isBetween(1_300, 1_700);
        assertThat(benefits.get(BenefitKind.HOUSING_SUPPORT)).as("houses").isBetween(200, 900);
        assertThat(benefits.get(BenefitKind.CONTRACT_WORK_ABROAD)).as("workers abroad").isBetween(3, 60);
        assertThat(benefits.get(BenefitKind.PREFERENTIAL_LOAN)).as("loans").isBetween(1_500, 6_000);
        assertThat(benefits.get(BenefitKind.HEALTH_INSURANCE_CARD)).as("cards").isBetween(15_000, 30_000);
        for (int year = DemoDistrict.FIRST_YEAR; year <= DemoDistrict.LAST_YEAR; year++) {
            int poor = full.periodic.get(year)[0];
            int cards = full.cardsForPoor.getOrDefault(year + 1, 0);
            assertThat((double) cards / poor).as("cards %d for the POOR of review %d", year + 1, year)
                    .isBetween(0.96, 0.995);
        }
    }

    @Test
    void fundingReferencesExistBeforeTheyAreNamedAndNoAllocationIsOverspent() {
        assertThat(full.danglingReferences).isEmpty();
        assertThat(full.overspent).isEmpty();
        assertThat(full.allocated).hasSizeGreaterThan(30);
        assertThat(full.outputs).isGreaterThan(100);
    }

    /** Replays the stream as the aggregates would see it. */
    private static final class Statistics {
        long commands;
        final Set<String> communes = new HashSet<>();
        final Set<String> villages = new HashSet<>();
        int households;
        int minority;
        int onDemand;
        int details;
        int rePoor;
        final Map<Integer, int[]> periodic = new TreeMap<>();
        final Map<Integer, int[]> priorityPeriodic = new TreeMap<>();

        final Set<String> keys = new HashSet<>();
        final List<String> duplicateKeys = new ArrayList<>();
        final Set<String> phases = new LinkedHashSet<>();
        final List<String> phaseReentered = new ArrayList<>();
        int missingMetadata;

        int units;
        final Map<UnitLevel, Integer> unitsByLevel = new EnumMap<>(UnitLevel.class);
        long lastInitialUnitIndex = -1;
        long firstHouseholdIndex = -1;
        final List<MergeUnitsCommand> merges = new ArrayList<>();
        final Set<String> especiallyDifficult = new HashSet<>();
        final Set<String> poorDistricts = new HashSet<>();
        final Set<LocalDate> reformDates = new HashSet<>();

        final Map<String, DefineIndicatorCommand> indicators = new TreeMap<>();
        int targets;
        int observations;
        int corrections;
        int observationsBeforeIndicators;

        final Map<BenefitKind, Integer> benefits = new EnumMap<>(BenefitKind.class);
        final Map<Integer, Integer> benefitsByYear = new TreeMap<>();
        final Map<Integer, Integer> cardsForPoor = new TreeMap<>();
        int benefitsChecked;
        final List<String> ineligible = new ArrayList<>();
        int secondCards;
        int secondHousing;

        /** Allocated and disbursed by allocation id, as of the phase before the current one. */
        final Map<String, long[]> allocated = new HashMap<>();
        int disbursements;
        int closings;
        int plans;
        int outputs;
        final List<String> danglingReferences = new ArrayList<>();
        final List<String> overspent = new ArrayList<>();

        double rate(int year, boolean priority) {
            int[] counts = (priority ? priorityPeriodic : periodic).get(year);
            return 100.0 * counts[0] / counts[1];
        }

        static Statistics of(DemoDistrict district) {
            Statistics s = new Statistics();
            Map<String, Area> areas = new HashMap<>();
            Map<String, Boolean> priority = new HashMap<>();
            Map<String, PovertyStatus> status = new HashMap<>();
            Map<String, List<DatedStatus>> histories = new HashMap<>();
            Map<String, Set<Integer>> cards = new HashMap<>();
            Set<String> housed = new HashSet<>();
            Set<String> everPoor = new HashSet<>();
            Set<String> registeredInEarlierPhases = new HashSet<>();
            Set<String> registeredThisPhase = new HashSet<>();
            Set<String> allocationsOfEarlierPhases = new HashSet<>();
            Set<String> allocationsThisPhase = new HashSet<>();
            int index = 0;
            String phase = null;
            for (DemoCommand command : district) {
                long position = s.commands++;
                if (!command.phase().equals(phase)) {
                    if (!s.phases.add(command.phase())) {
                        s.phaseReentered.add(command.phase());
                    }
                    phase = command.phase();
                    registeredInEarlierPhases.addAll(registeredThisPhase);
                    registeredThisPhase.clear();
                    allocationsOfEarlierPhases.addAll(allocationsThisPhase);
                    allocationsThisPhase.clear();
                }
                if (!s.keys.add(command.idempotencyKey())) {
                    s.duplicateKeys.add(command.idempotencyKey());
                }
                if (command.legalBasis() == null || command.effectiveDate() == null) {
                    s.missingMetadata++;
                }
                Object payload = command.command();
                if (payload instanceof RegisterUnitCommand unit) {
                    s.units++;
                    s.unitsByLevel.merge(unit.level(), 1, Integer::sum);
                    if (unit.flags().contains(UnitFlag.ESPECIALLY_DIFFICULT_COMMUNE)) {
                        s.especiallyDifficult.add(unit.unitCode().value());
                    }
                    if (s.firstHouseholdIndex < 0) {
                        s.lastInitialUnitIndex = position;
                    } else {
                        s.reformDates.add(unit.effectiveDate());
                    }
                } else if (payload instanceof ChangeUnitFlagsCommand flags) {
                    if (flags.flags().contains(UnitFlag.ESPECIALLY_DIFFICULT_COMMUNE)) {
                        s.especiallyDifficult.add(flags.unitCode().value());
                    }
                    if (flags.flags().contains(UnitFlag.POOR_DISTRICT)) {
                        s.poorDistricts.add(flags.unitCode().value());
                    }
                } else if (payload instanceof MergeUnitsCommand merge) {
                    s.merges.add(merge);
                    s.reformDates.add(merge.effectiveDate());
                } else if (payload instanceof ReparentUnitCommand reparent) {
                    s.reformDates.add(reparent.effectiveDate());
                } else if (payload instanceof DissolveUnitCommand dissolve) {
                    s.reformDates.add(dissolve.effectiveDate());
                } else if (payload instanceof DefineIndicatorCommand define) {
                    s.indicators.put(define.indicatorCode().value(), define);
                } else if (payload instanceof SetTargetCommand) {
                    s.targets++;
                } else if (payload instanceof RecordObservationCommand observation) {
                    s.observations++;
                    if (!s.indicators.containsKey(observation.indicatorCode().value())) {
                        s.observationsBeforeIndicators++;
                    }
                } else if (payload instanceof ObservationCorrection correction) {
                    s.corrections++;
                    assertThat(s.keys).contains(correction.recordingKey());
                } else if (payload instanceof RegisterHouseholdCommand register) {
                    if (s.firstHouseholdIndex < 0) {
                        s.firstHouseholdIndex = position;
                    }
                    String id = register.householdId().value();
                    s.households++;
                    s.communes.add(register.communeCode().value());
                    s.villages.add(register.communeCode().value() + "/" + register.village());
                    s.minority += register.ethnicMinority() ? 1 : 0;
                    areas.put(id, register.area());
                    priority.put(id, district.isPriority(index++));
                    status.put(id, PovertyStatus.UNASSESSED);
                    histories.put(id, new ArrayList<>());
                    registeredThisPhase.add(id);
                } else if (payload instanceof RecordAssessmentCommand assess) {
                    String id = assess.householdId().value();
                    PovertyStatus classified = RULEBOOKS.forReviewYear(assess.reviewYear().value())
                            .classify(assess.findings().toInputs(areas.get(id))).status();
                    List<DatedStatus> history = histories.get(id);
                    history.add(new DatedStatus(assess.effectiveDate(), classified));
                    history.sort(Comparator.comparing(DatedStatus::effectiveDate));
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
                } else if (payload instanceof UpdateHouseholdDetailsCommand) {
                    s.details++;
                } else if (payload instanceof RecordBenefitCommand benefit) {
                    String id = benefit.householdId().value();
                    s.benefitsChecked++;
                    s.benefits.merge(benefit.kind(), 1, Integer::sum);
                    s.benefitsByYear.merge(benefit.benefitDate().getYear(), 1, Integer::sum);
                    BenefitEligibility.Decision decision = BenefitEligibility.decide(benefit.kind(), histories.get(id),
                            benefit.benefitDate());
                    if (!decision.eligible()) {
                        s.ineligible.add(command.idempotencyKey() + " " + decision.group());
                    }
                    if (benefit.kind() == BenefitKind.HEALTH_INSURANCE_CARD) {
                        if (!cards.computeIfAbsent(id, k -> new HashSet<>()).add(benefit.coverageYear())) {
                            s.secondCards++;
                        }
                        if (decision.statusOnDate() == PovertyStatus.POOR) {
                            s.cardsForPoor.merge(benefit.coverageYear(), 1, Integer::sum);
                        }
                    }
                    if (benefit.kind() == BenefitKind.HOUSING_SUPPORT && !housed.add(id)) {
                        s.secondHousing++;
                    }
                    if (benefit.allocationId() != null
                            && !allocationsOfEarlierPhases.contains(benefit.allocationId().value())) {
                        s.danglingReferences.add(command.idempotencyKey());
                    }
                } else if (payload instanceof AllocateFundsCommand allocate) {
                    s.allocated.put(allocate.allocationId().value(), new long[] {allocate.amount().value(), 0});
                    allocationsThisPhase.add(allocate.allocationId().value());
                } else if (payload instanceof DisburseFundsCommand disburse) {
                    s.disbursements++;
                    long[] figures = s.allocated.get(disburse.allocationId().value());
                    if (figures == null) {
                        s.danglingReferences.add(command.idempotencyKey());
                        continue;
                    }
                    figures[1] += disburse.amount().value();
                    if (figures[1] > figures[0]) {
                        s.overspent.add(command.idempotencyKey());
                    }
                } else if (payload instanceof CloseAllocationCommand) {
                    s.closings++;
                } else if (payload instanceof PlanOutputCommand) {
                    s.plans++;
                } else if (payload instanceof RecordOutputCommand output) {
                    s.outputs++;
                    for (HouseholdId beneficiary : output.beneficiaries()) {
                        if (!registeredInEarlierPhases.contains(beneficiary.value())) {
                            s.danglingReferences.add(command.idempotencyKey() + " " + beneficiary.value());
                        }
                    }
                    if (output.allocationId() != null
                            && !allocationsOfEarlierPhases.contains(output.allocationId().value())) {
                        s.danglingReferences.add(command.idempotencyKey());
                    }
                } else {
                    throw new AssertionError("unexpected command " + payload);
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
