package org.povertyledger.command.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.povertyledger.shared.benefit.command.RecordBenefitCommand;
import org.povertyledger.shared.benefit.policy.BenefitEligibility;
import org.povertyledger.shared.benefit.policy.BenefitEligibility.DatedStatus;
import org.povertyledger.shared.benefit.value.BenefitKind;
import org.povertyledger.shared.benefit.value.HousingSupportKind;
import org.povertyledger.shared.benefit.value.TargetGroup;
import org.povertyledger.shared.common.Vnd;
import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.programme.value.AllocationId;
import org.povertyledger.shared.programme.value.SubProjectCode;

/**
 * The benefits of the demo district, planned once from the households' status histories so that every one is
 * given to a household that qualifies on its date ({@link BenefitEligibility}, the rule the household aggregate
 * applies), and so that the year's allocations can be sized before the year's benefits are sent.
 *
 * <p>Each January the cards of the health-insurance list drawn from the previous year's review: about 98% of the
 * POOR households and 85% of the NEAR_POOR. From 2022 (the programme's funds start with Decision 90/QD-TTg in
 * January 2022) during the year: preferential loans of the Vietnam Bank for Social Policies to a share of the
 * POOR, NEAR_POOR and newly escaped households; vocational courses (Project 4.1), contract work abroad (4.2),
 * breeding cows (3.1) for the same groups; housing (Project 5) for some POOR and a few NEAR_POOR households, once.
 * In 2025 the district's support ends with June: Lak district is dissolved on 1 July 2025.
 */
final class DemoBenefits {

    /** The first year with programme-funded support. */
    static final int FIRST_FUNDED_YEAR = 2022;
    static final String LENDER = "VBSP";
    /** Support per trainee of a short vocational course (Project 4.1), for the allocation's size. */
    static final long TRAINING_COST = 4_000_000L;
    static final long COW = 18_000_000L;

    private static final int SALT_CARD = 20;
    private static final int SALT_LOAN = 21;
    private static final int SALT_TRAINING = 22;
    private static final int SALT_HOUSING = 23;
    private static final int SALT_ABROAD = 24;
    private static final int SALT_PRODUCTION = 25;

    static final String[] COURSES = {"Kỹ thuật trồng và chăm sóc cà phê", "Chăn nuôi bò sinh sản", "Trồng lúa nước",
            "Sửa chữa máy nông nghiệp", "May công nghiệp", "Dệt thổ cẩm", "Kỹ thuật nề xây dựng", "Nấu ăn",
            "Trồng và chăm sóc sầu riêng", "Nuôi cá nước ngọt"};
    static final String[] DESTINATIONS = {"Japan", "Korea", "Taiwan"};

    /** One planned benefit. {@code amount} is 0 where the kind names none. */
    record Planned(int household, int year, BenefitKind kind, LocalDate date, TargetGroup group, long amount,
                   String detail, boolean completed, HousingSupportKind housing) {
    }

    private final DemoDistrict district;
    /** Benefits by the year they are sent after (review year of the card list, calendar year of the others). */
    private final List<List<Planned>> byYear = new ArrayList<>();

    DemoBenefits(DemoDistrict district) {
        this.district = district;
        List<List<Planned>> planned = new ArrayList<>();
        for (int year = DemoDistrict.FIRST_YEAR; year <= DemoDistrict.LAST_YEAR; year++) {
            planned.add(new ArrayList<>());
        }
        for (int i = 0; i < district.households(); i++) {
            List<DatedStatus> history = district.history(i);
            boolean housed = false;
            for (int year = DemoDistrict.FIRST_YEAR; year <= DemoDistrict.LAST_YEAR; year++) {
                List<Planned> ofYear = planned.get(year - DemoDistrict.FIRST_YEAR);
                if (year >= FIRST_FUNDED_YEAR) {
                    add(ofYear, loan(i, year, history));
                    add(ofYear, training(i, year, history));
                    Planned house = housed ? null : housing(i, year, history);
                    if (house != null) {
                        housed = true;
                        ofYear.add(house);
                    }
                    add(ofYear, abroad(i, year, history));
                    add(ofYear, production(i, year, history));
                }
                add(ofYear, card(i, year, history));
            }
        }
        planned.forEach(ofYear -> byYear.add(Collections.unmodifiableList(ofYear)));
    }

    /** The benefits sent after the year's periodic review, in household order. */
    List<Planned> ofYear(int year) {
        return byYear.get(year - DemoDistrict.FIRST_YEAR);
    }

