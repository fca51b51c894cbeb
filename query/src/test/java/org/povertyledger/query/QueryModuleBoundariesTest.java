package org.povertyledger.query;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The read side depends on the published contract only, never on the command side. */
class QueryModuleBoundariesTest {

    private static final JavaClasses QUERY_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.povertyledger.query");

    @Test
    void noQueryClassUsesTheCommandSide() {
        noClasses().that().resideInAPackage("org.povertyledger.query..")
                .should().dependOnClassesThat().resideInAPackage("org.povertyledger.command..")
                .check(QUERY_CLASSES);
    }

    @Test
    void projectionsAndQueriesDoNotDependOnTheWebAdapter() {
        noClasses().that().resideInAPackage("org.povertyledger.query.household")
                .should().dependOnClassesThat().resideInAPackage("org.povertyledger.query.household.web..")
                .check(QUERY_CLASSES);
    }

    @Test
    void indicatorGeographyAndReportModelsDoNotDependOnWebAdapters() {
        noClasses().that().resideInAnyPackage("org.povertyledger.query.indicator", "org.povertyledger.query.geography",
                        "org.povertyledger.query.report", "org.povertyledger.query.support")
                .should().dependOnClassesThat().resideInAnyPackage("org.povertyledger.query..web..")
                .check(QUERY_CLASSES);
    }

    @Test
    void geographyDoesNotDependOnIndicators() {
        noClasses().that().resideInAPackage("org.povertyledger.query.geography..")
                .should().dependOnClassesThat().resideInAPackage("org.povertyledger.query.indicator..")
                .check(QUERY_CLASSES);
    }
}
