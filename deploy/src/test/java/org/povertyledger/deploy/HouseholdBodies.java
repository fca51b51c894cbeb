package org.povertyledger.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Request bodies of the household API for tests that need many households that differ a little. */
final class HouseholdBodies {

    private HouseholdBodies() {
    }

    /** A registration in one of two communes of the demo map; village, ethnicity and size vary with {@code i}. */
    static Map<String, Object> registration(String householdId, int i) {
        Map<String, Object> household = new LinkedHashMap<>();
        household.put("householdId", householdId);
        household.put("communeCode", i % 2 == 0 ? "24541" : "24544");
        household.put("village", "Village " + (i % 3));
        household.put("area", "RURAL");
        household.put("headName", "Head " + i);
        household.put("ethnicity", i % 4 == 0 ? "Kinh" : "E De");
        household.put("ethnicMinority", i % 4 != 0);
        household.put("members", 3 + i % 4);
        return household;
    }

    /**
     * A review of {@code year}, effective on 14 December; income (0.9 to 2.1 million VND) and deprivations (three or
     * one) vary with {@code variant}, so that some households are poor and some are not.
     */
    static Map<String, Object> assessment(int year, String reviewKind, String surveyDate, int variant,
                                          String decisionRef) {
        Map<String, Object> assessment = new LinkedHashMap<>();
        assessment.put("reviewYear", year);
        assessment.put("reviewKind", reviewKind);
        assessment.put("surveyDate", surveyDate);
        assessment.put("incomePerCapitaMonthly", 900_000 + 300_000L * (variant % 5));
        assessment.put("livelihood", "FARMING_FORESTRY_FISHERY_SALT");
        assessment.put("deprivations", variant % 2 == 0 ? List.of("NUTRITION", "HOUSING_AREA", "TELECOM_USE")
                : List.of("NUTRITION"));
        assessment.put("decisionRef", decisionRef);
        assessment.put("effectiveDate", year + "-12-14");
        return assessment;
    }
}
