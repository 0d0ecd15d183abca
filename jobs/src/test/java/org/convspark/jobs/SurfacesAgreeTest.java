package org.convspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.convspark.driver.options.TrainingOption;
import org.convspark.driver.options.TrainingOptions;
import org.convspark.engine.data.EmbeddedMnist;
import org.convspark.engine.data.LabelledImages;
import org.convspark.jobs.testing.CliRun;
import org.convspark.jobs.testing.IdxWriter;
import org.convspark.jobs.testing.TestSpark;
import org.convspark.ml.ConvNetClassificationModel;
import org.convspark.ml.ConvNetClassifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line and the Spark ML estimator are two surfaces of one set of training options:
 * every option is a {@code train} option and an estimator param, and with the defaults both train
 * the same network on the same data to the same parameters.
 */
class SurfacesAgreeTest {
    private static final int SAMPLES = 600;

    @TempDir
    Path tmp;

    @Test
    void everyTrainingOptionIsOnTheCommandLineAndAnEstimatorParam() {
        CliRun help = CliRun.of("train", "--help").ok();
        ConvNetClassifier estimator = new ConvNetClassifier();
        String explained = estimator.explainParams();
        for (TrainingOption<?> option : TrainingOptions.ALL) {
            assertTrue(help.out().contains(option.cliName()), option.cliName() + " in train --help");
            assertTrue(estimator.hasParam(option.name()), option.name() + " as a param");
            assertTrue(explained.contains(option.name() + ": " + option.doc()), option.name() + " explained");
        }
        // A param without a typed setter is set by name, checked by the option's rule, and reaches the trainer.
        estimator.set("clipNorm", 2.0);
        assertEquals(2.0, estimator.trainingSettings().optimizerConfig(1).clipNorm());
    }

    @Test
    void withTheDefaultsBothSurfacesTrainTheSameParameters() throws IOException {
        LabelledImages digits = EmbeddedMnist.train().slice(0, SAMPLES);
        Path data = Files.createDirectories(tmp.resolve("mnist"));
        IdxWriter.write(data, "train", digits, false);
        Path model = tmp.resolve("model");
        CliRun.of("train", "--data", data.toString(), "--output", model.toString()).ok();
        float[] cli = ModelDirectory.read(model).params();

        List<Row> rows = new ArrayList<>();
        int size = digits.sampleShape().size();
        for (int i = 0; i < SAMPLES; i++) {
            double[] pixels = new double[size];
            for (int j = 0; j < size; j++) {
                pixels[j] = digits.pixels()[i * size + j];
            }
            rows.add(RowFactory.create(Vectors.dense(pixels), (double) digits.labels()[i]));
        }
        StructType schema = new StructType().add("features", SQLDataTypes.VectorType())
                .add("label", DataTypes.DoubleType);
        Dataset<Row> frame = TestSpark.session().createDataFrame(rows, schema);
        ConvNetClassificationModel fitted = new ConvNetClassifier().fit(frame);
        float[] ml = fitted.parameters();

        assertEquals(cli.length, ml.length);
        double worst = 0;
        for (int i = 0; i < cli.length; i++) {
            worst = Math.max(worst, Math.abs(cli[i] - ml[i]));
        }
        System.out.println("largest parameter difference, command line vs Spark ML: " + worst);
        assertTrue(worst <= 1e-5, "largest parameter difference " + worst);
    }
}
