package wales.gov.grants.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "wales.gov.grants", importOptions = ImportOption.DoNotIncludeTests.class)
class DependencyRulesTest {
    @ArchTest
    static final ArchRule domainIsFreeOfFrameworks = noClasses()
            .that().resideInAPackage("wales.gov.grants.domain..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.dropwizard..", "jakarta.ws.rs..", "org.glassfish.jersey..", "org.jdbi..",
                    "com.fasterxml.jackson..", "liquibase..", "java.sql..", "org.slf4j..")
            .because("the domain holds the rules and must not depend on frameworks or the database");

    @ArchTest
    static final ArchRule domainDependsOnNothingOutsideItself = noClasses()
            .that().resideInAPackage("wales.gov.grants.domain..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "wales.gov.grants.service..", "wales.gov.grants.db..", "wales.gov.grants.audit..");

    @ArchTest
    static final ArchRule coreKnowsNothingOfTheWeb = noClasses()
            .that().resideInAPackage("wales.gov.grants..")
            .should().dependOnClassesThat().resideInAnyPackage("io.dropwizard..", "jakarta.ws.rs..",
                    "org.glassfish.jersey..", "jakarta.servlet..");
}
