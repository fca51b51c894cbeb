package org.povertyledger.command.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Function;

import org.povertyledger.shared.benefit.policy.BenefitEligibility;
import org.povertyledger.shared.benefit.policy.BenefitEligibility.DatedStatus;
import org.povertyledger.shared.benefit.value.BenefitKind;
import org.povertyledger.shared.common.Vnd;
import org.povertyledger.shared.household.command.AssessmentFindings;
import org.povertyledger.shared.household.command.RecordAssessmentCommand;
import org.povertyledger.shared.household.command.RegisterHouseholdCommand;
import org.povertyledger.shared.household.command.UpdateHouseholdDetailsCommand;
import org.povertyledger.shared.household.value.Area;
import org.povertyledger.shared.household.value.CommuneCode;
import org.povertyledger.shared.household.value.HouseholdId;
import org.povertyledger.shared.household.value.Livelihood;
import org.povertyledger.shared.household.value.PovertyStatus;
import org.povertyledger.shared.household.value.ReviewKind;
import org.povertyledger.shared.household.value.ReviewYear;
import org.povertyledger.shared.rulebook.AssessmentInputs;
import org.povertyledger.shared.rulebook.Decree07Rulebook;
import org.povertyledger.shared.rulebook.Rulebook;
import org.povertyledger.shared.rulebook.RulebookRegistry;

/**
 * A deterministic Lak-like district: the same seed and size always give the same commands in the same order
 * (every random draw comes from a generator seeded by the seed, the household and the decision, never from
 * iteration order or the clock).
 *
 * <p>Model. Each household has a fixed latent "distance from poverty" u in [0, 1). In review year y it is poor
 * when u falls below the year's threshold for its group, near-poor within a band above that, otherwise above
 * the line. The thresholds fall each year, so households escape in order; minority households in especially
 * difficult communes start higher and fall faster (about 5-5.7 points a year against 3.5-3.7 for the
 * district, as Lak reported for 2024). A small share of households suffers a shock in a year (illness, a lost
 * harvest) and is poor that year whatever u says: shocks after an escape are the re-poor cases, and a shock
 * (or a poor household's request to be reassessed after it escaped) brings an on-demand review in spring.
 * Some households change size each year (an update of the register's details).
 *
 * <p>Findings are generated for the intended status and checked with the rulebook in force for the year, so
 * the ledger classifies every assessment as intended.
 *
 * <p>Around the households the district has what a monitoring officer would find (see {@link #iterator()} for the
 * order): the administrative map with the reorganisation of 1 July 2025 ({@link DemoGeography}), the indicator
 * catalogue with targets and reported figures ({@link DemoCatalogue}), the benefits, each planned for a household
 * that qualifies on its date by the generator's own history of the household ({@link DemoBenefits}), and the
 * programme's allocations, disbursements, output plans and outputs 2022-2025 ({@link DemoFunding}). Every command
 * goes through the normal command path; none writes a read model.
 */
public final class DemoDistrict implements Iterable<DemoCommand> {

    /** The seed of the demo district loaded on first start. */
    public static final long DEFAULT_SEED = 6602021L;
    /** About the number of households of Lak district. */
    public static final int DEFAULT_HOUSEHOLDS = 17_000;
    public static final int FIRST_YEAR = 2021;
    public static final int LAST_YEAR = 2025;
    /** Actor id on every event of the demo district. */
    public static final String ACTOR_ID = "demo-district";

    /** Ethnic groups of the district; every one but Kinh is an ethnic minority. */
    static final String[] ETHNIC_GROUPS = {"M'nông", "Ê Đê", "Kinh", "Tày", "Nùng", "Thái", "Dao"};
    private static final int KINH = 2;

