package org.convspark.engine.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;

/**
 * The two structural rules every module's architecture test applies to its own main classes: no
 * cycle between packages (each package is a slice), and no dependency against the module
 * direction (engine <- driver <- jobs, ml, bench; the engine knows nothing of Spark or Hadoop).
 * Checked by ArchUnit on the compiled classes, so a cycle through a field type, a method
 * signature or a lambda counts as much as one through an import.
 */
public final class Architecture {
    private Architecture() {
    }

    /** The main (not test) classes of {@code rootPackage} and its sub-packages. */
    public static JavaClasses mainClasses(String rootPackage) {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage);
        if (classes.isEmpty()) {
            // A rule over no classes passes: say so instead (a wrong package name, a build without classes).
            throw new IllegalStateException("only " + classes.size() + " main classes found in " + rootPackage);
        }
        return classes;
    }

    /** Fails, listing each cycle, when two packages among {@code classes} depend on each other. */
    public static void assertNoPackageCycles(JavaClasses classes) {
        slices().matching("org.convspark.(**)").should().beFreeOfCycles().check(classes);
    }

    /** Fails, naming each dependency, when {@code classes} use any of {@code forbiddenPackages}. */
    public static void assertNoDependencyOn(JavaClasses classes, List<String> forbiddenPackages) {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(forbiddenPackages.toArray(new String[0]))
                .check(classes);
    }
}
