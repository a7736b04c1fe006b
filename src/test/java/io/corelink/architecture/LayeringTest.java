package io.corelink.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of the README, enforced: dependencies point inward (domain ← store ← service ← api ← wire… ← app), and
 * no two packages depend on each other.
 */
class LayeringTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.corelink");
    }

    @Test
    void theDomain_dependsOnNothingOfOursOutsideIt_norOnAFramework() {
        noClasses().that().resideInAPackage("io.corelink.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("io.corelink.store..", "io.corelink.service..",
                        "io.corelink.wire..", "io.corelink.api..", "io.corelink.app..", "io.corelink.pki..",
                        "io.corelink.policy..", "org.eclipse.jetty..", "tools.jackson..", "org.jdbi..", "java.sql..", "javax.sql..")
                .check(classes);
    }

    @Test
    void thePolicyLanguage_standsOnTheDomainAlone() {
        noClasses().that().resideInAPackage("io.corelink.policy..")
                .should().dependOnClassesThat().resideInAnyPackage("io.corelink.store..", "io.corelink.service..",
                        "io.corelink.wire..", "io.corelink.api..", "io.corelink.app..", "io.corelink.pki..",
                        "org.eclipse.jetty..", "org.jdbi..", "java.sql..")
                .check(classes);
    }

    @Test
    void theServices_knowNoHttpNoJsonNoApi() {
        noClasses().that().resideInAPackage("io.corelink.service..")
                .should().dependOnClassesThat().resideInAnyPackage("io.corelink.wire..", "io.corelink.api..",
                        "io.corelink.app..", "org.eclipse.jetty..", "tools.jackson..", "java.sql..")
                .check(classes);
    }

    @Test
    void theStore_knowsNoServiceAndNothingAbove() {
        noClasses().that().resideInAPackage("io.corelink.store..")
                .should().dependOnClassesThat().resideInAnyPackage("io.corelink.service..", "io.corelink.wire..",
                        "io.corelink.api..", "io.corelink.app..", "org.eclipse.jetty..")
                .check(classes);
    }

    @Test
    void theOperations_reachTheStoreOnlyThroughServices() {
        noClasses().that().resideInAPackage("io.corelink.api..")
                .should().dependOnClassesThat().resideInAnyPackage("io.corelink.store..", "io.corelink.app..",
                        "java.sql..", "org.jdbi..")
                .check(classes);
    }

    @Test
    void theWireLayer_knowsNoOperationNorTheApplication() {
        noClasses().that().resideInAPackage("io.corelink.wire..")
                .should().dependOnClassesThat().resideInAnyPackage("io.corelink.api..", "io.corelink.app..",
                        "io.corelink.service..")
                .check(classes);
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.corelink.(**)").should().beFreeOfCycles().check(classes);
    }
}
