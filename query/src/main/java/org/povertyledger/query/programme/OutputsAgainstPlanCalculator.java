package org.povertyledger.query.programme;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.bson.Document;
import org.povertyledger.shared.programme.query.OutputPlanRow;
import org.povertyledger.shared.programme.value.OutputCode;

/**
 * Outputs against plan of one sub-project on a valid date.
 *
 * <ul>
 * <li>A plan counts from its effective date; of several plans for the same output, year and commune (or the whole
 * sub-project) the latest effective one counts (on equal dates the one recorded later).</li>
 * <li>An output counts once its period has ended by the date.</li>
 * <li>A commune row compares the commune's plan with the commune's outputs; a row without a commune (only when a
 * plan for the whole sub-project exists) compares that plan with the outputs of every commune.</li>
 * </ul>
 */
final class OutputsAgainstPlanCalculator {

    private OutputsAgainstPlanCalculator() {
    }

    private record Key(OutputCode outputCode, int year, String communeCode) {
    }

    static List<OutputPlanRow> rows(Document subProject, LocalDate asOf, Integer yearFilter, String communeFilter) {
        String projectCode = subProject.getString("projectCode");
        String subProjectCode = subProject.getString("subProjectCode");
        Map<Key, Document> plans = new LinkedHashMap<>();
        subProject.getList("plans", Document.class, List.of()).stream()
                .filter(p -> asOf == null || !LocalDate.parse(p.getString("effectiveDate")).isAfter(asOf))
                .sorted(Comparator.comparing((Document p) -> p.getString("effectiveDate"))
                        .thenComparingLong(p -> ReadModelSupport.longOf(p, "position")))
                .forEach(p -> plans.put(new Key(OutputCode.valueOf(p.getString("outputCode")), p.getInteger("year"),
                        p.getString("communeCode")), p));
        List<Document> outputs = subProject.getList("outputs", Document.class, List.of()).stream()
                .filter(o -> asOf == null || !LocalDate.parse(o.getString("periodTo")).isAfter(asOf))
                .toList();

        Set<Key> keys = new TreeSet<>(Comparator.comparing(Key::outputCode)
                .thenComparingInt(Key::year)
                .thenComparing(Key::communeCode, Comparator.nullsFirst(Comparator.naturalOrder())));
        keys.addAll(plans.keySet());
        for (Document output : outputs) {
            keys.add(new Key(OutputCode.valueOf(output.getString("outputCode")),
                    LocalDate.parse(output.getString("periodTo")).getYear(), output.getString("communeCode")));
        }

        List<OutputPlanRow> rows = new ArrayList<>();
        for (Key key : keys) {
            if (yearFilter != null && key.year() != yearFilter) {
                continue;
            }
            if (communeFilter != null && !communeFilter.equals(key.communeCode())) {
                continue;
            }
            BigDecimal achieved = BigDecimal.ZERO;
            int records = 0;
            Set<String> beneficiaries = new HashSet<>();
            for (Document output : outputs) {
                boolean matches = OutputCode.valueOf(output.getString("outputCode")) == key.outputCode()
                        && LocalDate.parse(output.getString("periodTo")).getYear() == key.year()
                        && (key.communeCode() == null || Objects.equals(key.communeCode(),
                        output.getString("communeCode")));
                if (matches) {
                    achieved = achieved.add(new BigDecimal(output.getString("quantity")));
                    records++;
                    beneficiaries.addAll(output.getList("beneficiaries", String.class, List.of()));
                }
            }
            Document plan = plans.get(key);
            BigDecimal planned = plan == null ? null : new BigDecimal(plan.getString("quantity"));
            rows.add(new OutputPlanRow(projectCode, subProjectCode, key.outputCode(), key.outputCode().unit(),
                    key.year(), key.communeCode(), planned, achieved,
                    planned == null ? null : ReadModelSupport.percent(achieved, planned), records,
                    beneficiaries.size()));
        }
        return rows;
    }
}
