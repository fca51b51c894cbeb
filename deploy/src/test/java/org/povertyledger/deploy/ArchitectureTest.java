package org.povertyledger.deploy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The module boundaries, as rules that fail the build when crossed. */
@AnalyzeClasses(packages = "org.povertyledger", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule queryNeverUsesCommandClasses = noClasses()
            .that().resideInAPackage("org.povertyledger.query..")
            .should().dependOnClassesThat().resideInAPackage("org.povertyledger.command..");

    @ArchTest
    static final ArchRule commandNeverUsesQueryClasses = noClasses()
            .that().resideInAPackage("org.povertyledger.command..")
            .should().dependOnClassesThat().resideInAPackage("org.povertyledger.query..");

    @ArchTest
    static final ArchRule sharedDependsOnNoOtherModule = noClasses()
            .that().resideInAPackage("org.povertyledger.shared..")
            .should().dependOnClassesThat().resideInAnyPackage("org.povertyledger.command..",
                    "org.povertyledger.query..", "org.povertyledger.deploy..");

    /** The offline verifier jar packs this package with jackson-core alone: nothing else may be needed. */
    @ArchTest
    static final ArchRule auditClassesNeedOnlyTheJdkAndJacksonCore = classes()
            .that().resideInAPackage("org.povertyledger.command.ledger.audit..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..",
                    "com.fasterxml.jackson.core..", "org.povertyledger.command.ledger.audit..");
}