    /**
     * The 11 commune-level units of Lak district (Dak Lak) before the 2025 reorganisation. Codes as in the
     * national list of administrative units; which communes count as especially difficult is the demo's
     * choice.
     */
    public static final List<Commune> COMMUNES = List.of(
            commune("24610", "Thị trấn Liên Sơn", 1700, true, false, mix(0.25, 0.05, 0.6, 0.04, 0.03, 0.02, 0.01),
                    "Tổ dân phố 1", "Tổ dân phố 2", "Tổ dân phố 3", "Tổ dân phố 4", "Buôn Jun", "Buôn Lê"),
            commune("24611", "Xã Yang Tao", 1400, false, false, mix(0.6, 0.05, 0.25, 0.04, 0.03, 0.02, 0.01),
                    "Buôn Yang Lành", "Buôn Yang Lah", "Buôn Tung 1", "Buôn Tung 2", "Thôn Hòa Bình", "Thôn Yên Thành"),
            commune("24612", "Xã Bông Krang", 1700, false, true, mix(0.65, 0.05, 0.2, 0.04, 0.03, 0.02, 0.01),
                    "Buôn Krang", "Buôn Dơng Bắk", "Buôn Tơ Lơ", "Buôn Dơng Guôl", "Thôn Cư Ra", "Thôn Đăk Sar"),
            commune("24613", "Xã Đắk Liêng", 2400, false, false, mix(0.4, 0.05, 0.45, 0.04, 0.03, 0.02, 0.01),
                    "Buôn Yuk", "Buôn Cuôr Knia", "Thôn Hòa Thành", "Thôn Hòa Tiến", "Thôn Liêng Ông", "Thôn Quảng Hà"),
            commune("24616", "Xã Buôn Triết", 1600, false, false, mix(0.5, 0.15, 0.3, 0.02, 0.01, 0.01, 0.01),
                    "Buôn Triết", "Buôn Mliêng", "Buôn Tlông", "Thôn Hợp Thành", "Thôn Đoàn Kết"),
            commune("24617", "Xã Buôn Tría", 1100, false, false, mix(0.6, 0.1, 0.25, 0.02, 0.01, 0.01, 0.01),
                    "Buôn Tría", "Buôn Tăng Ju", "Buôn Ea Dhung", "Thôn Tân Lập", "Thôn Quỳnh Ngọc"),
            commune("24619", "Xã Đắk Phơi", 1500, false, true, mix(0.7, 0.05, 0.15, 0.04, 0.03, 0.02, 0.01),
                    "Buôn Jiê Yuk", "Buôn Chiêng Kao", "Buôn Du Mah", "Buôn Bơ Đách", "Buôn Đắk Phơi", "Thôn Cư Bling"),
            commune("24622", "Xã Đắk Nuê", 1500, false, true, mix(0.6, 0.1, 0.2, 0.04, 0.03, 0.02, 0.01),
                    "Buôn Tu Sria", "Buôn Đắk Sar", "Buôn Plao Siêng", "Thôn Đắk Nuê", "Thôn Đắk Hàm"),
            commune("24625", "Xã Krông Nô", 1300, false, true, mix(0.8, 0.05, 0.1, 0.02, 0.01, 0.01, 0.01),
                    "Buôn Ta Luk", "Buôn Đơng Guôl", "Buôn Đắk Rơ", "Buôn Phi Dih Ja A", "Buôn Phi Dih Ja B"),
            commune("24628", "Xã Nam Ka", 1100, false, true, mix(0.55, 0.1, 0.3, 0.02, 0.01, 0.01, 0.01),
                    "Buôn Rbin", "Buôn Đắk Mút", "Thôn Nam Ka", "Thôn Ea Rbin Kinh", "Thôn Hợp Thành"),
            commune("24631", "Xã Ea R'Bin", 700, false, true, mix(0.2, 0.5, 0.2, 0.04, 0.03, 0.02, 0.01),
                    "Buôn Ea Rbin", "Buôn Ea Krông", "Buôn Ea Chư", "Thôn Cư Pam"));

    /** Target fall of the district's poverty rate, points, 2021->22 ... 2024->25 (Lak: 3.73 in 2024). */
    private static final double[] DISTRICT_FALL = {3.55, 3.45, 3.73, 3.5};
    /** Target fall among minority households of especially difficult communes (Lak: 5.72 in 2024). */
    private static final double[] PRIORITY_FALL = {5.0, 5.3, 5.72, 5.4};
    private static final double PRIORITY_START = 0.40;
    private static final double DISTRICT_START = 0.26;
    private static final double NEAR_POOR_BAND = 0.08;
    private static final double SHOCK_RATE = 0.006;
    /** Households that escaped poverty are more fragile: the re-poor cases. */
    private static final double ESCAPED_SHOCK_RATE = 0.03;
    private static final double EXIT_REQUEST_RATE = 0.15;
    private static final double MEMBERS_CHANGE_RATE = 0.03;

