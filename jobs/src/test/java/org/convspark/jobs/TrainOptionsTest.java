package org.convspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.convspark.jobs.spark.SparkSessions;
import org.convspark.jobs.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad option of {@code train} is one line naming the option and the problem, found before a
 * Spark session is opened (the session counter does not move).
 */
class TrainOptionsTest {
    @TempDir
    static Path tmp;

    static Stream<Arguments> badOptions() throws IOException {
        Path existing = Files.createDirectories(tmp.resolve("existing-model"));
        Files.writeString(existing.resolve("spec.json"), "{}");
        Path notes = Files.writeString(tmp.resolve("notes.txt"), "hello");
        String missing = tmp.resolve("missing").toString();
        return Stream.of(
                Arguments.of(List.of("--lr", "-1"), "--lr -1.0: the learning rate must be a positive number"),
                Arguments.of(List.of("--lr", "0"), "--lr 0.0: the learning rate must be a positive number"),
                Arguments.of(List.of("--lr", "NaN"), "--lr NaN: the learning rate must be a positive number"),
                Arguments.of(List.of("--epochs", "0"), "--epochs 0: must be >= 1"),
                Arguments.of(List.of("--batch-size", "-5"), "--batch-size -5: must be >= 1"),
                Arguments.of(List.of("--optimizer", "rmsprop"),
                        "--optimizer rmsprop: unknown; choose one of sgd, momentum, nesterov, adam, adamw"),
                Arguments.of(List.of("--optimizer", "momentum", "--momentum", "1.5"), "--momentum 1.5: must be in [0, 1)"),
                Arguments.of(List.of("--momentum", "0.9"),
                        "--momentum applies to the momentum and nesterov optimizers, not adam"),
                Arguments.of(List.of("--weight-decay", "-0.1"), "--weight-decay -0.1: must be >= 0"),
                Arguments.of(List.of("--schedule", "linear"), "--schedule linear: expected constant, step:EVERY:GAMMA "
                        + "(e.g. step:500:0.5) or cosine[:FLOOR] (e.g. cosine:1e-5)"),
                Arguments.of(List.of("--schedule", "cosine:1"), "--optimizer adam: floor 1.0 must not exceed lr 0.004"),
                Arguments.of(List.of("--warmup", "-1"), "--warmup -1: must be >= 0"),
                Arguments.of(List.of("--augment", "rotate"), "--augment rotate: expected none, or a comma-separated "
                        + "list of crop:P (random crop after zero padding of P) and flip (random horizontal mirror), "
                        + "e.g. crop:4,flip"),
                Arguments.of(List.of("--partitions", "0"), "--partitions 0: must be >= 1"),
                Arguments.of(List.of("--tree-depth", "0"), "--tree-depth 0: must be >= 1"),
                Arguments.of(List.of("--sync-every", "0"), "--sync-every 0: must be >= 1"),
                Arguments.of(List.of("--all-reduce", "ring"), "--all-reduce ring: unknown; choose auto, tree or barrier"),
                Arguments.of(List.of("--all-reduce", "barrier", "--sync-every", "4"), "--sync-every 4 (local steps) "
                        + "and --all-reduce barrier (exact synchronous steps) exclude each other; choose one"),
                Arguments.of(List.of("--threads-per-task", "-1"), "--threads-per-task -1: must be >= 0"),
                Arguments.of(List.of("--resume"), "--resume needs --checkpoint-dir"),
                Arguments.of(List.of("--checkpoint-every", "10"), "--checkpoint-every needs --checkpoint-dir"),
                Arguments.of(List.of("--epochs", "many"),
                        "Invalid value for option '--epochs': 'many' is not an int (see 'convspark train --help')"),
                Arguments.of(List.of("--model", "lenet"), "--model lenet: no such file, and unknown zoo model "
                        + "\"lenet\" (did you mean \"lenet5\"?); the zoo has: lenet5, cifar-small, resnet20, resnet32"),
                Arguments.of(List.of("--data", missing), missing + ": no such file or directory"),
                Arguments.of(List.of("--test-data", missing), missing + ": no such file or directory"),
                Arguments.of(List.of("--data", notes.toString()), notes + ": cannot tell the data format from the "
                        + "file name; give --format idx|cifar10|images|parquet"),
                Arguments.of(List.of("--data", notes.toString(), "--format", "png"),
                        "--format: unknown data format 'png'; expected one of idx|cifar10|images|parquet"),
                Arguments.of(List.of("--input-shape", "1,x,28"), "--input-shape 1,x,28: expected C,H,W (or C,L or "
                        + "C,D,H,W), positive integers separated by commas"),
                Arguments.of(List.of("--output", existing.toString()), "--output " + existing + ": already exists; "
                        + "choose a new directory or add --overwrite (the old model is replaced only once the new one "
                        + "is complete)"),
                Arguments.of(List.of("--output", tmp.resolve("no/such/dir/model").toString()), "--output "
                        + tmp.resolve("no/such/dir/model") + ": directory " + tmp.resolve("no/such/dir")
                        + " does not exist"),
                Arguments.of(List.of("--report-dir", notes.toString()), "--report-dir " + notes
                        + ": exists and is not a directory"));
    }

    @ParameterizedTest
    @MethodSource("badOptions")
    void badOptionIsOneLineBeforeSparkStarts(List<String> options, String expected) {
        List<String> args = new ArrayList<>(List.of("train"));
        args.addAll(options);
        int sessions = SparkSessions.opened();
        assertEquals("convspark: error: " + expected, CliRun.of(args.toArray(new String[0])).oneErrorLine());
        assertEquals(sessions, SparkSessions.opened(), "no Spark session was opened");
    }

    @Test
    void masterIsRefusedUnderSparkSubmit() {
        System.setProperty("spark.master", "spark://127.0.0.1:7077");
        try {
            assertEquals("convspark: error: --master local[2]: this run was started by spark-submit with master "
                    + "spark://127.0.0.1:7077; give the master to spark-submit, not to the command",
                    CliRun.of("train", "--master", "local[2]").oneErrorLine());
        } finally {
            System.clearProperty("spark.master");
        }
    }
}
