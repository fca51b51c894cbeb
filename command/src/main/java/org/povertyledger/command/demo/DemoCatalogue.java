package org.povertyledger.command.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.povertyledger.shared.geography.value.UnitCode;
import org.povertyledger.shared.indicator.command.DefineIndicatorCommand;
import org.povertyledger.shared.indicator.command.RecordObservationCommand;
import org.povertyledger.shared.indicator.command.SetTargetCommand;
import org.povertyledger.shared.indicator.value.DerivedMeasure;
import org.povertyledger.shared.indicator.value.Direction;
import org.povertyledger.shared.indicator.value.IndicatorCode;
import org.povertyledger.shared.indicator.value.IndicatorKind;
import org.povertyledger.shared.indicator.value.Target;
import org.povertyledger.shared.indicator.value.TargetKind;
import org.povertyledger.shared.indicator.value.UnitOfMeasure;

/**
 * The demo district's indicator catalogue: a DERIVED indicator for every {@link DerivedMeasure} (coded as the
 * measure), the REPORTED indicators of Lak's 2021-2024 report, the targets of Decision 90/QD-TTg and of the
 * district's plan, the yearly observations of the reported indicators (district, and communes for clean water and
 * village roads) and two corrections recorded a year after the figure they correct.
 */
final class DemoCatalogue {

    /** The district's plan for 2021-2025 (the demo's number), the basis of its targets. */
    static final String DISTRICT_PLAN = "NQ-05/2021/HDND-653";
    static final String NATIONAL = "90/QD-TTg";
    /** Monitoring and evaluation of the programme: the reports the observations come from. */
    static final String MONITORING = "10/2022/TT-BLDTBXH";
    static final LocalDate CATALOGUE_FROM = LocalDate.of(2022, 1, 18);
    static final LocalDate PLAN_FROM = LocalDate.of(2021, 12, 20);
    private static final int SALT_OBSERVATION = 40;

    /** A reported indicator with the district's figures 2021-2025 and its 2025 target (ABSOLUTE, at least). */
    record Reported(String code, String name, UnitOfMeasure unit, double[] district, double target,
                    boolean byCommune) {
    }

    static final String WORKERS_TRAINED = "WORKERS_TRAINED";

    /** District figures 2021..2025 (2025: the first half, the district's last report). */
    static final List<Reported> REPORTED = List.of(
            new Reported("ROAD_TO_COMMUNE_CENTRE", "Communes with an asphalted or concrete road to the commune centre",
                    UnitOfMeasure.PERCENT, new double[] {72.73, 81.82, 81.82, 90.91, 90.91}, 90, false),
            new Reported("VILLAGE_ROADS_HARDENED", "Villages with hardened roads", UnitOfMeasure.PERCENT,
                    new double[] {52.4, 58.1, 63.5, 70.2, 73.0}, 70, true),
            new Reported("COMMUNES_HEALTH_CRITERIA", "Communes meeting the national health criteria",
                    UnitOfMeasure.PERCENT, new double[] {63.64, 72.73, 81.82, 90.91, 100}, 100, false),
            new Reported("CLEAN_WATER", "Households with clean water", UnitOfMeasure.PERCENT,
                    new double[] {61.5, 65.8, 70.6, 75.4, 77.9}, 75, true),
            new Reported("IRRIGATED_CROP_AREA", "Annual crop area irrigated", UnitOfMeasure.PERCENT,
                    new double[] {68.5, 71.9, 75.6, 80.3, 81.2}, 80, false),
            new Reported(WORKERS_TRAINED, "Workers of poor, near-poor and minority households given vocational "
                    + "training since 2022 (courses completed)", UnitOfMeasure.PEOPLE, null, 1000, false),
            new Reported("CADRES_TRAINED", "Commune poverty-reduction cadres trained", UnitOfMeasure.PERCENT,
                    new double[] {45, 68, 86, 100, 100}, 100, false),
            new Reported("POLICY_INFORMATION_REACH", "Households reached by policy information", UnitOfMeasure.PERCENT,
                    new double[] {84.6, 88.9, 92.7, 95.8, 96.5}, 95, false));

    /** A figure first recorded wrong and corrected in the next year's round. */
    record Correction(String code, int year, double recorded, int correctedIn, String reason) {
    }

    static final List<Correction> CORRECTIONS = List.of(
            new Correction("IRRIGATED_CROP_AREA", 2022, 79.1, 2023, "digits transposed when the 2022 report was keyed in"),
            new Correction("CLEAN_WATER", 2023, 71.2, 2024,
                    "two villages of Buôn Tría had counted an untreated spring as a clean source"));

    private final DemoDistrict district;