    private static final int SALT_COMMUNE = 1;
    private static final int SALT_PROFILE = 2;
    private static final int SALT_SHOCK = 3;
    private static final int SALT_EXIT = 4;
    private static final int SALT_MEMBERS = 5;
    private static final int SALT_PERIODIC = 6;
    private static final int SALT_ON_DEMAND = 7;

    private final long seed;
    private final int size;
    private final RulebookRegistry rulebooks = RulebookRegistry.national();

    private final int[] commune;
    private final int[] sequence;
    /** Household ids, made on first use. */
    private final String[] householdIds;
    private final int[] village;
    private final int[] ethnic;
    private final int[] members;
    private final boolean[] farming;
    private final double[] latent;
    private final String[] headName;
    /** Poverty threshold by [priority group ? 1 : 0][year - FIRST_YEAR]. */
    private final double[][] threshold = new double[2][LAST_YEAR - FIRST_YEAR + 1];
    /** The benefits, planned when first iterated. */
    private volatile DemoBenefits plannedBenefits;

    /**
     * @param seed any number; the demo loaded on first start uses {@link #DEFAULT_SEED}
     * @param households number of households, at least 1
     */
    public DemoDistrict(long seed, int households) {
        if (households < 1) {
            throw new IllegalArgumentException("households must be at least 1");
        }
        this.seed = seed;
        this.size = households;
        commune = new int[size];
        sequence = new int[size];
        householdIds = new String[size];
        village = new int[size];
        ethnic = new int[size];
        members = new int[size];
        farming = new boolean[size];
        latent = new double[size];
        headName = new String[size];
        int[] perCommune = new int[COMMUNES.size()];
        int totalWeight = COMMUNES.stream().mapToInt(Commune::weight).sum();
        int assigned = 0;
        for (int c = 0; c < COMMUNES.size(); c++) {
            perCommune[c] = (int) Math.floor((double) size * COMMUNES.get(c).weight() / totalWeight);
            assigned += perCommune[c];
        }
        for (int c = 0; assigned < size; c = (c + 1) % COMMUNES.size()) {
            perCommune[c]++;
            assigned++;
        }
        int priority = 0;
        int i = 0;
        for (int c = 0; c < COMMUNES.size(); c++) {
            Commune unit = COMMUNES.get(c);
            for (int s = 1; s <= perCommune[c]; s++, i++) {
                SplittableRandom random = random(i, 0, SALT_PROFILE);
                commune[i] = c;
                sequence[i] = s;
                village[i] = random.nextInt(unit.villages().size());
                ethnic[i] = pick(unit.ethnicMix(), random.nextDouble());
                members[i] = 2 + random.nextInt(6);
                farming[i] = unit.town() ? random.nextDouble() < 0.35 : random.nextDouble() < 0.88;
                latent[i] = random.nextDouble();
                headName[i] = Names.head(ETHNIC_GROUPS[ethnic[i]], random);
                if (isPriority(i)) {
                    priority++;
                }
            }
        }
        double share = (double) priority / size;
        double priorityRate = PRIORITY_START;
        double districtRate = DISTRICT_START;
        double otherRate = share >= 1 ? districtRate : (districtRate - share * priorityRate) / (1 - share);
        for (int y = 0; y <= LAST_YEAR - FIRST_YEAR; y++) {
            if (y > 0) {
                double priorityFall = PRIORITY_FALL[y - 1] / 100;
                double districtFall = DISTRICT_FALL[y - 1] / 100;
                priorityRate -= priorityFall;
                otherRate -= share >= 1 ? districtFall : (districtFall - share * priorityFall) / (1 - share);
            }
            threshold[1][y] = shockless(priorityRate);
            threshold[0][y] = shockless(Math.max(0.01, otherRate));
        }
    }

    /** The latent threshold that, with the shocks added, gives the intended rate. */
    private static double shockless(double rate) {
        return Math.max(0, (rate - SHOCK_RATE) / (1 - SHOCK_RATE));
    }

