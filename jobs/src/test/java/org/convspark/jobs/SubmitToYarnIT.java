package org.convspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
import org.convspark.engine.data.EmbeddedMnist;
import org.convspark.engine.json.Json;
import org.convspark.engine.json.JsonObject;
import org.convspark.engine.model.SavedModel;
import org.convspark.engine.spec.ModelZoo;
import org.convspark.jobs.testing.IdxWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shaded jar submitted to YARN with {@code cluster-configs/submit-yarn.sh}, as a user would:
 * Hadoop's {@code MiniYARNCluster} (a ResourceManager and a NodeManager in this JVM, the way
 * Spark's own YARN tests run) takes the application; its ApplicationMaster and two executors are
 * separate YARN containers (processes the NodeManager launches). In client mode with the default
 * all-reduce (the barrier collective: two executors of one core, two partitions) and in cluster
 * mode (the driver in the ApplicationMaster's container) with the tree path, LeNet-5 trains on
 * IDX files the test writes; the model directory and metrics.json are checked. The Spark home
 * is the build's Spark jars (with {@code spark-yarn}) behind a {@code bin/spark-submit} that runs
 * Spark's own {@code SparkSubmit}; {@code spark.yarn.jars} points the containers at those jars
 * instead of uploading them.
 */
class SubmitToYarnIT {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final long RUN_TIMEOUT_SECONDS = 420;

    private static MiniYARNCluster yarn;
    private static Path work;
    private static Path hadoopConf;
    private static Path sparkHome;
    private static Path data;

    @BeforeAll
    static void startYarn() throws Exception {
        work = Files.createTempDirectory("convspark-yarn-it");
        YarnConfiguration conf = new YarnConfiguration();
        conf.set("yarn.nodemanager.disk-health-checker.max-disk-utilization-per-disk-percentage", "100.0");
        // The mini cluster sizes its NodeManager from its own key (4 GB by default): room for an
        // ApplicationMaster holding the driver and two executors of 1 GB + 384 MB each.
        conf.setInt("yarn.minicluster.yarn.nodemanager.resource.memory-mb", 8192);
        conf.setInt("yarn.nodemanager.resource.memory-mb", 8192);
        conf.setInt("yarn.nodemanager.resource.cpu-vcores", 4);
        conf.setInt("yarn.scheduler.minimum-allocation-mb", 256);
        conf.setBoolean("yarn.nodemanager.pmem-check-enabled", true);
        conf.setBoolean("yarn.nodemanager.vmem-check-enabled", false);
        // One queue taking everything, as Spark's own YARN tests configure the capacity scheduler.
        conf.set("yarn.scheduler.capacity.root.queues", "default");
        conf.setInt("yarn.scheduler.capacity.root.default.capacity", 100);
        conf.setInt("yarn.scheduler.capacity.root.default.maximum-capacity", 100);
        conf.setFloat("yarn.scheduler.capacity.root.default.user-limit-factor", 1);
        conf.set("yarn.scheduler.capacity.root.default.state", "RUNNING");
        conf.set("yarn.scheduler.capacity.root.default.acl_submit_applications", "*");
        conf.set("yarn.scheduler.capacity.root.default.acl_administer_queue", "*");
        conf.setFloat("yarn.scheduler.capacity.maximum-am-resource-percent", 0.5f);
        conf.setInt("yarn.scheduler.capacity.node-locality-delay", -1);
        yarn = new MiniYARNCluster("convspark", 1, 1, 1);
        yarn.init(conf);
        yarn.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (yarn.getConfig().get(YarnConfiguration.RM_ADDRESS, "").endsWith(":0")) {
            if (System.nanoTime() > deadline) {
                fail("the ResourceManager did not get an address");
            }
            Thread.sleep(100);
        }
        hadoopConf = Files.createDirectories(work.resolve("hadoop-conf"));
        try (OutputStream out = Files.newOutputStream(hadoopConf.resolve("yarn-site.xml"))) {
            yarn.getConfig().writeXml(out);
        }
        Configuration core = new Configuration(false);
        core.set("fs.defaultFS", "file:///");
        try (OutputStream out = Files.newOutputStream(hadoopConf.resolve("core-site.xml"))) {
            core.writeXml(out);
        }
        sparkHome = sparkHome(Path.of(System.getProperty("convspark.sparkJars",
                ROOT.resolve("jobs/target/spark-jars").toString())));
        data = Files.createDirectories(work.resolve("mnist"));
        IdxWriter.write(data, "train", EmbeddedMnist.train().slice(0, 2048), true);
        IdxWriter.write(data, "t10k", EmbeddedMnist.test().slice(0, 256), true);
    }

    @AfterAll
    static void stopYarn() {
        if (yarn != null) {
            yarn.stop();
        }
    }

    /** A Spark home of the build's Spark jars, whose {@code bin/spark-submit} runs Spark's {@code SparkSubmit}. */
    private static Path sparkHome(Path sparkJars) throws IOException {
        assertTrue(Files.isDirectory(sparkJars) && Files.list(sparkJars).anyMatch(
                j -> j.getFileName().toString().startsWith("spark-yarn_")), "spark-jars with spark-yarn: " + sparkJars);
        Path home = Files.createDirectories(work.resolve("spark-home/bin")).getParent();
        Files.createSymbolicLink(home.resolve("jars"), sparkJars.toAbsolutePath());
        Files.writeString(home.resolve("RELEASE"), "Spark home assembled from Maven jars by the convspark test\n");
        Path submit = home.resolve("bin/spark-submit");
        Files.writeString(submit, "#!/usr/bin/env bash\n"
                + "# Stands in for Spark's script: its launcher would build this same command.\n"
                + "exec \"" + Path.of(System.getProperty("java.home"), "bin", "java") + "\" "
                + System.getProperty("convspark.javaOptions", "") + " -Xmx1g $SPARK_SUBMIT_OPTS"
                + " -cp \"$SPARK_HOME/jars/*:$HADOOP_CONF_DIR\" org.apache.spark.deploy.SparkSubmit \"$@\"\n");
        Files.setPosixFilePermissions(submit, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }

    @ParameterizedTest(name = "{0} mode, all-reduce {1}")
    @CsvSource({"client, auto, barrier", "cluster, tree, tree"})
    void submitYarnShTrainsInSeparateContainersAndWritesModelAndMetrics(String deployMode, String allReduce,
                                                                        String expectedPath) throws Exception {
        Path out = Files.createDirectories(work.resolve(deployMode));
        Path model = out.resolve("model");
        Path reports = out.resolve("reports");
        Path jar = Path.of(System.getProperty("convspark.jar", ROOT.resolve("jobs/target/convspark.jar").toString()));
        String java = System.getProperty("java.home");
        List<String> command = List.of("bash", ROOT.resolve("cluster-configs/submit-yarn.sh").toString(),
                "train", "--data", data.toString(), "--epochs", "2", "--batch-size", "64", "--all-reduce", allReduce,
                "--output", model.toString(), "--report-dir", reports.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(out.resolve("submit.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("SPARK_HOME", sparkHome.toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("HADOOP_CONF_DIR", hadoopConf.toString());
        env.put("CONVSPARK_JAR", jar.toString());
        env.put("DEPLOY_MODE", deployMode);
        env.put("EXECUTORS", "2");
        env.put("EXECUTOR_CORES", "1");
        env.put("EXECUTOR_MEMORY", "1g");
        env.put("DRIVER_MEMORY", "1g");
        env.put("MEMORY_OVERHEAD", "384m");
        env.put("SPARK_SUBMIT_OPTS", String.join(" ",
                "-Dspark.yarn.jars=local:" + sparkHome.resolve("jars").toRealPath() + "/*",
                "-Dspark.yarn.appMasterEnv.JAVA_HOME=" + java, "-Dspark.executorEnv.JAVA_HOME=" + java,
                "-Dspark.yarn.am.memory=512m", "-Dspark.ui.enabled=false"));
        Process submit = builder.start();
        if (!submit.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            submit.destroyForcibly();
            fail("submit-yarn.sh did not finish in " + RUN_TIMEOUT_SECONDS + " s\n" + log(out.resolve("submit.log")));
        }
        String submitLog = log(out.resolve("submit.log"));
        if (submit.exitValue() != 0) {
            fail("submit-yarn.sh exited with " + submit.exitValue() + "\n" + submitLog + containerLogs());
        }

        SavedModel saved = ModelDirectory.read(model);
        assertEquals(ModelZoo.get("lenet5"), saved.spec());
        assertEquals(64, saved.training().get("steps").asLong());
        JsonObject metrics = Json.parse(Files.readString(reports.resolve("metrics.json")), "metrics.json").asObject();
        assertEquals("yarn", metrics.get("config").asObject().get("master").asString());
        assertEquals(2, metrics.get("config").asObject().get("partitions").asInt(), "P = 2 executors x 1 core");
        assertEquals(expectedPath, metrics.get("all_reduce").asObject().get("mode").asString(),
                metrics.get("all_reduce").toString());
        double accuracy = metrics.get("epochs").asArray().get(1).asObject().get("test_accuracy").asDouble();
        assertTrue(accuracy > 0.8, "LeNet-5 after 64 steps of 64: " + accuracy);

        List<String> containers = containers();
        System.out.printf("YARN %s mode, all-reduce %s: %s, test accuracy %.4f, containers %s%n", deployMode,
                metrics.get("all_reduce").asObject().get("mode").asString(), deployMode.equals("cluster")
                        ? "driver in the ApplicationMaster's container" : "driver in spark-submit's JVM",
                accuracy, containers);
        assertTrue(containers.size() >= 3, "an ApplicationMaster and two executors, each a YARN container: "
                + containers);
    }

    /** The containers of the newest application, by their log directories under the mini cluster's work directory. */
    private static List<String> containers() throws IOException {
        try (Stream<Path> dirs = Files.walk(yarn.getTestWorkDir().toPath(), 3)) {
            Path newest = dirs.filter(p -> p.getFileName().toString().startsWith("application_")
                    && p.getParent().getFileName().toString().contains("logDir")).max(
                    java.util.Comparator.comparing(p -> p.getFileName().toString()))
                    .orElseThrow(() -> new AssertionError("no application logs in " + yarn.getTestWorkDir()));
            try (Stream<Path> containers = Files.list(newest)) {
                return containers.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("container_"))
                        .sorted().toList();
            }
        }
    }

    /** The containers' stdout and stderr (their last 6,000 characters each), for a failure's message. */
    private static String containerLogs() throws IOException {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> files = Files.walk(yarn.getTestWorkDir().toPath())) {
            for (Path f : files.filter(p -> p.getParent().getFileName().toString().startsWith("container_")
                    && List.of("stdout", "stderr").contains(p.getFileName().toString())).toList()) {
                String text = log(f);
                sb.append("\n--- ").append(f).append('\n').append(text.length() > 6000
                        ? text.substring(text.length() - 6000) : text);
            }
        }
        return sb.toString();
    }

    private static String log(Path file) throws IOException {
        return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
    }
}
