package org.convspark.engine;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.util.List;
import org.convspark.engine.testing.Architecture;
import org.junit.jupiter.api.Test;

/** The engine's packages form no cycle, and the engine uses nothing of Spark, Hadoop or the modules above it. */
class EngineArchitectureTest {
    private static final JavaClasses ENGINE = Architecture.mainClasses("org.convspark.engine");

    @Test
    void enginePackagesFormNoCycle() {
        Architecture.assertNoPackageCycles(ENGINE);
    }

    @Test
    void theEngineDependsOnNothingAboveIt() {
        Architecture.assertNoDependencyOn(ENGINE, List.of("org.apache.spark..", "org.apache.hadoop..", "scala..",
                "org.convspark.driver..", "org.convspark.jobs..", "org.convspark.ml..", "org.convspark.bench.."));
    }

    @Test
    void theCycleRuleFailsOnACycle() {
        JavaClasses cycle = new ClassFileImporter().importPackages("org.convspark.engine.testing.archfixture");
        AssertionError e = assertThrows(AssertionError.class, () -> Architecture.assertNoPackageCycles(cycle));
        assertTrue(e.getMessage().contains("Cycle detected"), e.getMessage());
    }
}