    public long seed() {
        return seed;
    }

    public int households() {
        return size;
    }

    /** Whether household i (0-based, in generation order) is a minority household of an especially difficult commune. */
    public boolean isPriority(int i) {
        return ethnic[i] != KINH && COMMUNES.get(commune[i]).especiallyDifficult();
    }

    /** The id of household i: {@code LAK-<commune code>-<5-digit sequence>}. */
    public String householdId(int i) {
        String id = householdIds[i];
        if (id == null) {
            // without String.format: every command of the district names its household, many several times
            String digits = Integer.toString(sequence[i]);
            id = "LAK-" + COMMUNES.get(commune[i]).code() + "-" + "00000".substring(Math.min(5, digits.length()))
                    + digits;
            householdIds[i] = id;
        }
        return id;
    }

    /** Number of commands the district consists of. */
    public long commandCount() {
        long n = 0;
        for (DemoCommand ignored : this) {
            n++;
        }
        return n;
    }

    /** SHA-256 over the canonical lines of every command, in order: equal digests mean equal streams. */
    public String digest() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (DemoCommand command : this) {
                digest.update(command.canonical().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) '\n');
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The commands in the order they are to be sent, phase by phase (see {@link DemoCommand#phase()}):
     * <ol>
     * <li>{@code geography/2020}: the map (province, district, communes, villages) and the flags of the 2021-2025
     * lists;</li>
     * <li>{@code catalogue}: the indicators and their targets;</li>
     * <li>{@code households/2021/register}, {@code households/2021/periodic}, then the January 2022 health-insurance
     * cards ({@code benefits/2021}) and the 2021 observations ({@code indicators/2021});</li>
     * <li>for each year 2022-2025: the year's allocations and output plans ({@code funding/Y}); the spring
     * on-demand reviews, the summer changes of household size (in 2025 preceded by the reorganisation of
     * 1 July, {@code geography/2025}) and the periodic review; the year's benefits with the next January's cards
     * ({@code benefits/Y}); disbursements, outputs and closings ({@code programme/Y}); the year's observations and
     * the corrections of earlier ones ({@code indicators/Y}).</li>
     * </ol>
     */
    @Override
    public Iterator<DemoCommand> iterator() {
        return new Generator();
    }

    /** The phases in order; each makes its commands only when the iteration reaches it. */
    private List<Step> steps(int[] currentMembers) {
        DemoBenefits benefits = benefits();
        DemoFunding funding = new DemoFunding(this, benefits);
        DemoCatalogue catalogue = new DemoCatalogue(this);
        List<Step> steps = new ArrayList<>();
        steps.add(list("geography/2020", DemoGeography::initialMap));
        steps.add(list("catalogue", catalogue::catalogue));
        for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) {
            int y = year;
            String households = "households/" + year + "/";
            if (year == FIRST_YEAR) {
                steps.add(perHousehold(households + "register", Phase.REGISTER, year, currentMembers));
            } else {
                steps.add(list("funding/" + year, phase -> funding.yearStart(phase, y)));
                steps.add(perHousehold(households + "on-demand", Phase.ON_DEMAND, year, currentMembers));
                if (year == LAST_YEAR) {
                    steps.add(list("geography/" + year, DemoGeography::reform));
                }
                steps.add(perHousehold(households + "details", Phase.DETAILS, year, currentMembers));
            }
            steps.add(perHousehold(households + "periodic", Phase.PERIODIC, year, currentMembers));
            steps.add(new Step("benefits/" + year, phase -> benefits.ofYear(y).stream()
                    .map(planned -> benefits.command(phase, planned)).iterator()));
            if (year >= DemoBenefits.FIRST_FUNDED_YEAR) {
                steps.add(list("programme/" + year, phase -> funding.yearEnd(phase, y)));
            }
            steps.add(list("indicators/" + year, phase -> catalogue.observations(phase, y, workersTrained(benefits, y))));
        }
        return steps;
    }

    /** The benefits of the district, planned once per district. */
    private DemoBenefits benefits() {
        DemoBenefits planned = plannedBenefits;
        if (planned == null) {
            planned = new DemoBenefits(this);
            plannedBenefits = planned;
        }
        return planned;
    }

    private static long workersTrained(DemoBenefits benefits, int year) {
        long trained = 0;
        for (int y = DemoBenefits.FIRST_FUNDED_YEAR; y <= year; y++) {
            trained += benefits.ofYear(y).stream()
                    .filter(p -> p.kind() == BenefitKind.VOCATIONAL_TRAINING && p.completed()).count();
        }
        return trained;
    }

    private enum Phase { REGISTER, ON_DEMAND, DETAILS, PERIODIC }

    /** A phase: its name and the commands it makes, made when the iteration reaches it. */
    private record Step(String phase, Function<String, Iterator<DemoCommand>> commands) {
    }

    private static Step list(String phase, Function<String, List<DemoCommand>> commands) {
        return new Step(phase, name -> commands.apply(name).iterator());
    }

    private Step perHousehold(String phase, Phase kind, int year, int[] currentMembers) {
        return new Step(phase, name -> new Iterator<>() {
            private int household;
            private DemoCommand next = advance();

            private DemoCommand advance() {
                DemoCommand made = null;
                while (made == null && household < size) {
                    made = generate(name, kind, year, household++, currentMembers);
                }
                return made;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public DemoCommand next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                DemoCommand current = next;
                next = advance();
                return current;
            }
        });
    }

    private final class Generator implements Iterator<DemoCommand> {
        private final List<Step> steps = steps(members.clone());
        private int step = -1;
        private Iterator<DemoCommand> current = Collections.emptyIterator();

        @Override
        public boolean hasNext() {
            while (!current.hasNext() && step + 1 < steps.size()) {
                step++;
                current = steps.get(step).commands().apply(steps.get(step).phase());
            }
            return current.hasNext();
        }

        @Override
        public DemoCommand next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }
    }