    /** Every planned benefit. */
    List<Planned> all() {
        List<Planned> all = new ArrayList<>();
        byYear.forEach(all::addAll);
        return all;
    }

    /** Number of the year's benefits of {@code kind} in the commune (index), or in every commune for -1. */
    Map<BenefitKind, long[]> totals(int year, int commune) {
        Map<BenefitKind, long[]> totals = new EnumMap<>(BenefitKind.class);
        for (Planned p : ofYear(year)) {
            if (commune >= 0 && district.communeOf(p.household()) != commune) {
                continue;
            }
            long[] t = totals.computeIfAbsent(p.kind(), k -> new long[2]);
            t[0]++;
            t[1] += cost(p);
        }
        return totals;
    }

    /** What a benefit costs the sub-project that pays for it (0 for cards and loans, not paid by the programme). */
    static long cost(Planned p) {
        return switch (p.kind()) {
            case VOCATIONAL_TRAINING -> TRAINING_COST;
            case HOUSING_SUPPORT, CONTRACT_WORK_ABROAD, PRODUCTION_SUPPORT -> p.amount();
            case HEALTH_INSURANCE_CARD, PREFERENTIAL_LOAN -> 0;
        };
    }

    /** The sub-project a kind is paid from, or {@code null}. */
    static String subProject(BenefitKind kind) {
        return switch (kind) {
            case VOCATIONAL_TRAINING -> "P4.SP1";
            case CONTRACT_WORK_ABROAD -> "P4.SP2";
            case HOUSING_SUPPORT -> "P5";
            case PRODUCTION_SUPPORT -> "P3.SP1";
            case HEALTH_INSURANCE_CARD, PREFERENTIAL_LOAN -> null;
        };
    }

    DemoCommand command(String phase, Planned p) {
        HouseholdId id = new HouseholdId(district.householdId(p.household()));
        String sub = subProject(p.kind());
        SubProjectCode subProject = sub == null ? null : new SubProjectCode(sub);
        AllocationId allocation = sub == null ? null
                : new AllocationId(DemoFunding.allocationId(p.date().getYear(), sub, DemoFunding.CENTRAL));
        RecordBenefitCommand command = switch (p.kind()) {
            case HEALTH_INSURANCE_CARD -> new RecordBenefitCommand(id, p.kind(), p.date(), p.date().getYear(), null,
                    null, null, null, null, null, null, null, null);
            case PREFERENTIAL_LOAN -> new RecordBenefitCommand(id, p.kind(), p.date(), null, new Vnd(p.amount()),
                    LENDER, null, null, null, null, null, null, null);
            case VOCATIONAL_TRAINING -> new RecordBenefitCommand(id, p.kind(), p.date(), null, null, null, p.detail(),
                    p.completed(), null, null, null, subProject, allocation);
            case HOUSING_SUPPORT -> new RecordBenefitCommand(id, p.kind(), p.date(), null, new Vnd(p.amount()), null,
                    null, null, p.housing(), null, null, subProject, allocation);
            case CONTRACT_WORK_ABROAD -> new RecordBenefitCommand(id, p.kind(), p.date(), null, new Vnd(p.amount()),
                    null, null, null, null, p.detail(), null, subProject, allocation);
            case PRODUCTION_SUPPORT -> new RecordBenefitCommand(id, p.kind(), p.date(), null, new Vnd(p.amount()),
                    null, null, null, null, null, p.detail(), subProject, allocation);
        };
        String basis = switch (p.kind()) {
            case HEALTH_INSURANCE_CARD -> "146/2018/ND-CP";
            case PREFERENTIAL_LOAN -> "78/2002/ND-CP";
            default -> "90/QD-TTg";
        };
        String key = "demo/" + id.value() + "/" + p.date().getYear() + "/benefit/" + p.kind();
        return new DemoCommand(phase, id.value(), command, key, basis, null, p.date());
    }

    private static void add(List<Planned> planned, Planned p) {
        if (p != null) {
            planned.add(p);
        }
    }

