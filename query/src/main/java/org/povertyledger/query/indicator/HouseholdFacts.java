package org.povertyledger.query.indicator;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.bson.Document;
import org.povertyledger.query.support.DocumentValues;
import org.povertyledger.shared.audit.event.AssessmentRestatedEvent;
import org.povertyledger.shared.audit.value.RestatedAssessment;
import org.povertyledger.shared.benefit.event.BenefitRecordedEvent;
import org.povertyledger.shared.benefit.value.BenefitKind;
import org.povertyledger.shared.household.event.AssessmentCorrectedEvent;
import org.povertyledger.shared.household.event.AssessmentRecordedEvent;
import org.povertyledger.shared.household.event.HouseholdDetailsUpdatedEvent;
import org.povertyledger.shared.household.event.HouseholdRegisteredEvent;
import org.povertyledger.shared.household.value.PovertyStatus;
import org.povertyledger.shared.household.value.ReviewKind;

/**
 * What the indicators need of one household (collection {@value #COLLECTION}): minority flag, commune over
 * valid time, and the outcome of each year's periodic assessment as corrected. From these it computes the
 * household's <em>contribution</em> to the derived cells: for each review year it was assessed in, the counters
 * it adds to the cell of (the commune it was recorded in on the assessment's effective date, that year), as
 * changes by effective date.
 *
 * <h2>Definitions (per review year Y, periodic review only)</h2>
 * <ul>
 * <li>assessed: the household has a periodic assessment for Y effective on or before the valid date;</li>
 * <li>poor / near-poor: its outcome (as corrected) is POOR / NEAR_POOR;</li>
 * <li>previous review: the latest earlier review year with a periodic assessment effective by then;</li>
 * <li>escaped: POOR in the previous review, not POOR in Y (whether near-poor or above the line);</li>
 * <li>newly poor: POOR in Y and in no earlier review; re-poor: POOR in Y, not in the previous review, POOR in
 * an earlier one;</li>
 * <li>insured poor: POOR in Y and holding a health-insurance card for Y+1 (the year Y's list is in force) dated
 * on or before the valid date;</li>
 * <li>credit-eligible: POOR or NEAR_POOR in Y, or above the line in Y and POOR or NEAR_POOR in one of the
 * reviews Y-3 to Y-1 effective by then (newly escaped: {@code BenefitEligibility.NEWLY_ESCAPED_YEARS});
 * credit-covered: credit-eligible with a preferential loan dated in Y-1 to Y+1 and on or before the valid
 * date.</li>
 * </ul>
 * On-demand reviews change a household's current status but not the year's figures: reports count the
 * periodic review (Decision 24/2021/QD-TTg).
 *
 * <h2>As restated</h2>
 * A restatement under a rulebook version gives a periodic assessment's decision a restated status. Under that
 * version the household counts with the restated status for every year whose deciding event (the assessment or
 * its latest correction) is the one restated, with the decided status otherwise (no restatement, the rulebook
 * refused the inputs, or the decision was corrected after the restatement: the restatement was of other inputs).
 * The latest restatement of a decision under a version counts. The household's contribution to the restated
 * cells of that version is the difference between its contribution so counted and the decided one, plus the
 * {@link Counters#RESTATED} and {@link Counters#RESTATED_CHANGED} counts; transitions follow (a restated
 * previous review changes who escaped).
 */
final class HouseholdFacts {

    static final String COLLECTION = "indicator_households";

    /** A details entry: commune from {@code day} ({@code null}: as registered). */
    private record Detail(Integer day, String commune, long position) {
    }

    /**
     * A periodic assessment as it stands now; {@code decided} is set only on an assessment counted with a
     * restated status (its decided one).
     */
    private record Periodic(String assessmentId, String outcomeEventId, int year, int day, PovertyStatus status,
                            long position, PovertyStatus decided) {
        Periodic(String assessmentId, String outcomeEventId, int year, int day, PovertyStatus status, long position) {
            this(assessmentId, outcomeEventId, year, day, status, position, null);
        }
    }

    /** A restated status of a deciding event under a rulebook version ({@code ID:VERSION}). */
    private record Restated(String rulebookKey, String decisionEventId, PovertyStatus status, long position) {
    }

    /** Years before a review in which a POOR or NEAR_POOR outcome makes an above-the-line household newly escaped. */
    static final int NEWLY_ESCAPED_REVIEWS = 3;

    /** A benefit the coverage measures count: a health-insurance card (with its coverage year) or a loan. */
    private record Benefit(String benefitId, boolean card, int day, Integer coverageYear, long position) {
        int year() {
            return LocalDate.ofEpochDay(day).getYear();
        }
    }