    private DemoCommand generate(String phaseName, Phase phase, int year, int i, int[] currentMembers) {
        Commune unit = COMMUNES.get(commune[i]);
        HouseholdId id = new HouseholdId(householdId(i));
        String key = "demo/" + id.value() + "/";
        return switch (phase) {
            case REGISTER -> new DemoCommand(phaseName, id.value(), new RegisterHouseholdCommand(id,
                    new CommuneCode(unit.code()), unit.villages().get(village[i]), area(i), headName[i],
                    ETHNIC_GROUPS[ethnic[i]], ethnic[i] != KINH, members[i]), key + "register",
                    "Decision 24/2021/QD-TTg", null, LocalDate.of(FIRST_YEAR, 9, 1));
            case DETAILS -> {
                SplittableRandom random = random(i, year, SALT_MEMBERS);
                if (random.nextDouble() >= MEMBERS_CHANGE_RATE) {
                    yield null;
                }
                int before = currentMembers[i];
                int after = before <= 1 ? 2 : before >= 12 ? before - 1 : before + (random.nextBoolean() ? 1 : -1);
                currentMembers[i] = after;
                LocalDate effective = LocalDate.of(year, 7, 1).plusDays(random.nextInt(62));
                String reason = after > before ? "a child was born" : "a member moved away";
                yield new DemoCommand(phaseName, id.value(), new UpdateHouseholdDetailsCommand(id,
                        new CommuneCode(unit.code()), unit.villages().get(village[i]), after, effective, reason),
                        key + year + "/details", "Law on Residence 68/2020/QH14", reason, effective);
            }
            case ON_DEMAND -> {
                OnDemand review = onDemandReview(i, year);
                if (review == null) {
                    yield null;
                }
                yield new DemoCommand(phaseName, id.value(), new RecordAssessmentCommand(id, new ReviewYear(year),
                        ReviewKind.ON_DEMAND, review.survey(), findings(i, year, review.target(), review.random()),
                        review.decision(), review.effective()), key + year + "/ON_DEMAND", review.decision(),
                        review.target() == PovertyStatus.POOR ? "household's request after a shock"
                                : "household's request to exit",
                        review.effective());
            }
            case PERIODIC -> {
                SplittableRandom random = random(i, year, SALT_PERIODIC);
                LocalDate survey = LocalDate.of(year, 9, 15).plusDays(random.nextInt(75));
                LocalDate effective = periodicEffective(i, year);
                String decision = "QD-" + (100 + 13 * commune[i] + 7 * (year - FIRST_YEAR)) + "/" + year + "/UBND-"
                        + unit.code();
                yield new DemoCommand(phaseName, id.value(), new RecordAssessmentCommand(id, new ReviewYear(year),
                        ReviewKind.PERIODIC, survey, findings(i, year, periodicStatus(i, year), random), decision,
                        effective), key + year + "/PERIODIC", decision, null, effective);
            }
        };
    }

