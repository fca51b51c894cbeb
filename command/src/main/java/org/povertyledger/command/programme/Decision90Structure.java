package org.povertyledger.command.programme;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.povertyledger.shared.programme.command.RegisterProgrammeCommand;
import org.povertyledger.shared.programme.command.RegisterProjectCommand;
import org.povertyledger.shared.programme.command.RegisterSubProjectCommand;
import org.povertyledger.shared.programme.value.ProgrammeCode;
import org.povertyledger.shared.programme.value.ProjectCode;
import org.povertyledger.shared.programme.value.SubProjectCode;

/**
 * The structure of the National Target Program on Sustainable Poverty Reduction 2021-2025 as approved by Decision
 * 90/QD-TTg of 18 January 2022: Projects 1-7 and their sub-projects, with the ministry managing each when the
 * decision took effect. Projects 1, 2 and 5 have no sub-projects; each is registered with a single funding line
 * coded as the project itself. Later changes of managing agency are recorded as reassignments, not here.
 */
public final class Decision90Structure {

    /** The decision's number, the legal basis of every command the loader sends. */
    public static final String LEGAL_BASIS = "90/QD-TTg";
    /** The date the decision was signed and took effect. */
    public static final LocalDate EFFECTIVE_DATE = LocalDate.of(2022, 1, 18);
    public static final ProgrammeCode PROGRAMME = new ProgrammeCode(ProgrammeCode.NTP_SPR_2021_2025);

    static final String MOLISA = "Ministry of Labour, Invalids and Social Affairs";
    static final String MARD = "Ministry of Agriculture and Rural Development";
    static final String MOH = "Ministry of Health";
    static final String MOC = "Ministry of Construction";
    static final String MIC = "Ministry of Information and Communications";

    private Decision90Structure() {
    }

    /** The commands that register the structure, in an order each can be applied in (programme, project, lines). */
    public static List<Object> commands() {
        List<Object> commands = new ArrayList<>();
        commands.add(new RegisterProgrammeCommand(PROGRAMME,
                "National Target Program on Sustainable Poverty Reduction 2021-2025", 2021, 2025, LEGAL_BASIS,
                EFFECTIVE_DATE));
        project(commands, "P1", "Investment in socio-economic infrastructure in poor districts and extremely "
                + "disadvantaged communes in coastal and island areas", MOLISA);
        project(commands, "P2", "Livelihood diversification and development of poverty reduction models", MOLISA);
        project(commands, "P3", "Production support and nutrition improvement", null,
                "Support for agricultural production development", MARD,
                "Nutrition improvement", MOH);
        project(commands, "P4", "Vocational education and sustainable employment", null,
                "Vocational education in poor and disadvantaged areas", MOLISA,
                "Support for workers to work abroad under contract", MOLISA,
                "Support for sustainable employment", MOLISA);
        project(commands, "P5", "Housing support for poor and near-poor households in poor districts", MOC);
        project(commands, "P6", "Communication and information poverty reduction", null,
                "Information poverty reduction", MIC,
                "Communication on multidimensional poverty reduction", MOLISA);
        project(commands, "P7", "Capacity building, monitoring and evaluation of the programme", null,
                "Capacity building for programme implementation", MOLISA,
                "Monitoring and evaluation", MOLISA);
        return List.copyOf(commands);
    }

    /**
     * Adds a project. With a {@code wholeProjectAgency} the project is one funding line; otherwise
     * {@code subProjects} holds name, agency pairs for sub-projects 1, 2, ...
     */
    private static void project(List<Object> commands, String code, String name, String wholeProjectAgency,
                                String... subProjects) {
        commands.add(new RegisterProjectCommand(PROGRAMME, new ProjectCode(code), name));
        if (wholeProjectAgency != null) {
            commands.add(new RegisterSubProjectCommand(PROGRAMME, new SubProjectCode(code), name,
                    wholeProjectAgency, EFFECTIVE_DATE));
            return;
        }
        for (int i = 0; i < subProjects.length; i += 2) {
            commands.add(new RegisterSubProjectCommand(PROGRAMME, new SubProjectCode(code + ".SP" + (i / 2 + 1)),
                    subProjects[i], subProjects[i + 1], EFFECTIVE_DATE));
        }
    }

    /**
     * A stable name of what a command registers, e.g. {@code sub-project:P4.SP2}; unique within the structure, so it
     * also serves as the command's idempotency-key suffix.
     */
    public static String nameOf(Object command) {
        if (command instanceof RegisterProgrammeCommand c) {
            return "programme:" + c.programmeCode().value();
        }
        if (command instanceof RegisterProjectCommand c) {
            return "project:" + c.projectCode().value();
        }
        if (command instanceof RegisterSubProjectCommand c) {
            return "sub-project:" + c.subProjectCode().value();
        }
        throw new IllegalArgumentException("not a structure command: " + command);
    }
}