    private final String householdId;
    private final boolean minority;
    private final List<Detail> details;
    private final List<Periodic> periodic;
    private final List<Benefit> benefits;
    private final List<Restated> restated;
    private long position;

    private HouseholdFacts(String householdId, boolean minority, List<Detail> details, List<Periodic> periodic,
                           List<Benefit> benefits, List<Restated> restated, long position) {
        this.householdId = householdId;
        this.minority = minority;
        this.details = details;
        this.periodic = periodic;
        this.benefits = benefits;
        this.restated = restated;
        this.position = position;
    }

    static HouseholdFacts registered(HouseholdRegisteredEvent event, long position) {
        List<Detail> details = new ArrayList<>();
        details.add(new Detail(null, event.communeCode().value(), position));
        return new HouseholdFacts(event.householdId().value(), event.ethnicMinority(), details, new ArrayList<>(),
                new ArrayList<>(), new ArrayList<>(), position);
    }

    /** Whether the coverage measures count benefits of this kind. */
    static boolean counts(BenefitKind kind) {
        return kind == BenefitKind.HEALTH_INSURANCE_CARD || kind == BenefitKind.PREFERENTIAL_LOAN;
    }

    String householdId() {
        return householdId;
    }

    long position() {
        return position;
    }

    void applied(long eventPosition) {
        position = eventPosition;
    }

    void detailsUpdated(HouseholdDetailsUpdatedEvent event, long eventPosition) {
        details.add(new Detail((int) event.effectiveDate().toEpochDay(), event.communeCode().value(), eventPosition));
    }

    void assessmentRecorded(AssessmentRecordedEvent event, String eventId, long eventPosition) {
        if (event.reviewKind() != ReviewKind.PERIODIC) {
            return;
        }
        periodic.removeIf(p -> p.assessmentId().equals(eventId));
        periodic.add(new Periodic(eventId, eventId, event.reviewYear(), (int) event.effectiveDate().toEpochDay(),
                event.status(), eventPosition));
    }

    void assessmentCorrected(AssessmentCorrectedEvent event, String eventId, long eventPosition) {
        if (event.reviewKind() != ReviewKind.PERIODIC) {
            return;
        }
        periodic.removeIf(p -> p.assessmentId().equals(event.assessmentId())
                || p.outcomeEventId().equals(event.correctedEventId()));
        String assessmentId = event.assessmentId() != null ? event.assessmentId() : event.correctedEventId();
        periodic.add(new Periodic(assessmentId, eventId, event.reviewYear(), (int) event.effectiveDate().toEpochDay(),
                event.status(), eventPosition));
    }

    void benefitRecorded(BenefitRecordedEvent event, String eventId, long eventPosition) {
        if (!counts(event.kind())) {
            return;
        }
        benefits.removeIf(b -> b.benefitId().equals(eventId));
        boolean card = event.kind() == BenefitKind.HEALTH_INSURANCE_CARD;
        benefits.add(new Benefit(eventId, card, day(event.benefitDate()), card ? event.coverageYear() : null,
                eventPosition));
    }

    /** A restated status of one of the household's decisions; a refusal of the inputs restates nothing. */
    void assessmentRestated(AssessmentRestatedEvent event, long eventPosition) {
        RestatedAssessment assessment = event.assessment();
        if (assessment.status() == null) {
            return;
        }
        String key = event.rulebookId() + ":" + event.rulebookVersion();
        restated.removeIf(r -> r.rulebookKey().equals(key) && r.decisionEventId().equals(assessment.decisionEventId()));
        restated.add(new Restated(key, assessment.decisionEventId(), assessment.status(), eventPosition));
    }

    /** The commune the household was recorded in on {@code day}. */
    private String communeOn(int day) {
        return details.stream()
                .filter(d -> d.day() == null || d.day() <= day)
                .max(Comparator.<Detail>comparingInt(d -> d.day() == null ? Integer.MIN_VALUE : d.day())
                        .thenComparingLong(Detail::position))
                .map(Detail::commune)
                .orElse(details.get(0).commune());
    }

    /** The periodic assessment deciding each review year: the one recorded (or corrected) last. */
    private Map<Integer, Periodic> byYear() {
        Map<Integer, Periodic> byYear = new TreeMap<>();
        for (Periodic p : periodic) {
            byYear.merge(p.year(), p, (a, b) -> a.position() >= b.position() ? a : b);
        }
        return byYear;
    }

    /** The deciding assessments of {@link #byYear()} with their statuses restated under a rulebook version. */
    private Map<Integer, Periodic> byYear(String rulebookKey) {
        Map<Integer, Periodic> byYear = new TreeMap<>();
        byYear().forEach((year, p) -> byYear.put(year, restated.stream()
                .filter(r -> r.rulebookKey().equals(rulebookKey) && r.decisionEventId().equals(p.outcomeEventId()))
                .reduce((a, b) -> a.position() >= b.position() ? a : b)
                .map(r -> new Periodic(p.assessmentId(), p.outcomeEventId(), p.year(), p.day(), r.status(),
                        p.position(), p.status()))
                .orElse(p)));
        return byYear;
    }

