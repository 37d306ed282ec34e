package dev.lamina.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layout has no package cycles: every package of every module (the examples module sees them
 * all on its class path) depends only on packages below it, so a reader can take the packages in
 * one order, as Keras' modules read. Each package is its own slice, sub-packages included.
 */
class PackageCyclesTest {

    private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.lamina");

    @Test
    void everyModuleIsOnTheClassPath() {
        assertThat(MAIN_CLASSES.containPackage("dev.lamina.backend")).isTrue();
        assertThat(MAIN_CLASSES.containPackage("dev.lamina.core")).isTrue();
        assertThat(MAIN_CLASSES.containPackage("dev.lamina.optim")).isTrue();
        assertThat(MAIN_CLASSES.containPackage("dev.lamina.models")).isTrue();
        assertThat(MAIN_CLASSES.containPackage("dev.lamina.data")).isTrue();
        assertThat(MAIN_CLASSES.containPackage("dev.lamina.examples")).isTrue();
    }

    @Test
    void noPackageDependsOnItselfThroughAnother() {
        slices().matching("dev.lamina.(**)").should().beFreeOfCycles().check(MAIN_CLASSES);
    }
}
