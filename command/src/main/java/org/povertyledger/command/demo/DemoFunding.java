package org.povertyledger.command.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.povertyledger.shared.benefit.value.BenefitKind;
import org.povertyledger.shared.benefit.value.HousingSupportKind;
import org.povertyledger.shared.common.Vnd;
import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.programme.command.AllocateFundsCommand;
import org.povertyledger.shared.programme.command.CloseAllocationCommand;
import org.povertyledger.shared.programme.command.DisburseFundsCommand;
import org.povertyledger.shared.programme.command.PlanOutputCommand;
import org.povertyledger.shared.programme.command.RecordOutputCommand;
import org.povertyledger.shared.programme.value.AllocationId;
import org.povertyledger.shared.programme.value.FiscalYear;
import org.povertyledger.shared.programme.value.FundingSource;
import org.povertyledger.shared.programme.value.OutputCode;
import org.povertyledger.shared.programme.value.ProgrammeCode;
import org.povertyledger.shared.programme.value.SubProjectCode;
import org.povertyledger.shared.programme.value.UnitCode;

/**
 * The demo district's programme money and results, 2022-2025: each January the year's allocations to Lak district
 * from the central budget (and the local budget's counterpart for Projects 1 and 5) and the output plans; after the
 * year's benefits, the disbursements (for the household lines exactly what the year's benefits cost), the outputs by
 * commune naming the households that benefited and the allocation that paid, and the closing of every allocation
 * (on 31 December; in 2025 on 30 June, the district's last day).
 */
final class DemoFunding {

    static final String CENTRAL = "CB";
    static final String LOCAL = "LB";
    static final ProgrammeCode PROGRAMME = new ProgrammeCode(ProgrammeCode.NTP_SPR_2021_2025);
    private static final String PAYEE_DISTRICT = "Ban Quản lý dự án huyện Lắk";
    private static final String PAYEE_LABOUR = "Phòng Lao động - Thương binh và Xã hội huyện Lắk";
    private static final int SALT_FUNDING = 30;
    private static final int SALT_OUTPUT = 31;

    /** An allocation line of a year: sub-project, source and, for lines not paying benefits, a fixed amount. */
    private record Line(String subProject, String source, long fixedMillions, String purpose, String payee) {
    }

    /** Lines not tied to household benefits, in millions of VND for a full year. */
    private static final List<Line> FIXED = List.of(
            new Line("P1", CENTRAL, 17_000, "roads and irrigation works in especially difficult communes", PAYEE_DISTRICT),
            new Line("P1", LOCAL, 1_700, "local counterpart for roads and irrigation works", PAYEE_DISTRICT),
            new Line("P2", CENTRAL, 1_200, "poverty-reduction models", PAYEE_LABOUR),
            new Line("P6.SP1", CENTRAL, 450, "information for remote villages", "Trung tâm Văn hóa - Thông tin huyện Lắk"),
            new Line("P7.SP1", CENTRAL, 380, "training of commune poverty-reduction cadres", PAYEE_LABOUR));
    /** Lines paying for household benefits: sized from the year's benefits. */
    private static final List<Line> BENEFIT_LINES = List.of(
            new Line("P3.SP1", CENTRAL, 0, "breeding cows", PAYEE_DISTRICT),
            new Line("P4.SP1", CENTRAL, 0, "vocational courses", PAYEE_LABOUR),
            new Line("P4.SP2", CENTRAL, 0, "support for contract work abroad", PAYEE_LABOUR),
            new Line("P5", CENTRAL, 0, "new houses and repairs", PAYEE_DISTRICT),
            new Line("P5", LOCAL, 0, "local counterpart for housing", PAYEE_DISTRICT));

    private final DemoDistrict district;
    private final DemoBenefits benefits;

    DemoFunding(DemoDistrict district, DemoBenefits benefits) {
        this.district = district;
        this.benefits = benefits;
    }

    static String allocationId(int year, String subProject, String source) {
        return "LAK-" + year + "-" + subProject + "-" + source;
    }

    private static BenefitKind kindOf(String subProject) {
        return switch (subProject) {
            case "P3.SP1" -> BenefitKind.PRODUCTION_SUPPORT;
            case "P4.SP1" -> BenefitKind.VOCATIONAL_TRAINING;
            case "P4.SP2" -> BenefitKind.CONTRACT_WORK_ABROAD;
            case "P5" -> BenefitKind.HOUSING_SUPPORT;
            default -> null;
        };
    }

    private static boolean lastYear(int year) {
        return year == DemoDistrict.LAST_YEAR;
    }