    DemoCatalogue(DemoDistrict district) {
        this.district = district;
    }

    /** The name and direction of the DERIVED indicator of {@code measure}. */
    static String nameOf(DerivedMeasure measure) {
        return switch (measure) {
            case POVERTY_RATE -> "Multidimensional poverty rate";
            case NEAR_POVERTY_RATE -> "Near-poverty rate";
            case MINORITY_POVERTY_RATE -> "Poverty rate among ethnic-minority households";
            case MINORITY_POVERTY_RATE_ESPECIALLY_DIFFICULT_COMMUNES ->
                    "Poverty rate among ethnic-minority households of especially difficult communes";
            case POOR_HOUSEHOLDS -> "Poor households";
            case NEAR_POOR_HOUSEHOLDS -> "Near-poor households";
            case HOUSEHOLDS_ESCAPED_POVERTY -> "Households that escaped poverty";
            case HOUSEHOLDS_NEWLY_POOR -> "Newly poor households";
            case HOUSEHOLDS_RE_POOR -> "Households poor again after escaping";
            case HEALTH_INSURANCE_COVERAGE_POOR -> "Poor households with a state-paid health-insurance card";
            case PREFERENTIAL_CREDIT_COVERAGE -> "Eligible households with a preferential loan";
            default -> measure.name().charAt(0) + measure.name().substring(1).toLowerCase().replace('_', ' ');
        };
    }

    static Direction directionOf(DerivedMeasure measure) {
        return switch (measure) {
            case HOUSEHOLDS_ESCAPED_POVERTY, HEALTH_INSURANCE_COVERAGE_POOR, PREFERENTIAL_CREDIT_COVERAGE ->
                    Direction.HIGHER_IS_BETTER;
            default -> measure.name().contains("COVERAGE") ? Direction.HIGHER_IS_BETTER : Direction.LOWER_IS_BETTER;
        };
    }

    /** Definitions and targets, sent before the households. */
    List<DemoCommand> catalogue(String phase) {
        List<DemoCommand> commands = new ArrayList<>();
        for (DerivedMeasure measure : DerivedMeasure.values()) {
            commands.add(define(phase, new DefineIndicatorCommand(new IndicatorCode(measure.name()), nameOf(measure),
                    null, directionOf(measure), IndicatorKind.DERIVED, measure)));
        }
        for (Reported reported : REPORTED) {
            commands.add(define(phase, new DefineIndicatorCommand(new IndicatorCode(reported.code()), reported.name(),
                    reported.unit(), Direction.HIGHER_IS_BETTER, IndicatorKind.REPORTED, null)));
        }
        for (int year = DemoDistrict.FIRST_YEAR + 1; year <= DemoDistrict.LAST_YEAR; year++) {
            if (year < DemoDistrict.LAST_YEAR) {
                commands.add(target(phase, "POVERTY_RATE", year, new Target(TargetKind.POINTS_ON_PREVIOUS_YEAR,
                        BigDecimal.valueOf(3), new BigDecimal("3.5"), null), DISTRICT_PLAN));
            } else {
                commands.add(target(phase, "POVERTY_RATE", year, new Target(TargetKind.PERCENT_ON_BASELINE,
                        BigDecimal.valueOf(50), null, DemoDistrict.FIRST_YEAR), DISTRICT_PLAN));
            }
            commands.add(target(phase, "MINORITY_POVERTY_RATE", year, new Target(TargetKind.POINTS_ON_PREVIOUS_YEAR,
                    BigDecimal.valueOf(3), null, null), NATIONAL));
            commands.add(target(phase, "MINORITY_POVERTY_RATE_ESPECIALLY_DIFFICULT_COMMUNES", year, new Target(
                    TargetKind.POINTS_ON_PREVIOUS_YEAR, BigDecimal.valueOf(4), BigDecimal.valueOf(5), null), NATIONAL));
        }
        int last = DemoDistrict.LAST_YEAR;
        commands.add(target(phase, "HEALTH_INSURANCE_COVERAGE_POOR", last, atLeast(100), DISTRICT_PLAN));
        commands.add(target(phase, "PREFERENTIAL_CREDIT_COVERAGE", last, atLeast(100), DISTRICT_PLAN));
        for (Reported reported : REPORTED) {
            commands.add(target(phase, reported.code(), last, atLeast(reported.target()), DISTRICT_PLAN));
        }
        return commands;
    }

    private static Target atLeast(double low) {
        return new Target(TargetKind.ABSOLUTE, BigDecimal.valueOf(low).stripTrailingZeros(), null, null);
    }

    private static DemoCommand define(String phase, DefineIndicatorCommand command) {
        String code = command.indicatorCode().value();
        return new DemoCommand(phase, code, command, "demo/indicator/" + code + "/define", NATIONAL, null,
                CATALOGUE_FROM);
    }

