package org.convspark.driver;

import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.List;
import org.convspark.engine.testing.Architecture;
import org.junit.jupiter.api.Test;

/** The driver's packages form no cycle, and the driver uses nothing of the modules built on it. */
class DriverArchitectureTest {
    private static final JavaClasses DRIVER = Architecture.mainClasses("org.convspark.driver");

    @Test
    void driverPackagesFormNoCycle() {
        Architecture.assertNoPackageCycles(DRIVER);
    }

    /**
     * The sub-packages are layers: metrics, then data, then checkpoint, then collective, then round;
     * the trainer and the options in the root and {@code options} use them, never the other way round.
     */
    @Test
    void eachSubPackageDependsOnlyOnTheOnesBelowIt() {
        String root = "org.convspark.driver";
        String options = "org.convspark.driver.options..";
        String round = "org.convspark.driver.round..";
        String collective = "org.convspark.driver.collective..";
        String checkpoint = "org.convspark.driver.checkpoint..";
        String data = "org.convspark.driver.data..";
        Architecture.assertNoDependencyOn(Architecture.mainClasses(root + ".round"), List.of(root, options));
        Architecture.assertNoDependencyOn(Architecture.mainClasses(root + ".collective"),
                List.of(root, options, round));
        Architecture.assertNoDependencyOn(Architecture.mainClasses(root + ".checkpoint"),
                List.of(root, options, round, collective));
        Architecture.assertNoDependencyOn(Architecture.mainClasses(root + ".data"),
                List.of(root, options, round, collective, checkpoint));
        Architecture.assertNoDependencyOn(Architecture.mainClasses(root + ".metrics"),
                List.of(root, options, round, collective, checkpoint, data));
    }

    @Test
    void theDriverDependsOnlyOnTheEngineAndSpark() {
        Architecture.assertNoDependencyOn(DRIVER, List.of("org.convspark.jobs..", "org.convspark.ml..",
                "org.convspark.bench.."));
    }
}