    private static String decision(int year, int number) {
        return "QD-" + number + "/" + year + "/UBND-" + DemoGeography.DISTRICT;
    }

    /** What the year's benefits of the line cost: the line's whole need (central) or its counterpart (local). */
    private long benefitCost(int year, Line line) {
        long[] totals = benefits.totals(year, -1).get(kindOf(line.subProject()));
        long cost = totals == null ? 0 : totals[1];
        return line.source().equals(LOCAL) ? cost / 10 : cost;
    }

    private long allocated(int year, Line line) {
        if (line.fixedMillions() > 0) {
            long millions = lastYear(year) ? line.fixedMillions() / 2 : line.fixedMillions();
            return millions * 1_000_000L + 100_000_000L * (year - DemoGeography.MAP_FROM.getYear() - 2);
        }
        long need = benefitCost(year, line);
        long floor = 100_000_000L;
        return Math.max(floor, roundUpToMillion(need * 108 / 100));
    }

    private static long roundUpToMillion(long vnd) {
        return (vnd + 999_999) / 1_000_000 * 1_000_000;
    }

    /** January: the allocations and the output plans of the year. */
    List<DemoCommand> yearStart(String phase, int year) {
        List<DemoCommand> commands = new ArrayList<>();
        LocalDate allocationDate = LocalDate.of(year, 1, 15);
        int number = 20;
        for (Line line : lines()) {
            String id = allocationId(year, line.subProject(), line.source());
            String decision = decision(year, number++);
            AllocateFundsCommand allocate = new AllocateFundsCommand(new AllocationId(id), PROGRAMME,
                    new SubProjectCode(line.subProject()), new FiscalYear(year),
                    line.source().equals(CENTRAL) ? FundingSource.CENTRAL_BUDGET : FundingSource.LOCAL_BUDGET,
                    new Vnd(allocated(year, line)), new UnitCode(DemoGeography.DISTRICT), decision, allocationDate);
            commands.add(new DemoCommand(phase, allocate.allocationId().toString(), allocate,
                    "demo/allocation/" + id + "/allocate", decision, null, allocationDate));
        }
        LocalDate planDate = LocalDate.of(year, 1, 25);
        String plan = "KH-" + (10 + year - 2020) + "/" + year + "/UBND-" + DemoGeography.DISTRICT;
        for (int c = 0; c < DemoDistrict.COMMUNES.size(); c++) {
            Map<OutputCode, BigDecimal> actual = communeOutputs(year, c);
            for (OutputCode output : List.of(OutputCode.HOUSES_BUILT, OutputCode.HOUSES_REPAIRED,
                    OutputCode.WORKERS_TRAINED, OutputCode.ROAD_KM_HARDENED, OutputCode.CADRES_TRAINED)) {
                BigDecimal quantity = planned(actual.getOrDefault(output, BigDecimal.ZERO), year, c, output);
                commands.add(plan(phase, year, output, DemoDistrict.COMMUNES.get(c).code(), quantity, plan, planDate));
            }
        }
        Map<OutputCode, BigDecimal> districtWide = new EnumMap<>(OutputCode.class);
        for (int c = 0; c < DemoDistrict.COMMUNES.size(); c++) {
            communeOutputs(year, c).forEach((output, q) -> districtWide.merge(output, q, BigDecimal::add));
        }
        for (OutputCode output : List.of(OutputCode.LIVESTOCK_DISTRIBUTED, OutputCode.WORKERS_PLACED_ABROAD,
                OutputCode.POVERTY_REDUCTION_MODELS)) {
            BigDecimal quantity = planned(districtWide.getOrDefault(output, BigDecimal.ZERO), year, -1, output);
            commands.add(plan(phase, year, output, null, quantity, plan, planDate));
        }
        return commands;
    }

    private DemoCommand plan(String phase, int year, OutputCode output, String commune, BigDecimal quantity,
                             String decision, LocalDate date) {
        PlanOutputCommand command = new PlanOutputCommand(PROGRAMME, new SubProjectCode(subProjectOf(output)), output,
                year, commune == null ? null : new CommuneCode(commune), quantity, decision, date);
        return new DemoCommand(phase, PROGRAMME.toString(), command, "demo/programme/plan/" + year + "/" + output + "/"
                + (commune == null ? DemoGeography.DISTRICT : commune), decision, null, date);
    }