    private LocalDate periodicEffective(int i, int year) {
        return LocalDate.of(year, 12, 1).plusDays(commune[i]);
    }

    /**
     * An on-demand review of the spring: the target status, the survey and decision, and the household's
     * generator positioned for drawing the findings.
     */
    private record OnDemand(PovertyStatus target, LocalDate survey, LocalDate effective, String decision,
                            SplittableRandom random) {
    }

    /** The household's on-demand review of the year, or {@code null}. */
    private OnDemand onDemandReview(int i, int year) {
        PovertyStatus lastYear = periodicStatus(i, year - 1);
        PovertyStatus target;
        if (shock(i, year) && lastYear != PovertyStatus.POOR) {
            target = PovertyStatus.POOR;
        } else if (lastYear == PovertyStatus.POOR && latentStatus(i, year) != PovertyStatus.POOR && !shock(i, year)
                && random(i, year, SALT_EXIT).nextDouble() < EXIT_REQUEST_RATE) {
            target = latentStatus(i, year);
        } else {
            return null;
        }
        SplittableRandom random = random(i, year, SALT_ON_DEMAND);
        LocalDate survey = LocalDate.of(year, 3, 1).plusDays(random.nextInt(120));
        LocalDate effective = survey.plusDays(3 + random.nextInt(12));
        String decision = "QD-" + (500 + random.nextInt(400)) + "/" + year + "/UBND-" + COMMUNES.get(commune[i]).code();
        return new OnDemand(target, survey, effective, decision, random);
    }

