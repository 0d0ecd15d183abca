package org.convspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spark-submit commands {@code cluster-configs/submit-k8s.sh} and {@code submit-yarn.sh}
 * build, as far as this machine can check them (no Kubernetes, no YARN here): each script runs
 * against a stand-in {@code $SPARK_HOME/bin/spark-submit} that records its arguments.
 */
class SubmitScriptsTest {
    /** Surefire runs in the module directory, jobs/. */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @TempDir
    Path tmp;
    Path sparkHome;
    Path jar;

    @BeforeEach
    void standIns() throws IOException {
        sparkHome = Files.createDirectories(tmp.resolve("spark/bin")).getParent();
        Path submit = sparkHome.resolve("bin/spark-submit");
        Files.writeString(submit, "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\" > \"$ARGS_FILE\"\n");
        Files.setPosixFilePermissions(submit, PosixFilePermissions.fromString("rwxr-xr-x"));
        jar = Files.writeString(tmp.resolve("convspark.jar"), "jar");
    }

    private List<String> run(String script, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("cluster-configs/" + script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Path argsFile = tmp.resolve("args");
        builder.environment().put("SPARK_HOME", sparkHome.toString());
        builder.environment().put("CONVSPARK_JAR", jar.toString());
        builder.environment().put("ARGS_FILE", argsFile.toString());
        builder.environment().putAll(env);
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), output);
        return Files.readAllLines(argsFile);
    }

    /** The value after {@code option} (the first occurrence), or the next {@code --conf}'s value for a key. */
    private static String after(List<String> args, String option) {
        int at = args.indexOf(option);
        assertTrue(at >= 0 && at + 1 < args.size(), option + " in " + args);
        return args.get(at + 1);
    }

    private static void assertConf(List<String> args, String key, String value) {
        assertTrue(args.contains(key + "=" + value), key + "=" + value + " in " + args);
    }

    @Test
    void kubernetesRunsTheImagesJarInClusterModeWithTheCollectivesPort() throws Exception {
        List<String> args = run("submit-k8s.sh", Map.of("K8S_MASTER", "k8s://https://api.example:6443",
                "IMAGE", "registry/convspark:0.1", "NAMESPACE", "ml", "EXECUTORS", "4", "EXECUTOR_CORES", "3",
                "OUT_CLAIM", "convspark-out"), "train", "--data", "s3a://bucket/fm", "--output", "/out/fm");
        assertEquals(ROOT.resolve("cluster-configs/spark-defaults.conf").toString(), after(args, "--properties-file"));
        assertEquals("org.convspark.jobs.ConvsparkCli", after(args, "--class"));
        assertEquals("k8s://https://api.example:6443", after(args, "--master"));
        assertEquals("cluster", after(args, "--deploy-mode"));
        assertConf(args, "spark.kubernetes.container.image", "registry/convspark:0.1");
        assertConf(args, "spark.kubernetes.namespace", "ml");
        assertConf(args, "spark.executor.instances", "4");
        assertConf(args, "spark.executor.cores", "3");
        assertConf(args, "spark.kubernetes.executor.request.cores", "3");
        assertConf(args, "spark.convspark.collective.port", "7090");
        assertConf(args, "spark.kubernetes.driver.volumes.persistentVolumeClaim.out.options.claimName", "convspark-out");
        assertConf(args, "spark.kubernetes.driver.volumes.persistentVolumeClaim.out.mount.path", "/out");
        int jarAt = args.indexOf("local:///opt/convspark/convspark.jar");
        assertTrue(jarAt > 0, "the jar inside the image: " + args);
        assertEquals(List.of("train", "--data", "s3a://bucket/fm", "--output", "/out/fm"),
                args.subList(jarAt + 1, args.size()), "the command's arguments follow the jar");
        assertTrue(!String.join(" ", args).contains(jar.toString()), "the local jar is not shipped: " + args);
    }

    @Test
    void kubernetesTakesAnotherCollectivePort() throws Exception {
        List<String> args = run("submit-k8s.sh", Map.of("K8S_MASTER", "k8s://https://api:6443", "IMAGE", "img",
                "COLLECTIVE_PORT", "7500"));
        assertConf(args, "spark.convspark.collective.port", "7500");
        assertEquals("train", args.get(args.size() - 1), "no arguments: train");
    }

    @Test
    void yarnSubmitsTheShadedJarInEitherDeployModeWithoutDynamicAllocation() throws Exception {
        for (String mode : List.of("client", "cluster")) {
            List<String> args = run("submit-yarn.sh", Map.of("HADOOP_CONF_DIR", tmp.toString(), "DEPLOY_MODE", mode,
                    "EXECUTORS", "8"), "train", "--epochs", "2");
            assertEquals("yarn", after(args, "--master"));
            assertEquals(mode, after(args, "--deploy-mode"));
            assertEquals("8", after(args, "--num-executors"));
            assertConf(args, "spark.dynamicAllocation.enabled", "false");
            assertConf(args, "spark.yarn.maxAppAttempts", "1");
            int jarAt = args.indexOf(jar.toString());
            assertEquals(List.of("train", "--epochs", "2"), args.subList(jarAt + 1, args.size()));
        }
    }
}