    private static DemoCommand target(String phase, String code, int year, Target target, String basis) {
        return new DemoCommand(phase, code, new SetTargetCommand(new IndicatorCode(code),
                new UnitCode(DemoGeography.DISTRICT), year, target, basis),
                "demo/indicator/" + code + "/target/" + DemoGeography.DISTRICT + "/" + year, basis, null, PLAN_FROM);
    }

    /** The date a year's figures hold from: the end of the year; for 2025 the end of June, the district's last day. */
    static LocalDate reportDate(int year) {
        return year == DemoDistrict.LAST_YEAR ? LocalDate.of(year, 6, 30) : LocalDate.of(year, 12, 31);
    }

    static String observationKey(String code, String unit, int year) {
        return "demo/indicator/" + code + "/observation/" + unit + "/" + year;
    }

    /**
     * The year's observations and the corrections due in that round.
     *
     * @param workersTrained courses completed since 2022 up to the end of the year
     */
    List<DemoCommand> observations(String phase, int year, long workersTrained) {
        List<DemoCommand> commands = new ArrayList<>();
        LocalDate date = reportDate(year);
        String source = year == DemoDistrict.LAST_YEAR ? "Lak district report, first half of 2025"
                : "Lak district report " + year;
        int y = year - DemoDistrict.FIRST_YEAR;
        for (Reported reported : REPORTED) {
            BigDecimal value;
            if (reported.code().equals(WORKERS_TRAINED)) {
                if (year < DemoBenefits.FIRST_FUNDED_YEAR) {
                    continue;
                }
                value = BigDecimal.valueOf(workersTrained);
            } else {
                double recorded = reported.district()[y];
                for (Correction correction : CORRECTIONS) {
                    if (correction.code().equals(reported.code()) && correction.year() == year) {
                        recorded = correction.recorded();
                    }
                }
                value = BigDecimal.valueOf(recorded);
            }
            commands.add(observation(phase, reported.code(), DemoGeography.DISTRICT, year, value, source, date));
            if (reported.byCommune()) {
                for (int c = 0; c < DemoDistrict.COMMUNES.size(); c++) {
                    double figure = Math.min(100, Math.max(0, reported.district()[y] + offset(reported.code(), c)));
                    commands.add(observation(phase, reported.code(), DemoDistrict.COMMUNES.get(c).code(), year,
                            BigDecimal.valueOf(figure).setScale(1, RoundingMode.HALF_UP),
                            "commune report " + year + ", " + DemoDistrict.COMMUNES.get(c).name(), date));
                }
            }
        }
        for (Correction correction : CORRECTIONS) {
            if (correction.correctedIn() != year) {
                continue;
            }
            Reported reported = REPORTED.stream().filter(r -> r.code().equals(correction.code())).findFirst()
                    .orElseThrow();
            String recordingKey = observationKey(correction.code(), DemoGeography.DISTRICT, correction.year());
            ObservationCorrection fix = new ObservationCorrection(new IndicatorCode(correction.code()), recordingKey,
                    BigDecimal.valueOf(reported.district()[correction.year() - DemoDistrict.FIRST_YEAR]),
                    "Lak district report " + correction.year() + ", revised with the " + year + " report",
                    reportDate(correction.year()), correction.reason());
            commands.add(new DemoCommand(phase, correction.code(), fix, recordingKey + "/correction", MONITORING,
                    correction.reason(), reportDate(correction.year())));
        }
        return commands;
    }

    private static DemoCommand observation(String phase, String code, String unit, int year, BigDecimal value,
                                           String source, LocalDate date) {
        return new DemoCommand(phase, code, new RecordObservationCommand(new IndicatorCode(code), new UnitCode(unit),
                year, value, source, date), observationKey(code, unit, year), MONITORING, null, date);
    }

    /** A commune's distance from the district figure: fixed per commune, weighted to average out to zero. */
    private double offset(String code, int commune) {
        double mean = 0;
        double weights = 0;
        for (int c = 0; c < DemoDistrict.COMMUNES.size(); c++) {
            double weight = DemoDistrict.COMMUNES.get(c).weight();
            mean += weight * rawOffset(code, c);
            weights += weight;
        }
        return rawOffset(code, commune) - mean / weights;
    }

    private double rawOffset(String code, int commune) {
        SplittableRandom random = district.random(4_000 + commune, code.hashCode() & 0xFFFF, SALT_OBSERVATION);
        double spread = DemoDistrict.COMMUNES.get(commune).town() ? 6 : 0;
        return spread + (random.nextDouble() - 0.5) * 14;
    }
}
