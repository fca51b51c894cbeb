package org.povertyledger.query.benefit;

import static com.mongodb.client.model.Filters.eq;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.povertyledger.query.programme.ReadModelSupport;
import org.povertyledger.query.support.ProjectionPositions;
import org.povertyledger.shared.benefit.policy.BenefitEligibility;
import org.povertyledger.shared.benefit.policy.BenefitEligibility.DatedStatus;
import org.povertyledger.shared.benefit.query.BenefitCoverageUnit;
import org.povertyledger.shared.benefit.query.BenefitCoverageView;
import org.povertyledger.shared.benefit.query.BenefitKindCount;
import org.povertyledger.shared.benefit.query.BenefitView;
import org.povertyledger.shared.benefit.query.Coverage;
import org.povertyledger.shared.benefit.query.FindBenefitCoverageQuery;
import org.povertyledger.shared.benefit.query.FindHouseholdBenefitsQuery;
import org.povertyledger.shared.benefit.query.HouseholdBenefitsView;
import org.povertyledger.shared.benefit.value.BenefitKind;
import org.povertyledger.shared.benefit.value.HousingSupportKind;
import org.povertyledger.shared.benefit.value.TargetGroup;
import org.povertyledger.shared.common.Require;
import org.povertyledger.shared.household.value.PovertyStatus;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;

/**
 * Answers benefit queries. One household is read by {@code _id}; coverage reads every household document (a scan:
 * a district has some thousands of households; see README for the cost) and places each household in the commune
 * and target group it had on the reference date, with {@link BenefitEligibility}'s rules.
 */
public class BenefitQueryHandler {

    private static final Set<TargetGroup> LOAN_GROUPS = BenefitEligibility.eligibleGroups(BenefitKind.PREFERENTIAL_LOAN);

    private final MongoCollection<Document> households;
    private final ProjectionPositions positions;

    public BenefitQueryHandler(MongoDatabase database) {
        this.households = database.getCollection(BenefitCoverageProjection.COLLECTION);
        this.positions = new ProjectionPositions(database);
    }

    /** A household's benefits dated on or before {@code asOf}; empty when the household is not registered. */
    @QueryHandler
    public Optional<HouseholdBenefitsView> handle(FindHouseholdBenefitsQuery query) {
        Require.present("householdId", query.householdId());
        Document household = households.find(eq("_id", query.householdId())).first();
        if (household == null) {
            return Optional.empty();
        }
        List<BenefitView> benefits = benefits(household).stream()
                .filter(b -> query.asOf() == null || !date(b, "benefitDate").isAfter(query.asOf()))
                .sorted(Comparator.comparing((Document b) -> b.getString("benefitDate"))
                        .thenComparingLong(b -> ReadModelSupport.longOf(b, "position")))
                .map(BenefitQueryHandler::view)
                .toList();
        return Optional.of(new HouseholdBenefitsView(query.householdId(), query.asOf(), benefits,
                ReadModelSupport.longOf(household, "position")));
    }

    /** Coverage per commune in the year, on the valid date; see {@link FindBenefitCoverageQuery}. */
    @QueryHandler
    public BenefitCoverageView handle(FindBenefitCoverageQuery query) {
        Require.range("year", query.year(), 2000, 2100);
        long position = positions.position(BenefitCoverageProjection.PROCESSING_GROUP);
        LocalDate yearEnd = LocalDate.of(query.year(), 12, 31);
        LocalDate reference = query.asOf() != null && query.asOf().isBefore(yearEnd) ? query.asOf() : yearEnd;

        Map<String, Tally> byCommune = new TreeMap<>();
        Tally total = new Tally(null);
        for (Document household : households.find()) {
            String commune = communeOn(household, reference);
            if ((query.communeCode() != null && !query.communeCode().equals(commune)) || !query.scope().covers(commune)) {
                continue;
            }
            TargetGroup group = BenefitEligibility.groupOn(history(household), reference);
            List<Document> benefits = benefits(household).stream()
                    .filter(b -> countsIn(b, query.year(), query.asOf()))
                    .toList();
            Tally tally = byCommune.computeIfAbsent(commune, Tally::new);
            tally.add(household.getString("_id"), group, benefits);
            total.add(household.getString("_id"), group, benefits);
        }
        List<BenefitCoverageUnit> units = byCommune.values().stream().map(Tally::toUnit).toList();
        return new BenefitCoverageView(query.year(), query.asOf(), reference, units, total.toUnit(), position);
    }

    /** A benefit counts in a year when dated in it (a card: when it covers it) and, with a date, not after it. */
    private static boolean countsIn(Document benefit, int year, LocalDate asOf) {
        LocalDate date = date(benefit, "benefitDate");
        if (asOf != null && date.isAfter(asOf)) {
            return false;
        }
        if (BenefitKind.HEALTH_INSURANCE_CARD.name().equals(benefit.getString("kind"))) {
            return Integer.valueOf(year).equals(benefit.getInteger("coverageYear"));
        }
        return date.getYear() == year;
    }

