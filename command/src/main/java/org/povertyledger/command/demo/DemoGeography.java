package org.povertyledger.command.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.povertyledger.shared.geography.command.AdministrativeMapId;
import org.povertyledger.shared.geography.command.ChangeUnitFlagsCommand;
import org.povertyledger.shared.geography.command.DissolveUnitCommand;
import org.povertyledger.shared.geography.command.MergeUnitsCommand;
import org.povertyledger.shared.geography.command.RegisterUnitCommand;
import org.povertyledger.shared.geography.command.ReparentUnitCommand;
import org.povertyledger.shared.geography.value.UnitCode;
import org.povertyledger.shared.geography.value.UnitFlag;
import org.povertyledger.shared.geography.value.UnitLevel;

/**
 * The demo district's administrative map: Dak Lak province, Lak district, its 11 communes and their villages as
 * they stood when the programme began, the flags of the 2021-2025 lists, and the reorganisation of 1 July 2025
 * (districts abolished; Lak's communes merged into four new communes under the province, Dak Phoi kept).
 */
final class DemoGeography {

    static final String PROVINCE = "66";
    static final String DISTRICT = "653";
    /** The map's first date: the units as they stood when the programme's period began. */
    static final LocalDate MAP_FROM = LocalDate.of(2020, 1, 1);
    /** Decision 861/QD-TTg (4 June 2021): communes of region III, i.e. especially difficult, 2021-2025. */
    static final LocalDate DIFFICULT_LIST_FROM = LocalDate.of(2021, 6, 4);
    /** Decision 353/QD-TTg (15 March 2022): poor districts 2021-2025. */
    static final LocalDate POOR_DISTRICT_FROM = LocalDate.of(2022, 3, 15);
    /** The reorganisation: districts abolished, communes merged. */
    static final LocalDate REFORM = LocalDate.of(2025, 7, 1);
    static final String CODES_BASIS = "124/2004/QD-TTg";
    static final String REFORM_BASIS = "1660/NQ-UBTVQH15";
    static final String DISTRICTS_ABOLISHED_BASIS = "72/2025/QH15";

    /** A commune formed on 1 July 2025 and the communes merged into it. */
    record NewCommune(String code, String name, List<String> sources, boolean especiallyDifficult) {
    }

    /** The 2025 mapping. New codes lie outside the district's old range, so none collides. */
    static final List<NewCommune> REFORMED = List.of(
            new NewCommune("24640", "Xã Liên Sơn Lắk", List.of("24610", "24611", "24612"), false),
            new NewCommune("24643", "Xã Đắk Liêng", List.of("24613", "24616", "24617"), false),
            new NewCommune("24646", "Xã Nam Ka", List.of("24628", "24631"), true),
            new NewCommune("24649", "Xã Krông Nô", List.of("24625", "24622"), true));
    /** The commune that keeps its name and code and passes directly under the province. */
    static final String KEPT = "24619";

    private DemoGeography() {
    }

    /** The commune a pre-2025 commune belongs to from 1 July 2025. */
    static String successor(String communeCode) {
        for (NewCommune reformed : REFORMED) {
            if (reformed.sources().contains(communeCode)) {
                return reformed.code();
            }
        }
        return communeCode;
    }

    /** The village's local code: the commune code and its number in the commune, e.g. {@code 24610-03}. */
    static String villageCode(Commune commune, int village) {
        int number = village + 1;
        return commune.code() + (number < 10 ? "-0" : "-") + number;
    }

