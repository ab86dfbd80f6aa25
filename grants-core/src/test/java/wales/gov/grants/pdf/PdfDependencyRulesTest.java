package wales.gov.grants.pdf;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "wales.gov.grants.pdf", importOptions = ImportOption.DoNotIncludeTests.class)
class PdfDependencyRulesTest {
    @ArchTest
    static final ArchRule theLayoutEngineKnowsNothingOfGrants = noClasses()
            .that().resideInAPackage("wales.gov.grants.pdf..")
            .should().dependOnClassesThat(
                    resideInAPackage("wales.gov.grants..").and(not(resideInAPackage("wales.gov.grants.pdf.."))))
            .because("the pack renderer is built on the engine, never the other way round");
}