    /** A plan a little off the outcome, as plans are: 85-120% of it, at least 1. */
    private BigDecimal planned(BigDecimal actual, int year, int commune, OutputCode output) {
        SplittableRandom random = district.random(1_000 + commune, year, SALT_OUTPUT * 100 + output.ordinal());
        BigDecimal factor = BigDecimal.valueOf(85 + random.nextInt(36)).movePointLeft(2);
        int scale = output == OutputCode.ROAD_KM_HARDENED ? 1 : 0;
        BigDecimal quantity = actual.multiply(factor).setScale(scale, java.math.RoundingMode.HALF_UP);
        return quantity.signum() > 0 ? quantity : BigDecimal.ONE;
    }

    private static String subProjectOf(OutputCode output) {
        return switch (output) {
            case HOUSES_BUILT, HOUSES_REPAIRED -> "P5";
            case WORKERS_TRAINED, WORKERS_PLACED_IN_JOBS -> "P4.SP1";
            case WORKERS_PLACED_ABROAD -> "P4.SP2";
            case LIVESTOCK_DISTRIBUTED -> "P3.SP1";
            case ROAD_KM_HARDENED -> "P1";
            case POVERTY_REDUCTION_MODELS -> "P2";
            case CADRES_TRAINED -> "P7.SP1";
        };
    }

    private static List<Line> lines() {
        List<Line> lines = new ArrayList<>(FIXED);
        lines.addAll(BENEFIT_LINES);
        return lines;
    }

    /** The outputs of the year in commune {@code c}, with the households that benefited. */
    private Map<OutputCode, BigDecimal> communeOutputs(int year, int c) {
        Map<OutputCode, BigDecimal> outputs = new EnumMap<>(OutputCode.class);
        outputBeneficiaries(year, c).forEach((output, households) -> {
            if (!households.isEmpty()) {
                outputs.put(output, BigDecimal.valueOf(households.size()));
            }
        });
        SplittableRandom random = district.random(2_000 + c, year, SALT_OUTPUT);
        boolean rural = !DemoDistrict.COMMUNES.get(c).town();
        BigDecimal km = BigDecimal.valueOf((rural ? 12 : 5) + random.nextInt(30)).movePointLeft(1);
        outputs.put(OutputCode.ROAD_KM_HARDENED, lastYear(year) ? km.divide(BigDecimal.valueOf(2)) : km);
        outputs.put(OutputCode.CADRES_TRAINED, BigDecimal.valueOf(3 + random.nextInt(6)));
        if (random.nextDouble() < 0.35) {
            outputs.put(OutputCode.POVERTY_REDUCTION_MODELS, BigDecimal.ONE);
        }
        return outputs;
    }

    private Map<OutputCode, List<HouseholdId>> outputBeneficiaries(int year, int c) {
        Map<OutputCode, List<HouseholdId>> beneficiaries = new EnumMap<>(OutputCode.class);
        if (year < DemoBenefits.FIRST_FUNDED_YEAR) {
            return beneficiaries;
        }
        for (DemoBenefits.Planned p : benefits.ofYear(year)) {
            if (district.communeOf(p.household()) != c) {
                continue;
            }
            OutputCode output = switch (p.kind()) {
                case HOUSING_SUPPORT -> p.housing() == HousingSupportKind.NEW ? OutputCode.HOUSES_BUILT
                        : OutputCode.HOUSES_REPAIRED;
                case VOCATIONAL_TRAINING -> p.completed() ? OutputCode.WORKERS_TRAINED : null;
                case CONTRACT_WORK_ABROAD -> OutputCode.WORKERS_PLACED_ABROAD;
                case PRODUCTION_SUPPORT -> OutputCode.LIVESTOCK_DISTRIBUTED;
                case HEALTH_INSURANCE_CARD, PREFERENTIAL_LOAN -> null;
            };
            if (output != null) {
                beneficiaries.computeIfAbsent(output, o -> new ArrayList<>())
                        .add(new HouseholdId(district.householdId(p.household())));
            }
        }
        return beneficiaries;
    }