    /** The commune on {@code date}: the latest move effective by then (later recorded on equal dates). */
    private static String communeOn(Document household, LocalDate date) {
        return ReadModelSupport.documents(household, "communes").stream()
                .filter(c -> c.getString("effectiveDate") == null || !date(c, "effectiveDate").isAfter(date))
                .max(Comparator.comparing((Document c) -> c.getString("effectiveDate"),
                                Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparingLong(c -> ReadModelSupport.longOf(c, "position")))
                .map(c -> c.getString("communeCode"))
                .orElseThrow(() -> new IllegalStateException("household " + household.get("_id")
                        + " has no commune as registered"));
    }

    /** Assessment outcomes in precedence order: effective date, then recording position. */
    private static List<DatedStatus> history(Document household) {
        return ReadModelSupport.documents(household, "assessments").stream()
                .sorted(Comparator.comparing((Document a) -> a.getString("effectiveDate"))
                        .thenComparingLong(a -> ReadModelSupport.longOf(a, "recordedPosition")))
                .map(a -> new DatedStatus(date(a, "effectiveDate"), PovertyStatus.valueOf(a.getString("status"))))
                .toList();
    }

    private static List<Document> benefits(Document household) {
        return ReadModelSupport.documents(household, "benefits");
    }

    private static LocalDate date(Document document, String key) {
        return LocalDate.parse(document.getString(key));
    }

    private static BenefitView view(Document b) {
        Object amount = b.get("amount");
        return new BenefitView(b.getString("benefitId"), BenefitKind.valueOf(b.getString("kind")),
                date(b, "benefitDate"), b.getInteger("coverageYear"),
                amount instanceof Number number ? number.longValue() : null, b.getString("lender"),
                b.getString("course"), b.getBoolean("completed"),
                b.getString("housingKind") == null ? null : HousingSupportKind.valueOf(b.getString("housingKind")),
                b.getString("destination"), b.getString("description"), b.getString("programmeCode"),
                b.getString("subProjectCode"), b.getString("allocationId"),
                PovertyStatus.valueOf(b.getString("statusOnDate")), TargetGroup.valueOf(b.getString("targetGroup")),
                b.getString("eligibilityRule"), ReadModelSupport.longOf(b, "position"),
                b.getString("recordedAt") == null ? null : Instant.parse(b.getString("recordedAt")));
    }

    /** Counts of one commune (or of all, with a null commune). */
    private static final class Tally {
        private final String communeCode;
        private int households;
        private int poor;
        private int nearPoor;
        private int newlyEscaped;
        private int poorWithCard;
        private int loanEligible;
        private int loanEligibleWithLoan;
        private final Map<BenefitKind, Set<String>> householdsByKind = new EnumMap<>(BenefitKind.class);
        private final Map<BenefitKind, Integer> benefitsByKind = new EnumMap<>(BenefitKind.class);
        private final Map<BenefitKind, Long> amountByKind = new EnumMap<>(BenefitKind.class);

        Tally(String communeCode) {
            this.communeCode = communeCode;
        }

        void add(String householdId, TargetGroup group, List<Document> benefits) {
            households++;
            switch (group) {
                case POOR -> poor++;
                case NEAR_POOR -> nearPoor++;
                case NEWLY_ESCAPED -> newlyEscaped++;
                default -> { }
            }
            Set<BenefitKind> kinds = new HashSet<>();
            for (Document benefit : benefits) {
                BenefitKind kind = BenefitKind.valueOf(benefit.getString("kind"));
                kinds.add(kind);
                householdsByKind.computeIfAbsent(kind, k -> new HashSet<>()).add(householdId);
                benefitsByKind.merge(kind, 1, Integer::sum);
                Object amount = benefit.get("amount");
                amountByKind.merge(kind, amount instanceof Number n ? n.longValue() : 0L, Long::sum);
            }
            if (group == TargetGroup.POOR && kinds.contains(BenefitKind.HEALTH_INSURANCE_CARD)) {
                poorWithCard++;
            }
            if (LOAN_GROUPS.contains(group)) {
                loanEligible++;
                if (kinds.contains(BenefitKind.PREFERENTIAL_LOAN)) {
                    loanEligibleWithLoan++;
                }
            }
        }

        BenefitCoverageUnit toUnit() {
            List<BenefitKindCount> counts = new ArrayList<>();
            for (BenefitKind kind : BenefitKind.values()) {
                if (benefitsByKind.containsKey(kind)) {
                    counts.add(new BenefitKindCount(kind, householdsByKind.get(kind).size(), benefitsByKind.get(kind),
                            amountByKind.get(kind)));
                }
            }
            return new BenefitCoverageUnit(communeCode, households, poor, nearPoor, newlyEscaped,
                    new Coverage(poor, poorWithCard, ReadModelSupport.percent(poorWithCard, poor)),
                    new Coverage(loanEligible, loanEligibleWithLoan,
                            ReadModelSupport.percent(loanEligibleWithLoan, loanEligible)),
                    List.copyOf(counts));
        }
    }
}
