package org.convspark.ml;

import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.List;
import org.convspark.engine.testing.Architecture;
import org.junit.jupiter.api.Test;

/** The Spark ML module forms no package cycle and uses neither the command line nor the benchmarks. */
class MlArchitectureTest {
    private static final JavaClasses ML = Architecture.mainClasses("org.convspark.ml");

    @Test
    void mlPackagesFormNoCycle() {
        Architecture.assertNoPackageCycles(ML);
    }

    @Test
    void theSparkMlModuleDependsOnlyOnTheDriverAndTheEngine() {
        Architecture.assertNoDependencyOn(ML, List.of("org.convspark.jobs..", "org.convspark.bench.."));
    }
}
