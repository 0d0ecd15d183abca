package org.convspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.convspark.engine.data.EmbeddedMnist;
import org.convspark.engine.data.LabelledImages;
import org.convspark.jobs.testing.CliRun;
import org.convspark.jobs.testing.ImageFolders;
import org.convspark.jobs.testing.TestSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * train -> evaluate -> predict on a generated PNG folder (three pattern classes, gray and RGB
 * images mixed, an RGB model) and on a Parquet table of ML vectors written through Spark. In
 * each, evaluate's count of correct predictions equals predict's, and both equal train's last
 * test accuracy when the test data is the same.
 */
class FolderAndParquetRoundTripTest {
    /** 3x16x16 input, a small conv net with three outputs. */
    private static final String RGB_NET = "{\"name\": \"bars\", \"input\": [3, 16, 16], \"layers\": ["
            + "{\"type\": \"conv\", \"out_channels\": 6, \"kernel\": 3, \"padding\": 1}, {\"type\": \"relu\"},"
            + "{\"type\": \"maxpool\", \"kernel\": 2}, {\"type\": \"flatten\"},"
            + "{\"type\": \"linear\", \"out_features\": 3}]}";

    @TempDir
    static Path tmp;

    @BeforeAll
    static void session() {
        TestSpark.session();
    }

    private static long correct(String evaluateOut, long total) {
        Matcher m = Pattern.compile("\naccuracy \\d+\\.\\d\\d% \\((\\d+) of " + total + "\\)").matcher(evaluateOut);
        assertTrue(m.find(), evaluateOut);
        return Long.parseLong(m.group(1));
    }

    private static double lastTestAccuracy(String trainOut) {
        Matcher m = Pattern.compile("\ntest accuracy: (\\d+\\.\\d\\d)% after").matcher(trainOut);
        assertTrue(m.find(), trainOut);
        return Double.parseDouble(m.group(1)) / 100;
    }

    @Test
    void imageFolderRoundTrip() throws IOException {
        Path train = tmp.resolve("shapes-train");
        Path test = tmp.resolve("shapes-test");
        ImageFolders.write(train, 40, 16, 11);
        ImageFolders.write(test, 10, 16, 12);
        Path spec = Files.writeString(tmp.resolve("bars.json"), RGB_NET);
        Path model = tmp.resolve("bars-model");
        CliRun trained = CliRun.of("train", "--data", train.toString(), "--test-data", test.toString(), "--model",
                spec.toString(), "--epochs", "6", "--batch-size", "20", "--lr", "0.01", "--output", model.toString())
                .ok();
        assertTrue(trained.out().contains("training data: " + train + " (120 images of 16x16, 3 class folders)"),
                trained.out());
        double trainAccuracy = lastTestAccuracy(trained.out());
        assertTrue(trainAccuracy > 0.8, "three separable patterns: " + trainAccuracy);
        assertEquals(List.of("dots", "horizontal", "vertical"), ModelDirectory.read(model).classNames());

        CliRun evaluated = CliRun.of("evaluate", "--model", model.toString(), "--data", test.toString()).ok();
        long correct = correct(evaluated.out(), 30);
        assertEquals(Math.round(trainAccuracy * 30), correct);
        assertTrue(evaluated.out().contains("\nhorizontal       10"), evaluated.out());

        // Prediction needs no class folders: score the test images from one flat folder.
        Path flat = Files.createDirectories(tmp.resolve("flat"));
        for (String c : ImageFolders.CLASSES) {
            try (var files = Files.list(test.resolve(c))) {
                for (Path f : files.toList()) {
                    Files.copy(f, flat.resolve(f.getFileName()));
                }
            }
        }
        Path out = tmp.resolve("shapes-predictions");
        CliRun.of("predict", "--model", model.toString(), "--data", flat.toString(), "--format", "images",
                "--output", out.toString()).ok();
        List<Row> rows = TestSpark.session().read().parquet(out.toString()).collectAsList();
        assertEquals(30, rows.size());
        long agree = 0;
        for (Row row : rows) {
            String path = row.getString(row.fieldIndex("path"));
            assertTrue(path.startsWith(flat + "/"), path);
            assertTrue(row.isNullAt(row.fieldIndex("label")));
            String name = path.substring(path.lastIndexOf('/') + 1);
            agree += name.startsWith(row.getString(row.fieldIndex("predicted_class")) + "-") ? 1 : 0;
        }
        assertEquals(correct, agree);
    }

    @Test
    void parquetRoundTrip() throws IOException {
        SparkSession spark = TestSpark.session();
        Path train = writeVectors(spark, "train.parquet", EmbeddedMnist.train().slice(0, 500));
        Path test = writeVectors(spark, "test.parquet", EmbeddedMnist.test().slice(0, 150));
        Path model = tmp.resolve("parquet-model");
        CliRun trained = CliRun.of("train", "--data", train.toString(), "--test-data", test.toString(),
                "--features-column", "image", "--label-column", "digit", "--epochs", "2", "--batch-size", "50",
                "--output", model.toString()).ok();
        double trainAccuracy = lastTestAccuracy(trained.out());

        CliRun evaluated = CliRun.of("evaluate", "--model", model.toString(), "--data", test.toString(),
                "--features-column", "image", "--label-column", "digit").ok();
        long correct = correct(evaluated.out(), 150);
        assertEquals(Math.round(trainAccuracy * 150), correct);

        Path out = tmp.resolve("parquet-predictions");
        CliRun.of("predict", "--model", model.toString(), "--data", test.toString(), "--features-column", "image",
                "--label-column", "digit", "--output", out.toString()).ok();
        List<Row> rows = spark.read().parquet(out.toString()).collectAsList();
        assertEquals(150, rows.size());
        long agree = 0;
        for (Row row : rows) {
            long id = Long.parseLong(row.getString(row.fieldIndex("id")));
            assertTrue(id >= 1000 && id < 1150, "the table's own id column: " + id);
            agree += row.getInt(row.fieldIndex("label")) == row.getInt(row.fieldIndex("prediction")) ? 1 : 0;
        }
        assertEquals(correct, agree);
    }

    /** A table (id: long from 1000, image: ml Vector, digit: int) written through Spark. */
    private static Path writeVectors(SparkSession spark, String name, LabelledImages images) {
        StructType schema = new StructType().add("id", DataTypes.LongType)
                .add("image", SQLDataTypes.VectorType()).add("digit", DataTypes.IntegerType);
        List<Row> rows = new ArrayList<>();
        int size = images.sampleSize();
        for (int i = 0; i < images.count(); i++) {
            double[] values = new double[size];
            for (int j = 0; j < size; j++) {
                values[j] = images.pixels()[i * size + j];
            }
            rows.add(RowFactory.create(1000L + i, Vectors.dense(values), images.labels()[i]));
        }
        Path path = tmp.resolve(name);
        spark.createDataFrame(rows, schema).repartition(2).write().parquet(path.toString());
        return path;
    }
}