    /** The map before the households: units valid from 2020, then the flags of the 2021 and 2022 lists. */
    static List<DemoCommand> initialMap(String phase) {
        List<DemoCommand> commands = new ArrayList<>();
        commands.add(register(phase, PROVINCE, "Tỉnh Đắk Lắk", UnitLevel.PROVINCE, null, LocalDate.of(2004, 1, 1),
                "22/2003/QH11"));
        commands.add(register(phase, DISTRICT, "Huyện Lắk", UnitLevel.DISTRICT, PROVINCE, LocalDate.of(2004, 1, 1),
                "22/2003/QH11"));
        for (Commune commune : DemoDistrict.COMMUNES) {
            commands.add(register(phase, commune.code(), commune.name(), UnitLevel.COMMUNE, DISTRICT, MAP_FROM,
                    CODES_BASIS));
        }
        for (Commune commune : DemoDistrict.COMMUNES) {
            for (int v = 0; v < commune.villages().size(); v++) {
                commands.add(register(phase, villageCode(commune, v), commune.villages().get(v), UnitLevel.VILLAGE,
                        commune.code(), MAP_FROM, "UBND-" + commune.code() + " village list"));
            }
        }
        for (Commune commune : DemoDistrict.COMMUNES) {
            if (commune.especiallyDifficult()) {
                commands.add(flags(phase, commune.code(), EnumSet.of(UnitFlag.ESPECIALLY_DIFFICULT_COMMUNE,
                        UnitFlag.ETHNIC_MINORITY_MOUNTAINOUS_AREA), DIFFICULT_LIST_FROM, "861/QD-TTg"));
            } else if (!commune.town()) {
                commands.add(flags(phase, commune.code(), EnumSet.of(UnitFlag.ETHNIC_MINORITY_MOUNTAINOUS_AREA),
                        DIFFICULT_LIST_FROM, "861/QD-TTg"));
            }
        }
        commands.add(flags(phase, DISTRICT, EnumSet.of(UnitFlag.POOR_DISTRICT), POOR_DISTRICT_FROM, "353/QD-TTg"));
        return commands;
    }

    /**
     * The reorganisation of 1 July 2025, in an order the map accepts: the new communes (under the province), the
     * merges (villages follow their commune), Dak Phoi under the province, then the district, left without
     * communes, dissolved.
     */
    static List<DemoCommand> reform(String phase) {
        List<DemoCommand> commands = new ArrayList<>();
        for (NewCommune reformed : REFORMED) {
            Set<UnitFlag> flags = reformed.especiallyDifficult()
                    ? EnumSet.of(UnitFlag.ESPECIALLY_DIFFICULT_COMMUNE, UnitFlag.ETHNIC_MINORITY_MOUNTAINOUS_AREA)
                    : EnumSet.of(UnitFlag.ETHNIC_MINORITY_MOUNTAINOUS_AREA);
            commands.add(command(phase, "register/" + reformed.code(), new RegisterUnitCommand(
                    new UnitCode(reformed.code()), reformed.name(), UnitLevel.COMMUNE, new UnitCode(PROVINCE), flags,
                    REFORM, REFORM_BASIS), REFORM_BASIS, REFORM));
        }
        for (NewCommune reformed : REFORMED) {
            commands.add(command(phase, "merge/" + reformed.code(), new MergeUnitsCommand(
                    reformed.sources().stream().map(UnitCode::new).toList(), new UnitCode(reformed.code()), REFORM,
                    REFORM_BASIS), REFORM_BASIS, REFORM));
        }
        commands.add(command(phase, "reparent/" + KEPT, new ReparentUnitCommand(new UnitCode(KEPT),
                new UnitCode(PROVINCE), REFORM, REFORM_BASIS), REFORM_BASIS, REFORM));
        commands.add(command(phase, "dissolve/" + DISTRICT, new DissolveUnitCommand(new UnitCode(DISTRICT), REFORM,
                DISTRICTS_ABOLISHED_BASIS), DISTRICTS_ABOLISHED_BASIS, REFORM));
        return commands;
    }

    private static DemoCommand register(String phase, String code, String name, UnitLevel level, String parent,
                                        LocalDate from, String basis) {
        return command(phase, "register/" + code, new RegisterUnitCommand(new UnitCode(code), name, level,
                parent == null ? null : new UnitCode(parent), Set.of(), from, basis), basis, from);
    }

    private static DemoCommand flags(String phase, String code, Set<UnitFlag> flags, LocalDate from, String basis) {
        return command(phase, "flags/" + code + "/" + from, new ChangeUnitFlagsCommand(new UnitCode(code), flags, from,
                basis), basis, from);
    }

    private static DemoCommand command(String phase, String what, Object command, String basis, LocalDate date) {
        return new DemoCommand(phase, AdministrativeMapId.VALUE, command, "demo/geography/" + what, basis, null, date);
    }
}