    /**
     * The household's changes to each derived cell, by effective day, and to the restated cells of every rulebook
     * version it has a restatement under.
     */
    Map<String, TreeMap<Integer, long[]>> contributions() {
        Map<String, TreeMap<Integer, long[]>> decided = contributions(byYear());
        if (restated.isEmpty()) {
            return decided;
        }
        Map<String, TreeMap<Integer, long[]>> result = new HashMap<>(decided);
        Set<String> keys = new TreeSet<>();
        restated.forEach(r -> keys.add(r.rulebookKey()));
        for (String key : keys) {
            difference(decided, contributions(byYear(key))).forEach((cell, changes) ->
                    result.put(Counters.restatedCell(key, cell), changes));
        }
        return result;
    }

    private Map<String, TreeMap<Integer, long[]>> contributions(Map<Integer, Periodic> byYear) {
        Map<String, TreeMap<Integer, long[]>> result = new HashMap<>();
        for (Periodic assessment : byYear.values()) {
            TreeSet<Integer> breakpoints = new TreeSet<>();
            breakpoints.add(assessment.day());
            for (Periodic earlier : byYear.values()) {
                if (earlier.year() < assessment.year() && earlier.day() > assessment.day()) {
                    breakpoints.add(earlier.day());
                }
            }
            for (Benefit benefit : benefits) {
                if (benefit.day() > assessment.day() && (insures(benefit, assessment.year())
                        || lends(benefit, assessment.year()))) {
                    breakpoints.add(benefit.day());
                }
            }
            TreeMap<Integer, long[]> changes = result.computeIfAbsent(
                    Counters.derivedCell(communeOn(assessment.day()), assessment.year()), k -> new TreeMap<>());
            long[] before = new long[Counters.SIZE];
            for (int day : breakpoints) {
                long[] value = countsOn(assessment, byYear, day);
                long[] change = new long[Counters.SIZE];
                for (int i = 0; i < Counters.SIZE; i++) {
                    change[i] = value[i] - before[i];
                }
                if (!Counters.isZero(change)) {
                    long[] existing = changes.computeIfAbsent(day, d -> new long[Counters.SIZE]);
                    for (int i = 0; i < Counters.SIZE; i++) {
                        existing[i] += change[i];
                    }
                }
                before = value;
            }
        }
        return result;
    }

    private long[] countsOn(Periodic assessment, Map<Integer, Periodic> byYear, int day) {
        long[] counts = new long[Counters.SIZE];
        boolean poor = assessment.status() == PovertyStatus.POOR;
        boolean nearPoor = assessment.status() == PovertyStatus.NEAR_POOR;
        counts[Counters.ASSESSED] = 1;
        counts[Counters.RESTATED] = assessment.decided() != null ? 1 : 0;
        counts[Counters.RESTATED_CHANGED] = assessment.decided() != null && assessment.decided() != assessment.status()
                ? 1 : 0;
        counts[Counters.POOR] = poor ? 1 : 0;
        counts[Counters.NEAR_POOR] = nearPoor ? 1 : 0;
        if (minority) {
            counts[Counters.MINORITY_ASSESSED] = 1;
            counts[Counters.MINORITY_POOR] = poor ? 1 : 0;
            counts[Counters.MINORITY_NEAR_POOR] = nearPoor ? 1 : 0;
        }
        PovertyStatus previous = null;
        boolean everPoor = false;
        for (Periodic earlier : byYear.values()) {
            if (earlier.year() < assessment.year() && earlier.day() <= day) {
                previous = earlier.status();
                everPoor |= earlier.status() == PovertyStatus.POOR;
            }
        }
        counts[Counters.ESCAPED] = previous == PovertyStatus.POOR && !poor ? 1 : 0;
        counts[Counters.NEWLY_POOR] = poor && !everPoor ? 1 : 0;
        counts[Counters.RE_POOR] = poor && everPoor && previous != PovertyStatus.POOR ? 1 : 0;
        int year = assessment.year();
        counts[Counters.POOR_INSURED] = poor && benefits.stream()
                .anyMatch(b -> b.day() <= day && insures(b, year)) ? 1 : 0;
        boolean newlyEscaped = !poor && !nearPoor && byYear.values().stream()
                .anyMatch(earlier -> earlier.year() < year && earlier.year() >= year - NEWLY_ESCAPED_REVIEWS
                        && earlier.day() <= day && earlier.status().isPoorOrNearPoor());
        boolean eligible = poor || nearPoor || newlyEscaped;
        counts[Counters.CREDIT_ELIGIBLE] = eligible ? 1 : 0;
        counts[Counters.CREDIT_COVERED] = eligible && benefits.stream()
                .anyMatch(b -> b.day() <= day && lends(b, year)) ? 1 : 0;
        return counts;
    }