    /**
     * The outcomes of household i's reviews 2021-2025 in the order the ledger takes them (effective date), as
     * {@link BenefitEligibility} reads them: what the generator intends each review to classify the household as
     * (NOT_POOR for every status above the line).
     */
    List<DatedStatus> history(int i) {
        List<DatedStatus> history = new ArrayList<>();
        for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) {
            if (year > FIRST_YEAR) {
                OnDemand review = onDemandReview(i, year);
                if (review != null) {
                    history.add(new DatedStatus(review.effective(), review.target()));
                }
            }
            history.add(new DatedStatus(periodicEffective(i, year), periodicStatus(i, year)));
        }
        return history;
    }

    /** The index in {@link #COMMUNES} of household i's commune. */
    int communeOf(int i) {
        return commune[i];
    }

    /** The status the household's periodic review of the year classifies it with. */
    PovertyStatus periodicStatus(int i, int year) {
        return shock(i, year) ? PovertyStatus.POOR : latentStatus(i, year);
    }

    private PovertyStatus latentStatus(int i, int year) {
        double poor = threshold[isPriority(i) ? 1 : 0][year - FIRST_YEAR];
        if (latent[i] < poor) {
            return PovertyStatus.POOR;
        }
        if (latent[i] < poor + NEAR_POOR_BAND) {
            return PovertyStatus.NEAR_POOR;
        }
        return PovertyStatus.NOT_POOR;
    }

    private boolean shock(int i, int year) {
        boolean escaped = year > FIRST_YEAR && latent[i] < threshold[isPriority(i) ? 1 : 0][0]
                && latentStatus(i, year) != PovertyStatus.POOR;
        return random(i, year, SALT_SHOCK).nextDouble() < (escaped ? ESCAPED_SHOCK_RATE : SHOCK_RATE);
    }

    private Area area(int i) {
        return COMMUNES.get(commune[i]).town() ? Area.URBAN : Area.RURAL;
    }

    /**
     * Findings the year's rulebook classifies as {@code target} (NOT_POOR stands for "above the line": it
     * becomes AVERAGE_LIVING_STANDARD for some farming households).
     */
    private AssessmentFindings findings(int i, int year, PovertyStatus target, SplittableRandom random) {
        Rulebook rulebook = rulebooks.forReviewYear(year);
        List<String> indicators = new ArrayList<>(new TreeSet<>(rulebook.indicators()));
        boolean urban = area(i) == Area.URBAN;
        long line = urban ? Decree07Rulebook.URBAN_LINE : Decree07Rulebook.RURAL_LINE;
        long averageLimit = urban ? Decree07Rulebook.URBAN_AVERAGE_LIMIT : Decree07Rulebook.RURAL_AVERAGE_LIMIT;
        Livelihood livelihood = farming[i] ? Livelihood.FARMING_FORESTRY_FISHERY_SALT : Livelihood.OTHER;
        long income;
        int deprivations;
        switch (target) {
            case POOR -> {
                income = round(line * (0.35 + 0.6 * random.nextDouble()));
                deprivations = 3 + random.nextInt(4);
            }
            case NEAR_POOR -> {
                income = round(line * (0.6 + 0.4 * random.nextDouble()));
                deprivations = random.nextInt(3);
            }
            default -> {
                boolean average = farming[i] && random.nextDouble() < 0.35;
                income = average ? round(line + (averageLimit - line) * (0.05 + 0.9 * random.nextDouble()))
                        : round(averageLimit * (1.05 + 1.5 * random.nextDouble()));
                deprivations = random.nextInt(3);
            }
        }
        AssessmentFindings findings = new AssessmentFindings(Vnd.of("incomePerCapitaMonthly", income), livelihood,
                sample(indicators, deprivations, random));
        if (!matches(rulebook, findings, i, target)) {
            findings = fallback(target, urban, indicators);
        }
        return findings;
    }

    private boolean matches(Rulebook rulebook, AssessmentFindings findings, int i, PovertyStatus target) {
        PovertyStatus status = rulebook.classify(new AssessmentInputs(area(i), findings.incomePerCapitaMonthly(),
                findings.livelihood(), findings.deprivations())).status();
        return target == PovertyStatus.NOT_POOR ? !status.isPoorOrNearPoor() : status == target;
    }

    /** Values every rulebook of the registry classifies as intended. */
    private static AssessmentFindings fallback(PovertyStatus target, boolean urban, List<String> indicators) {
        return switch (target) {
            case POOR -> new AssessmentFindings(new Vnd(500_000), Livelihood.OTHER, Set.copyOf(indicators.subList(0, 4)));
            case NEAR_POOR -> new AssessmentFindings(new Vnd(urban ? 1_100_000 : 900_000), Livelihood.OTHER,
                    Set.of(indicators.get(0)));
            default -> new AssessmentFindings(new Vnd(5_000_000), Livelihood.OTHER, Set.of());
        };
    }

    private static Set<String> sample(List<String> indicators, int count, SplittableRandom random) {
        List<String> pool = new ArrayList<>(indicators);
        Set<String> chosen = new TreeSet<>();
        for (int k = 0; k < count && !pool.isEmpty(); k++) {
            chosen.add(pool.remove(random.nextInt(pool.size())));
        }
        return Collections.unmodifiableSet(chosen);
    }

    private static long round(double vnd) {
        return Math.round(vnd / 10_000) * 10_000;
    }

    SplittableRandom random(int household, int year, int salt) {
        long h = seed;
        h = splitmix(h ^ household);
        h = splitmix(h ^ ((long) year << 20));
        h = splitmix(h ^ ((long) salt << 40));
        return new SplittableRandom(h);
    }

    private static long splitmix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static int pick(double[] shares, double draw) {
        double cumulative = 0;
        for (int k = 0; k < shares.length; k++) {
            cumulative += shares[k];
            if (draw < cumulative) {
                return k;
            }
        }
        return shares.length - 1;
    }

    private static double[] mix(double... shares) {
        return shares;
    }

    private static Commune commune(String code, String name, int weight, boolean town, boolean difficult,
                                   double[] ethnicMix, String... villages) {
        return new Commune(code, name, weight, town, difficult, ethnicMix, List.of(villages));
    }
}