    /**
     * After the year's benefits: disbursements, outputs by commune, closings. A benefit line pays in two instalments
     * what the benefits before and after mid-year cost; the other lines 88-97% of their allocation in three.
     */
    List<DemoCommand> yearEnd(String phase, int year) {
        List<DemoCommand> commands = new ArrayList<>();
        LocalDate midYear = lastYear(year) ? LocalDate.of(year, 4, 30) : LocalDate.of(year, 7, 10);
        LocalDate end = lastYear(year) ? LocalDate.of(year, 6, 25) : LocalDate.of(year, 12, 10);
        for (Line line : lines()) {
            String id = allocationId(year, line.subProject(), line.source());
            long[] instalments;
            LocalDate[] dates;
            if (line.fixedMillions() > 0) {
                long total = allocated(year, line);
                SplittableRandom random = district.random(3_000 + line.subProject().hashCode() % 97, year,
                        SALT_FUNDING + (line.source().equals(LOCAL) ? 1 : 0));
                long paid = total / 100 * (88 + random.nextInt(10));
                long first = roundUpToMillion(paid * 30 / 100);
                long second = roundUpToMillion(paid * 35 / 100);
                instalments = new long[] {first, second, paid - first - second};
                dates = lastYear(year)
                        ? new LocalDate[] {LocalDate.of(year, 3, 28), LocalDate.of(year, 5, 29), end}
                        : new LocalDate[] {LocalDate.of(year, 4, 28), LocalDate.of(year, 8, 29), end};
            } else {
                long before = 0;
                long after = 0;
                for (DemoBenefits.Planned p : benefits.ofYear(year)) {
                    if (p.kind() == kindOf(line.subProject())) {
                        long cost = line.source().equals(LOCAL) ? DemoBenefits.cost(p) / 10 : DemoBenefits.cost(p);
                        if (p.date().isBefore(midYear)) {
                            before += cost;
                        } else {
                            after += cost;
                        }
                    }
                }
                instalments = new long[] {before, after};
                dates = new LocalDate[] {midYear, end};
            }
            for (int k = 0; k < instalments.length; k++) {
                if (instalments[k] <= 0) {
                    continue;
                }
                String voucher = "UNC-" + year + "-" + line.subProject() + "-" + line.source() + "-" + (k + 1);
                DisburseFundsCommand disburse = new DisburseFundsCommand(new AllocationId(id), new Vnd(instalments[k]),
                        dates[k], line.purpose() + ", instalment " + (k + 1), line.payee(), voucher);
                commands.add(new DemoCommand(phase, disburse.allocationId().toString(), disburse,
                        "demo/allocation/" + id + "/disburse/" + (k + 1), decision(year, 20), null, dates[k]));
            }
        }
        commands.addAll(outputs(phase, year));
        LocalDate closing = lastYear(year) ? LocalDate.of(year, 6, 30) : LocalDate.of(year, 12, 31);
        String reason = lastYear(year) ? "Lak district dissolved on 1 July 2025; the remainder passes to the province"
                : "fiscal year ended; the remainder lapses";
        for (Line line : lines()) {
            String id = allocationId(year, line.subProject(), line.source());
            CloseAllocationCommand close = new CloseAllocationCommand(new AllocationId(id), closing, reason,
                    decision(year, 90));
            commands.add(new DemoCommand(phase, close.allocationId().toString(), close,
                    "demo/allocation/" + id + "/close", decision(year, 90), reason, closing));
        }
        return commands;
    }

    private List<DemoCommand> outputs(String phase, int year) {
        List<DemoCommand> commands = new ArrayList<>();
        LocalDate from = LocalDate.of(year, 1, 1);
        LocalDate to = lastYear(year) ? LocalDate.of(year, 6, 30) : LocalDate.of(year, 12, 31);
        for (int c = 0; c < DemoDistrict.COMMUNES.size(); c++) {
            String commune = DemoDistrict.COMMUNES.get(c).code();
            Map<OutputCode, List<HouseholdId>> beneficiaries = outputBeneficiaries(year, c);
            for (Map.Entry<OutputCode, BigDecimal> output : communeOutputs(year, c).entrySet()) {
                String sub = subProjectOf(output.getKey());
                String id = allocationId(year, sub, CENTRAL);
                List<HouseholdId> named = beneficiaries.getOrDefault(output.getKey(), List.of());
                int parts = Math.max(1, (named.size() + RecordOutputCommand.MAX_BENEFICIARIES - 1)
                        / RecordOutputCommand.MAX_BENEFICIARIES);
                for (int part = 0; part < parts; part++) {
                    List<HouseholdId> some = named.isEmpty() ? named : named.subList(
                            part * RecordOutputCommand.MAX_BENEFICIARIES,
                            Math.min(named.size(), (part + 1) * RecordOutputCommand.MAX_BENEFICIARIES));
                    BigDecimal quantity = named.isEmpty() ? output.getValue() : BigDecimal.valueOf(some.size());
                    RecordOutputCommand record = new RecordOutputCommand(PROGRAMME, new SubProjectCode(sub),
                            output.getKey(), quantity, output.getKey().unit(), from, to, new CommuneCode(commune), some,
                            new AllocationId(id));
                    commands.add(new DemoCommand(phase, PROGRAMME.toString(), record, "demo/programme/output/" + year
                            + "/" + output.getKey() + "/" + commune + (part == 0 ? "" : "/" + (part + 1)),
                            decision(year, 95), null, to));
                }
            }
        }
        return commands;
    }
}
