package org.convspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.convspark.jobs.testing.CliRun;
import org.convspark.jobs.testing.TestSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * train -> evaluate -> predict on the real Fashion-MNIST IDX files of Debian's
 * {@code dataset-fashion-mnist} package (60,000 training and 10,000 test images, gzip), when it
 * is installed; skipped, saying so, when it is not. A short run (60 steps of 256) is enough to
 * show the files are read right: far above the 10% of chance.
 */
class FashionMnistRoundTripTest {
    static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");

    @TempDir
    Path tmp;

    @Test
    void trainEvaluatePredictOnFashionMnist() {
        assumeTrue(Files.isRegularFile(FASHION.resolve("train-images-idx3-ubyte.gz")),
                "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist puts it in " + FASHION + ")");
        TestSpark.session();
        Path model = tmp.resolve("fashion-model");
        CliRun trained = CliRun.of("train", "--data", FASHION.toString(), "--epochs", "1", "--max-steps", "60",
                "--batch-size", "256", "--output", model.toString()).ok();
        assertTrue(trained.out().contains("60000 samples of 1x28x28"), trained.out());
        Matcher m = Pattern.compile("\ntest accuracy: (\\d+\\.\\d\\d)% after 1 epoch \\(60 steps\\)")
                .matcher(trained.out());
        assertTrue(m.find(), trained.out());
        double accuracy = Double.parseDouble(m.group(1)) / 100;
        assertTrue(accuracy > 0.6, "Fashion-MNIST after 60 steps: " + accuracy);

        CliRun evaluated = CliRun.of("evaluate", "--model", model.toString(), "--data",
                FASHION.resolve("t10k-images-idx3-ubyte.gz").toString()).ok();
        Matcher e = Pattern.compile("\naccuracy \\d+\\.\\d\\d% \\((\\d+) of 10000\\)").matcher(evaluated.out());
        assertTrue(e.find(), evaluated.out());
        assertEquals(Math.round(accuracy * 10000), Long.parseLong(e.group(1)));

        Path out = tmp.resolve("fashion-predictions");
        CliRun.of("predict", "--model", model.toString(), "--data", FASHION.toString(), "--output", out.toString())
                .ok();
        List<Row> wrong = TestSpark.session().read().parquet(out.toString()).filter("label != prediction")
                .collectAsList();
        assertEquals(10000 - Long.parseLong(e.group(1)), wrong.size());
    }
}
