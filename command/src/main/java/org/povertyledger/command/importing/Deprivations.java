package org.povertyledger.command.importing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Deprivation indicators as a file may write them: the rulebook's code ({@code HEALTH_INSURANCE}, any case)
 * or the Vietnamese name of the indicator under Circular 07/2021/TT-BLĐTBXH.
 */
final class Deprivations {

    private static final Map<String, String> VIETNAMESE = new LinkedHashMap<>();

    static {
        VIETNAMESE.put("Việc làm", "EMPLOYMENT");
        VIETNAMESE.put("Người phụ thuộc trong hộ gia đình", "DEPENDANTS");
        VIETNAMESE.put("Người phụ thuộc", "DEPENDANTS");
        VIETNAMESE.put("Dinh dưỡng", "NUTRITION");
        VIETNAMESE.put("Bảo hiểm y tế", "HEALTH_INSURANCE");
        VIETNAMESE.put("Trình độ giáo dục của người lớn", "ADULT_EDUCATION");
        VIETNAMESE.put("Tình trạng đi học của trẻ em", "CHILD_SCHOOL_ATTENDANCE");
        VIETNAMESE.put("Chất lượng nhà ở", "HOUSING_QUALITY");
        VIETNAMESE.put("Diện tích nhà ở bình quân đầu người", "HOUSING_AREA");
        VIETNAMESE.put("Diện tích nhà ở", "HOUSING_AREA");
        VIETNAMESE.put("Nguồn nước sinh hoạt", "DOMESTIC_WATER");
        VIETNAMESE.put("Nhà tiêu hợp vệ sinh", "HYGIENIC_LATRINE");
        VIETNAMESE.put("Sử dụng dịch vụ viễn thông", "TELECOM_USE");
        VIETNAMESE.put("Phương tiện phục vụ tiếp cận thông tin", "INFORMATION_ACCESS");
    }

    private static final Map<String, String> BY_NORMALISED_NAME = new LinkedHashMap<>();

    static {
        VIETNAMESE.forEach((name, code) -> BY_NORMALISED_NAME.put(Column.normalise(name), code));
    }

    private Deprivations() {
    }

    /** The rulebook code an item names, or {@code null} when it names none of {@code indicators}. */
    static String code(String item, Set<String> indicators) {
        String normalised = Column.normalise(item);
        for (String code : indicators) {
            if (Column.normalise(code).equals(normalised)) {
                return code;
            }
        }
        String code = BY_NORMALISED_NAME.get(normalised);
        return code != null && indicators.contains(code) ? code : null;
    }

    /** The Vietnamese name of each indicator the names above cover, by code. */
    static Map<String, String> vietnameseNames() {
        Map<String, String> names = new LinkedHashMap<>();
        VIETNAMESE.forEach((name, code) -> names.putIfAbsent(code, name));
        return names;
    }
}
