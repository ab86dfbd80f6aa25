package wales.gov.grants.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

@AnalyzeClasses(packages = "wales.gov.grants", importOptions = ImportOption.DoNotIncludeTests.class)
class DependencyRulesTest {
    @ArchTest
    static final ArchRule kernelIsFreeOfFrameworks = noClasses()
            .that().resideInAPackage("wales.gov.grants.kernel..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.dropwizard..", "jakarta.ws.rs..", "org.glassfish.jersey..", "org.jdbi..",
                    "com.fasterxml.jackson..", "liquibase..", "java.sql..", "org.slf4j..")
            .because("the kernel's values and rules are shared by every feature and must not depend on frameworks "
                    + "or the database");

    @ArchTest
    static final ArchRule kernelDependsOnNothingOutsideItself = classes()
            .that().resideInAPackage("wales.gov.grants.kernel..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("wales.gov.grants.kernel..", "java..")
            .because("every feature depends on the kernel, so it can depend on no feature");

    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = slices()
            .matching("wales.gov.grants.(*)..")
            .should().beFreeOfCycles()
            .because("each feature builds on the ones below it (kernel, audit, schemes, organisations, "
                    + "recoveries, awards, claims, ...), never the other way round");

    @ArchTest
    static final ArchRule auditIsBelowEveryFeature = classes()
            .that().resideInAPackage("wales.gov.grants.audit..")
            .should().onlyDependOnClassesThat().resideOutsideOfPackages("wales.gov.grants.awards..",
                    "wales.gov.grants.claims..", "wales.gov.grants.recoveries..", "wales.gov.grants.evidence..",
                    "wales.gov.grants.outcomes..", "wales.gov.grants.schemes..", "wales.gov.grants.organisations..",
                    "wales.gov.grants.users..", "wales.gov.grants.wiring..", "wales.gov.grants.demo..")
            .because("every feature records audit events, so the audit trail can depend on none of them");

    @ArchTest
    static final ArchRule coreKnowsNothingOfTheWeb = noClasses()
            .that().resideInAPackage("wales.gov.grants..")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "org.glassfish.jersey..",
                    "jakarta.servlet..", "org.eclipse.jetty..")
            .because("HTTP belongs to grants-api: core takes streams and typed values, never requests");
}
