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

    @Test
    void theDriverDependsOnlyOnTheEngineAndSpark() {
        Architecture.assertNoDependencyOn(DRIVER, List.of("org.convspark.jobs..", "org.convspark.ml..",
                "org.convspark.bench.."));
    }
}