    /** The card of the list drawn from review {@code year}, for the following year, handed out in January. */
    private Planned card(int i, int year, List<DatedStatus> history) {
        SplittableRandom random = district.random(i, year, SALT_CARD);
        LocalDate date = LocalDate.of(year + 1, 1, 6).plusDays(random.nextInt(20));
        TargetGroup group = BenefitEligibility.groupOn(history, date);
        double share = switch (group) {
            case POOR -> 0.98;
            case NEAR_POOR -> 0.85;
            default -> 0;
        };
        return random.nextDouble() < share ? planned(i, year, BenefitKind.HEALTH_INSURANCE_CARD, date, group, 0, null,
                false, null) : null;
    }

    private Planned loan(int i, int year, List<DatedStatus> history) {
        SplittableRandom random = district.random(i, year, SALT_LOAN);
        LocalDate date = dateIn(year, random);
        TargetGroup group = BenefitEligibility.groupOn(history, date);
        double share = switch (group) {
            case POOR -> 0.14;
            case NEAR_POOR -> 0.12;
            case NEWLY_ESCAPED -> 0.10;
            default -> 0;
        };
        long amount = 30_000_000L + 5_000_000L * random.nextInt(15);
        return random.nextDouble() < share ? planned(i, year, BenefitKind.PREFERENTIAL_LOAN, date, group, amount, null,
                false, null) : null;
    }

    private Planned training(int i, int year, List<DatedStatus> history) {
        SplittableRandom random = district.random(i, year, SALT_TRAINING);
        LocalDate date = dateIn(year, random);
        TargetGroup group = BenefitEligibility.groupOn(history, date);
        String course = COURSES[random.nextInt(COURSES.length)];
        boolean completed = random.nextDouble() < 0.88;
        return eligible(group) && random.nextDouble() < TRAINING_SHARE ? planned(i, year,
                BenefitKind.VOCATIONAL_TRAINING, date, group, 0, course, completed, null) : null;
    }

    /** Share of the households qualifying on the date that send a worker to a course in a year. */
    static final double TRAINING_SHARE = 0.062;

    private Planned housing(int i, int year, List<DatedStatus> history) {
        SplittableRandom random = district.random(i, year, SALT_HOUSING);
        LocalDate date = dateIn(year, random);
        TargetGroup group = BenefitEligibility.groupOn(history, date);
        double share = switch (group) {
            case POOR -> 0.045;
            case NEAR_POOR -> 0.008;
            default -> 0;
        };
        HousingSupportKind kind = random.nextDouble() < 0.6 ? HousingSupportKind.NEW : HousingSupportKind.REPAIR;
        return random.nextDouble() < share ? planned(i, year, BenefitKind.HOUSING_SUPPORT, date, group,
                kind.defaultAmount(), null, false, kind) : null;
    }

    private Planned abroad(int i, int year, List<DatedStatus> history) {
        SplittableRandom random = district.random(i, year, SALT_ABROAD);
        LocalDate date = dateIn(year, random);
        TargetGroup group = BenefitEligibility.groupOn(history, date);
        String destination = DESTINATIONS[random.nextInt(DESTINATIONS.length)];
        long amount = 10_000_000L + 1_000_000L * random.nextInt(11);
        return eligible(group) && random.nextDouble() < 0.0015 ? planned(i, year, BenefitKind.CONTRACT_WORK_ABROAD,
                date, group, amount, destination, false, null) : null;
    }

    private Planned production(int i, int year, List<DatedStatus> history) {
        SplittableRandom random = district.random(i, year, SALT_PRODUCTION);
        LocalDate date = dateIn(year, random);
        TargetGroup group = BenefitEligibility.groupOn(history, date);
        return group == TargetGroup.POOR && random.nextDouble() < 0.03 ? planned(i, year,
                BenefitKind.PRODUCTION_SUPPORT, date, group, COW, "a breeding cow", false, null) : null;
    }

    private static boolean eligible(TargetGroup group) {
        return group == TargetGroup.POOR || group == TargetGroup.NEAR_POOR || group == TargetGroup.NEWLY_ESCAPED;
    }

    /** A date of the year's support: March to November, in 2025 February to June (before the reorganisation). */
    static LocalDate dateIn(int year, SplittableRandom random) {
        return year < DemoDistrict.LAST_YEAR ? LocalDate.of(year, 3, 1).plusDays(random.nextInt(265))
                : LocalDate.of(year, 2, 10).plusDays(random.nextInt(131));
    }

    private static Planned planned(int i, int year, BenefitKind kind, LocalDate date, TargetGroup group, long amount,
                                   String detail, boolean completed, HousingSupportKind housing) {
        return new Planned(i, year, kind, date, group, amount, detail, completed, housing);
    }
}
