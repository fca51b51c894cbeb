package org.povertyledger.shared;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

/**
 * The shared contract is read by every module and by clients: it must not drag in Spring, MongoDB, a
 * JSON library or any part of Axon beyond the modelling annotations.
 */
@AnalyzeClasses(packages = "org.povertyledger.shared", importOptions = ImportOption.DoNotIncludeTests.class)
class SharedArchitectureTest {

    @ArchTest
    static final ArchRule NO_FRAMEWORKS = noClasses()
            .that().resideInAPackage("org.povertyledger.shared..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "com.mongodb..", "org.bson..", "com.fasterxml..");

    @ArchTest
    static final ArchRule ONLY_AXON_MODELLING = noClasses()
            .that().resideInAPackage("org.povertyledger.shared..")
            .should().dependOnClassesThat(resideInAPackage("org.axonframework..")
                    .and(not(resideInAPackage("org.axonframework.modelling.."))));

    @Test
    void theAxonRuleCatchesADependencyOnAxonMessaging() {
        JavaClasses offender = new ClassFileImporter().importClasses(CarriesAxonMetaData.class);

        assertThat(ONLY_AXON_MODELLING.evaluate(offender).hasViolation()).isTrue();
    }

    /** Breaks the Axon rule on purpose; lives in test sources, which the rules above do not import. */
    static final class CarriesAxonMetaData {
        MetaData metaData = MetaData.emptyInstance();
    }
}
