package dev.diundashboard;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The packages under {@code dev.diundashboard} depend on each other one way only, so that each can
 * be read, tested and changed without the ones that use it. A package and its subpackages count as
 * one ({@code storage.sqlite} belongs to {@code storage}); only the application's own classes are
 * checked, not the tests.
 */
@AnalyzeClasses(packages = "dev.diundashboard", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageCyclesTest {

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles =
            slices().matching("dev.diundashboard.(*)..").should().beFreeOfCycles();
}
