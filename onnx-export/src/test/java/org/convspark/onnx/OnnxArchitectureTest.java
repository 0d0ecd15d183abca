package org.convspark.onnx;

import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.List;
import org.convspark.engine.testing.Architecture;
import org.junit.jupiter.api.Test;

/** The export needs the engine's model and nothing of Spark, Hadoop or the modules above it. */
class OnnxArchitectureTest {
    private static final JavaClasses ONNX = Architecture.mainClasses("org.convspark.onnx");

    @Test
    void exportPackagesFormNoCycle() {
        Architecture.assertNoPackageCycles(ONNX);
    }

    @Test
    void theExportDependsOnlyOnTheEngine() {
        Architecture.assertNoDependencyOn(ONNX, List.of("org.apache.spark..", "org.apache.hadoop..", "scala..",
                "org.convspark.driver..", "org.convspark.jobs..", "org.convspark.ml..", "org.convspark.bench.."));
    }
}
