package org.convspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.convspark.engine.data.EmbeddedMnist;
import org.convspark.engine.json.Json;
import org.convspark.engine.json.JsonArray;
import org.convspark.engine.json.JsonObject;
import org.convspark.engine.spec.ModelZoo;
import org.convspark.engine.model.SavedModel;
import org.convspark.jobs.testing.IdxWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar, submitted through Spark's own entry point
 * ({@code org.apache.spark.deploy.SparkSubmit}, what the {@code spark-submit} script runs) to a
 * real standalone Master and Worker started on 127.0.0.1 from the Maven-resolved Spark jars
 * ({@code jobs/target/spark-jars}, the jars/ of a Spark home this test assembles), with the
 * project's {@code cluster-configs/spark-defaults.conf}, trains LeNet-5 briefly from IDX files the
 * test writes; the model directory and metrics.json are checked. Every JVM is a child process,
 * stopped by its handle in {@code @AfterEach}.
 */
class SubmitToStandaloneIT {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final long START_TIMEOUT_SECONDS = 120;
    private static final long RUN_TIMEOUT_SECONDS = 420;

    @TempDir
    Path tmp;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopCluster() throws InterruptedException {
        for (int i = started.size() - 1; i >= 0; i--) {
            Process p = started.get(i);
            List<ProcessHandle> children = p.descendants().toList();
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            for (ProcessHandle child : children) {
                child.destroyForcibly();
            }
        }
    }

    @Test
    void sparkSubmitToAStandaloneClusterTrainsAndWritesModelAndMetrics() throws Exception {
        Path jar = Path.of(System.getProperty("convspark.jar", ROOT.resolve("jobs/target/convspark.jar").toString()));
        Path sparkJars = Path.of(System.getProperty("convspark.sparkJars",
                ROOT.resolve("jobs/target/spark-jars").toString()));
        assertTrue(Files.isRegularFile(jar) && Files.isDirectory(sparkJars),
                "the shaded jar and spark-jars are built by the package phase: " + jar + ", " + sparkJars);
        Path sparkHome = sparkHome(sparkJars);

        int masterPort = freePort();
        String master = "spark://127.0.0.1:" + masterPort;
        Process masterProcess = start("master", sparkHome, List.of("org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", String.valueOf(masterPort), "--webui-port",
                String.valueOf(freePort())));
        awaitLog(masterProcess, "master", "I have been elected leader");
        Process worker = start("worker", sparkHome, List.of("org.apache.spark.deploy.worker.Worker",
                "--host", "127.0.0.1", "--port", String.valueOf(freePort()), "--webui-port", String.valueOf(freePort()),
                "--cores", "2", "--memory", "2g", "--work-dir", tmp.resolve("work").toString(), master));
        awaitLog(worker, "worker", "Successfully registered with master");

        Path data = Files.createDirectories(tmp.resolve("mnist"));
        IdxWriter.write(data, "train", EmbeddedMnist.train().slice(0, 2048), true);
        IdxWriter.write(data, "t10k", EmbeddedMnist.test().slice(0, 512), true);
        Path model = tmp.resolve("model");
        Path reports = tmp.resolve("reports");
        List<String> submit = new ArrayList<>(List.of("org.apache.spark.deploy.SparkSubmit",
                "--master", master, "--deploy-mode", "client",
                "--properties-file", ROOT.resolve("cluster-configs/spark-defaults.conf").toString(),
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--conf", "spark.ui.enabled=false", "--conf", "spark.executor.memory=1g",
                "--conf", "spark.driver.memory=1g",
                "--class", "org.convspark.jobs.ConvsparkCli", jar.toString(),
                "train", "--data", data.toString(), "--epochs", "2", "--batch-size", "64",
                // barrier all-reduce: its tasks join the driver's round coordinator from the executor JVM
                "--all-reduce", "barrier",
                "--output", model.toString(), "--report-dir", reports.toString()));
        Process driver = start("driver", sparkHome, submit);
        if (!driver.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            fail("spark-submit did not finish in " + RUN_TIMEOUT_SECONDS + " s\n" + log("driver"));
        }
        String out = Files.readString(tmp.resolve("driver.log"), StandardCharsets.UTF_8);
        assertEquals(0, driver.exitValue(), out);
        assertTrue(out.contains("Parameters of lenet5"), out);
        assertTrue(out.contains("\nepoch 2: 32 steps"), out);
        assertTrue(out.contains("\ntest accuracy: "), out);
        assertTrue(log("worker").contains("Asked to launch executor"), "an executor JVM ran on the worker\n" + log("worker"));

        SavedModel saved = ModelDirectory.read(model);
        assertEquals(ModelZoo.get("lenet5"), saved.spec());
        assertEquals(64, saved.training().get("steps").asLong());
        JsonObject metrics = Json.parse(Files.readString(reports.resolve("metrics.json")), "metrics.json").asObject();
        JsonObject config = metrics.get("config").asObject();
        assertEquals(master, config.get("master").asString());
        assertEquals(2, config.get("partitions").asInt(), "P = the executor cores");
        assertEquals("barrier", config.get("all_reduce").asString());
        JsonArray epochs = metrics.get("epochs").asArray();
        assertEquals(2, epochs.size());
        JsonObject last = epochs.get(1).asObject();
        System.out.printf("standalone cluster, 1 executor x 2 cores, LeNet-5, barrier all-reduce, global batch 64: %.0f ms per step, "
                + "%.0f images/s (epoch 2)%n", 1000 * last.get("seconds").asDouble() / 32,
                last.get("images_per_second").asDouble());
        double accuracy = last.get("test_accuracy").asDouble();
        assertTrue(accuracy > 0.8 && accuracy <= 1, "LeNet-5 after 64 steps of 64: " + accuracy);
    }

    /** A Spark home: {@code jars/} is the Maven-resolved jars; RELEASE makes Spark's launcher use it. */
    private Path sparkHome(Path sparkJars) throws IOException {
        Path home = Files.createDirectories(tmp.resolve("spark-home"));
        Files.createSymbolicLink(home.resolve("jars"), sparkJars.toAbsolutePath());
        Files.writeString(home.resolve("RELEASE"), "Spark home assembled from Maven jars by the convspark test\n");
        return home;
    }

    private Process start(String name, Path sparkHome, List<String> mainAndArgs) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(System.getProperty("convspark.javaOptions", "").trim().split("\\s+")));
        command.add("-Xmx1g");
        command.add("-cp");
        command.add(sparkHome.resolve("jars") + "/*");
        command.addAll(mainAndArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(tmp.resolve(name + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.put("SPARK_HOME", sparkHome.toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("OPENBLAS_NUM_THREADS", "1");
        Process process = builder.start();
        started.add(process);
        return process;
    }

    private void awaitLog(Process process, String name, String line) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
        while (System.nanoTime() < deadline) {
            if (log(name).contains(line)) {
                return;
            }
            if (!process.isAlive()) {
                fail(name + " exited with " + process.exitValue() + "\n" + log(name));
            }
            Thread.sleep(250);
        }
        fail(name + " did not log '" + line + "' within " + START_TIMEOUT_SECONDS + " s\n" + log(name));
    }

    private String log(String name) throws IOException {
        Path file = tmp.resolve(name + ".log");
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
