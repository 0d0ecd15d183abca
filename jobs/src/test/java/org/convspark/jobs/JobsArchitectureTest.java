package org.convspark.jobs;

import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.List;
import org.convspark.engine.testing.Architecture;
import org.junit.jupiter.api.Test;

/** The command line's packages form no cycle, and it uses neither the Spark ML module nor the benchmarks. */
class JobsArchitectureTest {
    private static final JavaClasses JOBS = Architecture.mainClasses("org.convspark.jobs");

    @Test
    void jobsPackagesFormNoCycle() {
        Architecture.assertNoPackageCycles(JOBS);
    }

    @Test
    void theCommandLineDependsOnlyOnTheDriverAndTheEngine() {
        Architecture.assertNoDependencyOn(JOBS, List.of("org.convspark.ml..", "org.convspark.bench.."));
    }
}
