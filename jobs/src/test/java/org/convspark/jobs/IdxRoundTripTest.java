package org.convspark.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.convspark.driver.testing.FullFileSystem;
import ai.onnxruntime.OrtException;
import org.convspark.engine.data.EmbeddedMnist;
import org.convspark.engine.data.LabelledImages;
import org.convspark.onnx.RuntimeCheck;
import org.convspark.engine.json.Json;
import org.convspark.engine.json.JsonArray;
import org.convspark.engine.json.JsonObject;
import org.convspark.engine.json.JsonValue;
import org.convspark.engine.spec.ModelZoo;
import org.convspark.engine.model.SavedModel;
import org.convspark.engine.testing.FileModes;
import org.convspark.jobs.testing.CliRun;
import org.convspark.jobs.testing.IdxWriter;
import org.convspark.jobs.testing.TestSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.convspark.jobs.html.TrainingReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * train -> evaluate -> predict on IDX files written from the embedded subset (600 training and
 * 200 test digits): the model directory, metrics.json exactly as specified, and the three
 * commands agreeing with each other on the same parameters and test set.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IdxRoundTripTest {
    @TempDir
    static Path tmp;
    static Path data;
    static Path model;
    static Path reports;
    static CliRun trained;

    @BeforeAll
    static void trainOnce() throws IOException {
        TestSpark.session();
        data = Files.createDirectories(tmp.resolve("mnist"));
        IdxWriter.write(data, "train", EmbeddedMnist.train().slice(0, 600), true);
        IdxWriter.write(data, "t10k", EmbeddedMnist.test().slice(0, 200), false);
        model = tmp.resolve("model");
        reports = tmp.resolve("reports/run1");
        trained = CliRun.of("train", "--data", data.toString(), "--epochs", "2", "--batch-size", "50",
                "--output", model.toString(), "--report-dir", reports.toString());
    }

    @Test
    @Order(1)
    void trainPrintsReportsEpochLinesAndAccuracy() {
        trained.ok();
        String out = trained.out();
        assertTrue(out.contains("training data " + data + "/train-images-idx3-ubyte.gz + train-labels-idx1-ubyte.gz, "
                + "test data " + data + "/t10k-images-idx3-ubyte + t10k-labels-idx1-ubyte"), out);
        assertTrue(out.contains("Parameters of lenet5 (input 1x28x28"), out);
        assertTrue(out.contains("Receptive fields of lenet5 (input 1x28x28"), out);
        assertTrue(out.contains("\nepoch 1: 12 steps, train loss "), out);
        assertTrue(out.contains("\nepoch 2: 12 steps, train loss "), out);
        assertTrue(Pattern.compile("\ntest accuracy: \\d+\\.\\d\\d% after 2 epochs \\(24 steps\\)\n").matcher(out).find(),
                out);
    }

    @Test
    @Order(2)
    void modelDirectoryHoldsSpecParamsAndClasses() throws IOException {
        trained.ok();
        try (Stream<Path> files = Files.list(model)) {
            assertEquals(Set.of("spec.json", "params.bin", "model.json"),
                    files.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet()));
        }
        SavedModel saved = ModelDirectory.read(model);
        assertEquals(ModelZoo.get("lenet5"), saved.spec());
        assertEquals(61_706, saved.params().length);
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), saved.classNames());
        assertEquals(24, saved.training().get("steps").asLong());
        try (Stream<Path> left = Files.list(tmp)) {
            assertFalse(left.anyMatch(p -> p.getFileName().toString().startsWith(".")), "no temporary directories");
        }
    }

    @Test
    @Order(2)
    void reportAndModelFilesGetTheUmaskModeNotAPrivateOne() throws IOException {
        trained.ok();
        for (Path file : List.of(reports.resolve("metrics.json"), reports.resolve("report.json"),
                reports.resolve("report.html"), model.resolve("spec.json"), model.resolve("params.bin"),
                model.resolve("model.json"))) {
            FileModes.assertUmaskDefault(file);
        }
    }

    @Test
    @Order(3)
    void metricsJsonHasTheSpecifiedShape() throws IOException {
        trained.ok();
        JsonObject metrics = Json.parse(Files.readString(reports.resolve("metrics.json")), "metrics.json").asObject();
        assertEquals(Set.of("config", "all_reduce", "engine_kernels", "warm_up_seconds", "epochs"), metrics.keys());
        // The first barrier round's start and warm-up, in no epoch's seconds.
        double warmUp = metrics.get("warm_up_seconds").asDouble();
        assertTrue(warmUp > 0 && warmUp < 60, "warm_up_seconds " + warmUp);
        JsonArray kernels = metrics.get("engine_kernels").asArray();
        assertEquals(1, kernels.size(), "local mode: one JVM, one kernel report");
        JsonObject kernel = kernels.get(0).asObject();
        assertTrue(kernel.get("line").asString().startsWith("engine GEMM: netlib "), kernel.toString());
        assertTrue(kernel.get("cpu_bits").asInt() >= 128, kernel.toString());
        JsonObject config = metrics.get("config").asObject();
        assertEquals(2, config.get("epochs").asInt());
        assertEquals(50, config.get("batch_size").asInt());
        assertEquals("adam", config.get("optimizer").asString());
        assertEquals(0.004, config.get("lr").asDouble());
        assertEquals("cosine:0.0", config.get("schedule").asString());
        assertEquals("auto", config.get("all_reduce").asString());
        JsonObject allReduce = metrics.get("all_reduce").asObject();
        assertEquals("barrier", allReduce.get("mode").asString(), "the default picks the collective in local mode");
        assertTrue(allReduce.get("reason").asString().startsWith("auto: all 2 partitions get a task slot at once"),
                allReduce.toString());
        assertEquals(600, config.get("train_samples").asInt());
        assertEquals(200, config.get("test_samples").asInt());
        assertEquals("lenet5", config.get("model").asString());
        JsonArray epochs = metrics.get("epochs").asArray();
        assertEquals(2, epochs.size());
        for (int i = 0; i < 2; i++) {
            JsonObject e = epochs.get(i).asObject();
            assertEquals(new TreeSet<>(List.of("epoch", "train_loss", "train_accuracy", "test_loss", "test_accuracy",
                    "images_per_second", "seconds", "driver_bytes_per_step", "task_bytes_per_step")),
                    new TreeSet<>(e.keys()));
            assertEquals(i + 1, e.get("epoch").asInt());
            for (String fraction : List.of("train_accuracy", "test_accuracy")) {
                double v = e.get(fraction).asDouble();
                assertTrue(v >= 0 && v <= 1, fraction + " " + v);
            }
            assertTrue(e.get("train_loss").asDouble() > 0);
            assertTrue(e.get("images_per_second").asDouble() > 0);
            assertTrue(e.get("seconds").asDouble() > 0);
            // LeNet-5's 61,706 floats over 2 tasks: each sends and receives half of them twice a step.
            double task = e.get("task_bytes_per_step").asDouble();
            assertTrue(task > 4 * 61_706 && task < 1.2 * 4 * 2 * 61_706, "task bytes per step " + task);
            assertTrue(e.get("driver_bytes_per_step").asDouble() < 0.01 * 4 * 61_706 * 2,
                    "the driver carries no gradient: " + e.get("driver_bytes_per_step"));
        }
        JsonObject report = Json.parse(Files.readString(reports.resolve("report.json")), "report.json").asObject();
        assertEquals(61_706, report.get("total_params").asLong());
    }

    @Test
    @Order(3)
    void reportHtmlShowsTheRunAndTheConfusionMatrixOfTheTestSplit() throws IOException {
        trained.ok();
        assertTrue(trained.out().contains("the report page to " + reports.resolve("report.html")), trained.out());
        String html = Files.readString(reports.resolve("report.html"));
        for (String section : TrainingReport.SECTIONS) {
            assertTrue(html.contains("id=\"" + section + "\""), section);
        }
        for (String chart : TrainingReport.CHARTS) {
            assertTrue(html.contains("data-chart=\"" + chart + "\""), chart);
        }
        // The confusion matrix is the trained model on all 200 test digits, and agrees with the last epoch.
        String correct = String.format(java.util.Locale.ROOT, "%.2f%% correct", 100.0 * trainTestCorrect() / 200);
        assertTrue(html.contains("The trained model on the 200 test samples: " + correct), html);
        assertTrue(html.contains(">spark.serializer</td><td>org.apache.spark.serializer.KryoSerializer<"));
        assertTrue(html.contains(">train_samples</td><td>600<"));
        assertTrue(html.contains("<h1>lenet5</h1>"));
    }

    /** The accuracy train reported for its last epoch, as a count of the 200 test digits. */
    private static long trainTestCorrect() throws IOException {
        JsonObject metrics = Json.parse(Files.readString(reports.resolve("metrics.json")), "metrics.json").asObject();
        JsonArray epochs = metrics.get("epochs").asArray();
        double accuracy = epochs.get(epochs.size() - 1).asObject().get("test_accuracy").asDouble();
        return Math.round(accuracy * 200);
    }

    @Test
    @Order(4)
    void evaluateAgreesWithTrainOnTheTestSplit() throws IOException {
        trained.ok();
        Path json = tmp.resolve("evaluation.json");
        CliRun r = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--json",
                json.toString()).ok();
        Matcher m = Pattern.compile("\naccuracy (\\d+\\.\\d\\d)% \\((\\d+) of 200\\), mean loss").matcher(r.out());
        assertTrue(m.find(), r.out());
        assertEquals(trainTestCorrect(), Long.parseLong(m.group(2)));
        assertTrue(r.out().contains("confusion matrix (rows: true class, columns: predicted class)"), r.out());
        assertTrue(r.out().contains("class  samples  correct  accuracy"), r.out());
        JsonObject evaluation = Json.parse(Files.readString(json), json.toString()).asObject();
        assertEquals(200, evaluation.get("samples").asLong());
        long sum = 0;
        long diagonal = 0;
        JsonArray rows = evaluation.get("confusion_matrix").asArray();
        for (int i = 0; i < rows.size(); i++) {
            long[] row = rows.get(i).asArray().toLongArray();
            diagonal += row[i];
            for (long v : row) {
                sum += v;
            }
        }
        assertEquals(200, sum);
        assertEquals(evaluation.get("correct").asLong(), diagonal);
        assertEquals(10, evaluation.get("per_class_accuracy").asArray().size());
    }

    @Test
    @Order(5)
    void predictWritesOneRowPerSampleAgreeingWithEvaluate() throws IOException {
        trained.ok();
        Path out = tmp.resolve("predictions");
        CliRun r = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--output",
                out.toString()).ok();
        assertTrue(r.out().contains("wrote 200 predictions to " + out), r.out());
        List<Row> rows = TestSpark.session().read().parquet(out.toString()).orderBy("id").collectAsList();
        assertEquals(List.of("id", "label", "prediction", "predicted_class", "probabilities"),
                List.of(TestSpark.session().read().parquet(out.toString()).columns()));
        assertEquals(200, rows.size());
        long correct = 0;
        Set<String> ids = new TreeSet<>();
        for (Row row : rows) {
            ids.add(row.getString(0));
            List<Float> p = row.getList(4);
            assertEquals(10, p.size());
            assertEquals(1.0, p.stream().mapToDouble(Float::doubleValue).sum(), 1e-4);
            int prediction = row.getInt(2);
            assertEquals(String.valueOf(prediction), row.getString(3));
            for (float v : p) {
                assertTrue(v <= p.get(prediction));
            }
            correct += row.getInt(1) == prediction ? 1 : 0;
        }
        assertEquals(200, ids.size());
        assertEquals(trainTestCorrect(), correct);
        assertEquals("convspark: error: --output " + out + ": already exists; choose a new path or add --overwrite",
                CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--output",
                        out.toString()).oneErrorLine());
    }

    @Test
    @Order(5)
    void exportedOnnxAgreesWithTheEngineInOnnxRuntime() throws IOException, OrtException {
        Path onnx = tmp.resolve("model.onnx");
        String out = CliRun.of("export", "--model", model.toString(), "--onnx", onnx.toString()).ok().out();
        assertTrue(out.startsWith("Wrote " + onnx + " (ONNX opset 17, "), out);
        SavedModel saved = ModelDirectory.read(model);
        LabelledImages test = EmbeddedMnist.test().slice(0, 200);
        RuntimeCheck.Result r = RuntimeCheck.compare(saved, Files.readAllBytes(onnx), test.pixels(), test.count());
        System.out.println("train --output, then export: ONNX Runtime vs engine on " + r.samples()
                + " test digits: max |logit difference| " + r.maxDifference() + " (max |logit| " + r.maxLogit() + ")");
    }

    @Test
    @Order(6)
    void predictionsOntoAFullDiskFailWithOneLineKeepingThePreviousOnes() throws IOException {
        trained.ok();
        Path out = tmp.resolve("predictions");
        String onFullDisk = "full://" + out; // the same directory, through a file system with 2 KB of room
        FullFileSystem.room.set(2_000);
        try {
            String line = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--output",
                    onFullDisk, "--overwrite").oneErrorLine();
            assertEquals("convspark: error: --output " + onFullDisk + ": cannot write: No space left on device", line);
        } finally {
            FullFileSystem.room.set(Long.MAX_VALUE);
        }
        assertEquals(200, TestSpark.session().read().parquet(out.toString()).count());
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("predictions.")).toList(), "temporary directories left behind");
        }
    }

    @Test
    @Order(6)
    void aFailedRunLeavesTheExistingModelUntouched() throws IOException {
        trained.ok();
        byte[] params = Files.readAllBytes(model.resolve("params.bin"));
        Path broken = Files.createDirectories(tmp.resolve("broken"));
        IdxWriter.write(broken, "train", EmbeddedMnist.train().slice(0, 100), false);
        Path images = broken.resolve("train-images-idx3-ubyte");
        byte[] bytes = Files.readAllBytes(images);
        Files.write(images, java.util.Arrays.copyOf(bytes, bytes.length - 10));
        String line = CliRun.of("train", "--data", broken.toString(), "--output", model.toString(), "--overwrite")
                .oneErrorLine();
        assertEquals("convspark: error: " + images + ": truncated: the header declares 78400 data bytes, so the file "
                + "should be 78416 bytes long, but it is 78406", line);
        assertArrayEquals(params, Files.readAllBytes(model.resolve("params.bin")));
    }

    @Test
    @Order(7)
    void overwriteReplacesTheModelOnlyWhenComplete() throws IOException {
        trained.ok();
        byte[] before = Files.readAllBytes(model.resolve("params.bin"));
        CliRun.of("train", "--data", data.toString(), "--max-steps", "2", "--seed", "7", "--output", model.toString(),
                "--overwrite").ok();
        assertFalse(java.util.Arrays.equals(before, Files.readAllBytes(model.resolve("params.bin"))));
        assertEquals(2, ModelDirectory.read(model).training().get("steps").asLong());
        JsonValue seed = ModelDirectory.read(model).training().get("config").asObject().get("seed");
        assertEquals(7, seed.asLong());
    }
}