    /** A card for the year review {@code year}'s list is in force. */
    private static boolean insures(Benefit benefit, int year) {
        return benefit.card() && benefit.coverageYear() != null && benefit.coverageYear() == year + 1;
    }

    /** A loan dated from the year before review {@code year} to the year after it. */
    private static boolean lends(Benefit benefit, int year) {
        return !benefit.card() && benefit.year() >= year - 1 && benefit.year() <= year + 1;
    }

    /** The difference {@code after - before}, per cell and day, without zero entries. */
    static Map<String, TreeMap<Integer, long[]>> difference(Map<String, TreeMap<Integer, long[]>> before,
                                                            Map<String, TreeMap<Integer, long[]>> after) {
        Set<String> cells = new HashSet<>(before.keySet());
        cells.addAll(after.keySet());
        Map<String, TreeMap<Integer, long[]>> result = new HashMap<>();
        for (String cell : cells) {
            TreeMap<Integer, long[]> old = before.getOrDefault(cell, new TreeMap<>());
            TreeMap<Integer, long[]> now = after.getOrDefault(cell, new TreeMap<>());
            Set<Integer> days = new TreeSet<>(old.keySet());
            days.addAll(now.keySet());
            TreeMap<Integer, long[]> changes = new TreeMap<>();
            for (int day : days) {
                long[] a = old.getOrDefault(day, new long[Counters.SIZE]);
                long[] b = now.getOrDefault(day, new long[Counters.SIZE]);
                long[] delta = new long[Counters.SIZE];
                for (int i = 0; i < Counters.SIZE; i++) {
                    delta[i] = b[i] - a[i];
                }
                if (!Counters.isZero(delta)) {
                    changes.put(day, delta);
                }
            }
            if (!changes.isEmpty()) {
                result.put(cell, changes);
            }
        }
        return result;
    }

    Document toDocument() {
        return new Document("_id", householdId)
                .append("p", position)
                .append("m", minority)
                .append("d", details.stream().map(d -> new Document("e", d.day()).append("c", d.commune())
                        .append("p", d.position())).toList())
                .append("a", periodic.stream().map(p -> new Document("id", p.assessmentId())
                        .append("o", p.outcomeEventId()).append("y", p.year()).append("e", p.day())
                        .append("s", p.status().name()).append("p", p.position())).toList())
                .append("b", benefits.stream().map(b -> new Document("id", b.benefitId()).append("c", b.card())
                        .append("e", b.day()).append("y", b.coverageYear()).append("p", b.position())).toList())
                .append("r", restated.stream().map(r -> new Document("k", r.rulebookKey())
                        .append("o", r.decisionEventId()).append("s", r.status().name()).append("p", r.position()))
                        .toList());
    }

    static HouseholdFacts fromDocument(Document document) {
        List<Detail> details = new ArrayList<>();
        for (Document d : document.getList("d", Document.class, List.of())) {
            details.add(new Detail(DocumentValues.integerOrNull(d, "e"), d.getString("c"),
                    DocumentValues.longValue(d, "p")));
        }
        List<Periodic> periodic = new ArrayList<>();
        for (Document a : document.getList("a", Document.class, List.of())) {
            periodic.add(new Periodic(a.getString("id"), a.getString("o"), DocumentValues.intValue(a, "y"),
                    DocumentValues.intValue(a, "e"), PovertyStatus.valueOf(a.getString("s")),
                    DocumentValues.longValue(a, "p")));
        }
        List<Benefit> benefits = new ArrayList<>();
        for (Document b : document.getList("b", Document.class, List.of())) {
            benefits.add(new Benefit(b.getString("id"), DocumentValues.booleanValue(b, "c"),
                    DocumentValues.intValue(b, "e"), DocumentValues.integerOrNull(b, "y"),
                    DocumentValues.longValue(b, "p")));
        }
        List<Restated> restated = new ArrayList<>();
        for (Document r : document.getList("r", Document.class, List.of())) {
            restated.add(new Restated(r.getString("k"), r.getString("o"), PovertyStatus.valueOf(r.getString("s")),
                    DocumentValues.longValue(r, "p")));
        }
        return new HouseholdFacts(document.getString("_id"), DocumentValues.booleanValue(document, "m"), details,
                periodic, benefits, restated, DocumentValues.longValue(document, "p"));
    }

    /** The day of a date as stored. */
    static int day(LocalDate date) {
        return (int) date.toEpochDay();
    }
}
