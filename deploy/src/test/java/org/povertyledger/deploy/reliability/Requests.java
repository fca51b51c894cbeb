package org.povertyledger.deploy.reliability;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The request bodies the guarantee tests send, as a commune officer would fill them in. */
final class Requests {

    static final List<String> THREE_DEPRIVATIONS = List.of("HEALTH_INSURANCE", "HOUSING_QUALITY", "DOMESTIC_WATER");

    private Requests() {
    }

    /** Body of {@code POST /api/households}. */
    static Map<String, Object> household(String householdId, String village) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("householdId", householdId);
        body.put("communeCode", "24541");
        body.put("village", village);
        body.put("area", "RURAL");
        body.put("headName", "Head of " + householdId);
        body.put("ethnicity", "M'nong");
        body.put("ethnicMinority", true);
        body.put("members", 4);
        return body;
    }

    /** Body of {@code POST /api/households/{id}/assessments}: a periodic review of {@code year}. */
    static Map<String, Object> assessment(int year, long income, List<String> deprivations) {
        Map<String, Object> body = findings(income, deprivations);
        body.put("reviewYear", year);
        body.put("reviewKind", "PERIODIC");
        body.put("surveyDate", year + "-10-15");
        body.put("decisionRef", "QD-" + year + "/UBND");
        body.put("effectiveDate", year + "-12-15");
        return body;
    }

    /** The findings part of an assessment or a correction. */
    static Map<String, Object> findings(long income, List<String> deprivations) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("incomePerCapitaMonthly", income);
        body.put("livelihood", "FARMING_FORESTRY_FISHERY_SALT");
        body.put("deprivations", deprivations);
        return body;
    }
}
