package org.povertyledger.command.demo;

import java.util.SplittableRandom;

/** Plausible names of heads of household by ethnic group, for the demo district. */
final class Names {

    private static final String[] MNONG_FAMILY = {"Liêng Hót", "Bon Yông", "Rơ Ông", "Ji Rơng", "Buôn Krông", "Liêng Jrang", "Đinh"};
    private static final String[] EDE_FAMILY = {"Niê", "Mlô", "Êban", "Ayun", "Byă", "Knul", "Kbuôr", "Adrơng"};
    private static final String[] MALE = {"Bhiong", "Khoan", "Sơn", "Dhiêm", "Jim", "Lang", "Ngok", "Thut", "Kông", "Bliêng", "Thơ", "Dhăm"};
    private static final String[] FEMALE = {"Mai", "Ngân", "Nhi", "Linh", "Jin", "Lan", "Hương", "Loan", "Duyên", "Ngọc"};
    private static final String[] KINH_FAMILY = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"};
    private static final String[] KINH_GIVEN_MALE = {"Hùng", "Minh", "Tuấn", "Sơn", "Dũng", "Nam", "Quang", "Thành"};
    private static final String[] KINH_GIVEN_FEMALE = {"Lan", "Hoa", "Hương", "Mai", "Thu", "Hằng", "Nga", "Yến"};
    private static final String[] NORTHERN_FAMILY = {"Hoàng", "Nông", "Ma", "Lò", "Lục", "Triệu", "Lý", "Vi"};

    private Names() {
    }

    static String head(String ethnicity, SplittableRandom random) {
        boolean male = random.nextDouble() < 0.7;
        return switch (ethnicity) {
            case "M'nông" -> (male ? "Y " + of(MALE, random) : "H' " + of(FEMALE, random)) + " " + of(MNONG_FAMILY, random);
            case "Ê Đê" -> (male ? "Y " + of(MALE, random) : "H' " + of(FEMALE, random)) + " " + of(EDE_FAMILY, random);
            case "Kinh" -> of(KINH_FAMILY, random) + (male ? " Văn " + of(KINH_GIVEN_MALE, random)
                    : " Thị " + of(KINH_GIVEN_FEMALE, random));
            default -> of(NORTHERN_FAMILY, random) + (male ? " Văn " + of(KINH_GIVEN_MALE, random)
                    : " Thị " + of(KINH_GIVEN_FEMALE, random));
        };
    }

    private static String of(String[] names, SplittableRandom random) {
        return names[random.nextInt(names.length)];
    }
}
