package org.povertyledger.command.importing;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The columns of the annual review file, in template order. Each column is recognised by its English or
 * Vietnamese header, matched without regard to case, diacritics, spaces or punctuation, and by the combined
 * form the template writes ({@code "Mã hộ / household_id"}).
 */
public enum Column {
    HOUSEHOLD_ID("householdId", "household_id", "Mã hộ", true,
            "Household id in the register: letters, digits, '.', '-', '_' (1-64)", "HH-0001"),
    COMMUNE_CODE("communeCode", "commune_code", "Mã xã", true,
            "Five-digit code of the commune-level unit", "24612"),
    VILLAGE("village", "village", "Thôn, buôn", true, "Village (thôn, buôn)", "Buôn Jun"),
    AREA("area", "area", "Khu vực", true, "RURAL or URBAN (Nông thôn / Thành thị)", "RURAL"),
    HEAD_NAME("headName", "head_name", "Họ tên chủ hộ", true, "Name of the head of household", "Y Thi Mlô"),
    ETHNICITY("ethnicity", "ethnicity", "Dân tộc", true, "Ethnic group of the head of household", "M'nông"),
    ETHNIC_MINORITY("ethnicMinority", "ethnic_minority", "Dân tộc thiểu số", true,
            "Whether the household is an ethnic-minority household: yes/no (Có/Không)", "yes"),
    MEMBERS("members", "members", "Số nhân khẩu", true, "Number of members (1-50)", "5"),
    REVIEW_YEAR("reviewYear", "review_year", "Năm rà soát", false,
            "Review year; optional, must equal the import's year when given", "2024"),
    REVIEW_KIND("reviewKind", "review_kind", "Loại rà soát", true,
            "PERIODIC or ON_DEMAND (Định kỳ / Thường xuyên)", "PERIODIC"),
    SURVEY_DATE("surveyDate", "survey_date", "Ngày khảo sát", true,
            "Date of the survey: yyyy-mm-dd or dd/mm/yyyy, or a date cell", "2024-10-15"),
    INCOME("incomePerCapitaMonthly", "income_per_capita_monthly", "Thu nhập bình quân đầu người/tháng", true,
            "Average income per person per month, whole VND", "1200000"),
    LIVELIHOOD("livelihood", "livelihood", "Sinh kế", true,
            "FARMING_FORESTRY_FISHERY_SALT or OTHER (Nông lâm ngư diêm nghiệp / Khác)", "FARMING_FORESTRY_FISHERY_SALT"),
    DEPRIVATIONS("deprivations", "deprivations", "Chỉ số thiếu hụt", false,
            "Deprivation indicator codes of the review year's rulebook, separated by ';' or ','; empty for none",
            "HEALTH_INSURANCE; HOUSING_QUALITY; DOMESTIC_WATER"),
    DECISION_REF("decisionRef", "decision_ref", "Số quyết định", true,
            "The commune chairman's decision recognising the list", "QD-123/2024/UBND"),
    EFFECTIVE_DATE("effectiveDate", "effective_date", "Ngày hiệu lực", true,
            "Date the classification holds from: yyyy-mm-dd or dd/mm/yyyy, or a date cell", "2024-12-14"),
    MEETING_DATE("meetingDate", "meeting_date", "Ngày họp thôn", false,
            "Optional: date of the village meeting that approved the list (the row's village), in the review year",
            "2024-11-20"),
    MEETING_ATTENDEES("meetingAttendees", "meeting_attendees", "Số người dự họp", false,
            "With meeting_date: how many attended the village meeting (1-100000)", "40"),
    MEETING_IN_FAVOUR("meetingInFavour", "meeting_in_favour", "Số người đồng ý", false,
            "With meeting_date: how many agreed with the list (0 to the attendees)", "25"),
    MEETING_MINUTES_REF("meetingMinutesRef", "meeting_minutes_ref", "Số biên bản họp", false,
            "Optional with meeting_date: the meeting's minutes; 'not given in the import' when empty", "BB-12/2024"),
    POSTING_FROM("postingFrom", "posting_from", "Niêm yết từ ngày", false,
            "Optional: first day the commune posted the list publicly, in the review year", "2024-11-25"),
    POSTING_TO("postingTo", "posting_to", "Niêm yết đến ngày", false,
            "With posting_from: last day of the posting (both days count)", "2024-11-27"),
    POSTING_PLACE("postingPlace", "posting_place", "Nơi niêm yết", false,
            "Optional with posting_from: where the list was posted; the commune People's Committee when empty",
            "UBND xã");

    private static final Map<String, Column> BY_NORMALISED_HEADER;

    static {
        Map<String, Column> headers = new LinkedHashMap<>();
        for (Column column : values()) {
            headers.put(normalise(column.field), column);
            headers.put(normalise(column.english), column);
            headers.put(normalise(column.vietnamese), column);
        }
        // Common spellings of the Vietnamese headers on commune forms.
        headers.put(normalise("Mã hộ gia đình"), HOUSEHOLD_ID);
        headers.put(normalise("Thôn"), VILLAGE);
        headers.put(normalise("Chủ hộ"), HEAD_NAME);
        headers.put(normalise("Nhân khẩu"), MEMBERS);
        headers.put(normalise("Thu nhập"), INCOME);
        headers.put(normalise("Số QĐ"), DECISION_REF);
        BY_NORMALISED_HEADER = Collections.unmodifiableMap(headers);
    }

    private final String field;
    private final String english;
    private final String vietnamese;
    private final boolean required;
    private final String description;
    private final String example;

    Column(String field, String english, String vietnamese, boolean required, String description, String example) {
        this.field = field;
        this.english = english;
        this.vietnamese = vietnamese;
        this.required = required;
        this.description = description;
        this.example = example;
    }

    /** The field name the commands and problems use, e.g. {@code incomePerCapitaMonthly}. */
    public String field() {
        return field;
    }

    /** The English header, e.g. {@code income_per_capita_monthly}. */
    public String english() {
        return english;
    }

    /** The Vietnamese header, e.g. {@code Thu nhập bình quân đầu người/tháng}. */
    public String vietnamese() {
        return vietnamese;
    }

    /** The header the template writes: Vietnamese, then English. */
    public String templateHeader() {
        return vietnamese + " / " + english;
    }

    /** Whether a file without this column is refused. */
    public boolean required() {
        return required;
    }

    public String description() {
        return description;
    }

    public String example() {
        return example;
    }

    /** The column a header names, if any: the whole header, or one side of a {@code "vi / en"} pair. */
    public static Optional<Column> forHeader(String header) {
        if (header == null) {
            return Optional.empty();
        }
        Column whole = BY_NORMALISED_HEADER.get(normalise(header));
        if (whole != null) {
            return Optional.of(whole);
        }
        List<String> parts = new ArrayList<>(Arrays.asList(header.split("[/|]")));
        for (String part : parts) {
            Column column = BY_NORMALISED_HEADER.get(normalise(part));
            if (column != null) {
                return Optional.of(column);
            }
        }
        return Optional.empty();
    }

    /**
     * Lower case, no diacritics ({@code đ} becomes {@code d}), letters and digits only: {@code "Mã hộ"},
     * {@code "MA HO"} and {@code "ma_ho"} all become {@code "maho"}.
     */
    static String normalise(String text) {
        String decomposed = Normalizer.normalize(text.strip(), Normalizer.Form.NFD)
                .replace('đ', 'd').replace('Đ', 'D');
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue;
            }
            if (Character.isLetterOrDigit(c)) {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
