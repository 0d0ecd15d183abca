package org.convspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.convspark.engine.data.EmbeddedMnist;
import org.convspark.engine.data.LabelledImages;
import org.convspark.engine.tensor.Shape;
import org.convspark.engine.testing.FileMutator;
import org.convspark.engine.testing.TestFiles;
import org.convspark.jobs.testing.CifarWriter;
import org.convspark.jobs.testing.CliRun;
import org.convspark.jobs.testing.IdxWriter;
import org.convspark.jobs.testing.ImageFolders;
import org.convspark.jobs.testing.TestSpark;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input suite. Every case runs the command line in-process against
 * a workspace holding what an earlier run wrote (a trained model, its checkpoints, its reports) and
 * must end in ONE line {@code convspark: error: ...} that names the file, option or layer and what
 * is wrong, exit code 2, no stack trace (only with {@code --debug}), and leave every previously
 * written file byte for byte as it was. The count per category is printed at the end.
 */
class BadInputTest {
    private static final String CLI = "cli options";
    private static final String SPEC = "model specs";
    private static final String DATA = "data files";
    private static final String MODEL = "model directories";
    private static final String CHECKPOINT = "checkpoints";

    @TempDir
    static Path root;
    private static Path data;
    private static Path model;
    private static Path checkpoints;
    private static Path reports;
    private static Path bad;
    private static Map<String, String> written;
    private static final Map<String, Integer> PASSED = new TreeMap<>();

    /** One bad input: its category, what is wrong, the arguments, and what its line must name and say. */
    private record Case(String category, String what, List<String> args, List<String> mustContain) {
    }

    @BeforeAll
    static void earlierRun() throws IOException {
        TestSpark.session();
        data = Files.createDirectories(root.resolve("data"));
        IdxWriter.write(data, "train", EmbeddedMnist.train().slice(0, 64), false);
        IdxWriter.write(data, "t10k", EmbeddedMnist.test().slice(0, 32), false);
        model = root.resolve("model");
        checkpoints = root.resolve("checkpoints");
        reports = root.resolve("reports");
        CliRun.of("train", "--data", data.toString(), "--epochs", "1", "--batch-size", "32", "--max-steps", "2",
                "--checkpoint-dir", checkpoints.toString(), "--checkpoint-every", "1", "--output", model.toString(),
                "--report-dir", reports.toString(), "--partitions", "2").ok();
        bad = Files.createDirectories(root.resolve("bad"));
        written = hashes();
        assertTrue(written.keySet().stream().anyMatch(k -> k.startsWith("model/")), written.keySet().toString());
        assertTrue(written.keySet().stream().anyMatch(k -> k.startsWith("checkpoints/step-000002/")));
        assertTrue(written.containsKey("reports/metrics.json"));
    }

    @AfterAll
    static void counts() {
        int total = PASSED.values().stream().mapToInt(Integer::intValue).sum();
        System.out.println("bad-input suite: " + total + " cases passed: " + PASSED);
    }

    @TestFactory
    Stream<DynamicTest> everyBadInputIsOneLineNamingItAndChangesNothing() throws IOException {
        List<Case> cases = new ArrayList<>();
        cases.addAll(cliOptions());
        cases.addAll(modelSpecs());
        cases.addAll(dataFiles());
        cases.addAll(modelDirectories());
        cases.addAll(checkpointCases());
        assertTrue(cases.size() >= 40, cases.size() + " cases");
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.category() + ": " + c.what(), () -> check(c)));
    }

    private static void check(Case c) {
        CliRun run = CliRun.of(c.args().toArray(new String[0]));
        String line = run.oneErrorLine();
        System.out.println(c.category() + " | " + c.what() + " | " + line);
        for (String fragment : c.mustContain()) {
            assertTrue(line.contains(fragment), "expected \"" + fragment + "\" in: " + line);
        }
        assertEquals(written, hashes(), "files an earlier run wrote were changed");
        PASSED.merge(c.category(), 1, Integer::sum);
    }

    @Test
    void debugAddsTheStackTrace() {
        CliRun run = CliRun.of("report", "--model", root.resolve("absent.json").toString(), "--debug");
        assertEquals(ConvsparkCli.EXIT_USER_ERROR, run.code());
        assertTrue(run.err().startsWith("convspark: error: --model "), run.err());
        assertTrue(run.err().contains("\tat org.convspark.jobs."), run.err());
    }

    private static List<String> args(String... values) {
        return List.of(values);
    }

    /** {@code train} on the workspace's data for one step, with {@code extra} options (replacing the defaults). */
    private static Case train(String category, String what, List<String> extra, String... mustContain) {
        List<String> all = new ArrayList<>(List.of("train"));
        String[] defaults = {"--data", data.toString(), "--epochs", "1", "--batch-size", "16", "--max-steps", "1",
            "--partitions", "2"};
        for (int i = 0; i < defaults.length; i += 2) {
            if (!extra.contains(defaults[i])) {
                all.add(defaults[i]);
                all.add(defaults[i + 1]);
            }
        }
        all.addAll(extra);
        return new Case(category, what, all, List.of(mustContain));
    }

    private static List<Case> cliOptions() throws IOException {
        Path reportFile = Files.writeString(bad.resolve("report-file"), "not a directory");
        return List.of(
                train(CLI, "zero epochs", args("--epochs", "0"), "--epochs 0", "must be >= 1"),
                train(CLI, "negative batch size", args("--batch-size", "-5"), "--batch-size -5", "must be >= 1"),
                train(CLI, "unknown optimizer", args("--optimizer", "adamx"), "--optimizer adamx", "unknown"),
                train(CLI, "negative learning rate", args("--lr", "-0.1"), "--lr -0.1", "positive"),
                train(CLI, "momentum out of range", args("--optimizer", "momentum", "--momentum", "1.5"),
                        "--momentum 1.5", "[0, 1)"),
                train(CLI, "momentum for adam", args("--momentum", "0.9"), "--momentum", "adam"),
                train(CLI, "unknown schedule", args("--schedule", "wiggle"), "--schedule", "wiggle"),
                train(CLI, "zero partitions", args("--partitions", "0"), "--partitions 0", "must be >= 1"),
                // Refused before the data is read: the one line names the slots and what to change.
                train(CLI, "a barrier all-reduce without a slot per partition",
                        args("--all-reduce", "barrier", "--partitions", "3"), "all_reduce barrier",
                        "offers 2 task slots (at most 2 partitions"),
                train(CLI, "resume without a checkpoint directory", args("--resume"), "--resume",
                        "needs --checkpoint-dir"),
                train(CLI, "an existing model as output", args("--output", model.toString()),
                        "--output " + model, "already exists"),
                train(CLI, "a file as report directory", args("--report-dir", reportFile.toString()),
                        "--report-dir " + reportFile, "not a directory"),
                train(CLI, "misspelt option", args("--epoch", "2"), "--epoch", "did you mean"),
                train(CLI, "unknown data format", args("--format", "tiff"), "--format", "tiff"),
                train(CLI, "batch larger than the data", args("--batch-size", "1000"), "--batch-size 1000",
                        "64 training samples"),
                new Case(CLI, "evaluate without --model", args("evaluate", "--data", data.toString()),
                        List.of("--model")),
                new Case(CLI, "predict to an existing output", args("predict", "--model", model.toString(),
                        "--data", data.toString(), "--output", reports.toString()),
                        List.of("--output " + reports, "already exists")),
                new Case(CLI, "predict without --output", args("predict", "--model", model.toString()),
                        List.of("--output")),
                new Case(CLI, "report of a missing spec file", args("report", "--model",
                        bad.resolve("nothing.json").toString()), List.of("--model " + bad.resolve("nothing.json"))),
                new Case(CLI, "unknown command", args("trian"), List.of("trian", "did you mean plan or train")));
    }

    /** {@code train --model FILE} with {@code json} in FILE; the line must name the file unless {@code named} is given. */
    private static Case spec(String what, String file, String json, String... mustContain) throws IOException {
        Path path = Files.writeString(bad.resolve(file), json);
        List<String> contains = new ArrayList<>(List.of(path.toString()));
        contains.addAll(List.of(mustContain));
        return train(SPEC, what, args("--model", path.toString()), contains.toArray(new String[0]));
    }

    private static Case specNamedOtherwise(String what, String file, String json, String... mustContain)
            throws IOException {
        Path path = Files.writeString(bad.resolve(file), json);
        return train(SPEC, what, args("--model", path.toString()), mustContain);
    }

    private static String net(String layers) {
        return "{\"name\": \"bad\", \"input\": [1, 28, 28], \"layers\": [" + layers + "]}";
    }

    private static List<Case> modelSpecs() throws IOException {
        String tail = ", {\"type\": \"flatten\"}, {\"type\": \"linear\", \"out_features\": 10}";
        return List.of(
                spec("unknown layer type", "type.json", net("{\"type\": \"cnov\", \"out_channels\": 4, \"kernel\": 3}"
                        + tail), "layer 0", "cnov", "conv"),
                spec("malformed JSON", "syntax.json", "{\"input\": [1, 28, 28] \"layers\": []}", ":1:"),
                spec("kernel larger than the input", "kernel.json", net("{\"type\": \"conv\", \"out_channels\": 4, "
                        + "\"kernel\": 40}" + tail), "layer 0 (conv)", "kernel"),
                spec("negative channel count", "channels.json", net("{\"type\": \"conv\", \"out_channels\": -4, "
                        + "\"kernel\": 3}" + tail), "layer 0", "out_channels"),
                spec("misspelt field", "field.json", net("{\"type\": \"conv\", \"out_channels\": 4, \"kernel\": 3, "
                        + "\"strde\": 2}" + tail), "layer 0", "strde", "stride"),
                spec("output not a class vector", "output.json", net("{\"type\": \"conv\", \"out_channels\": 4, "
                        + "\"kernel\": 3}"), "flat vector"),
                spec("no layers", "empty-layers.json", net(""), "layers", "at least one layer"),
                spec("five-dimensional input", "input.json", "{\"input\": [1, 2, 3, 4, 5], \"layers\": [{\"type\": "
                        + "\"flatten\"}, {\"type\": \"linear\", \"out_features\": 2}]}", "input"),
                spec("not JSON at all", "binary.json", "\u0000\u0001PK\u0003garbage", "binary.json"),
                specNamedOtherwise("a model too large for memory", "huge.json", "{\"name\": \"huge\", \"input\": [3, 1024, 1024], "
                        + "\"layers\": [{\"type\": \"conv\", \"out_channels\": 512, \"kernel\": 3, \"padding\": 1}, "
                        + "{\"type\": \"relu\"}, {\"type\": \"globalavgpool\"}, {\"type\": \"linear\", "
                        + "\"out_features\": 10}]}", "model huge does not fit", "GiB", "spark.driver.memory"),
                specNamedOtherwise("a different input than the data", "cifar-shaped.json", "{\"input\": [3, 32, 32], "
                        + "\"layers\": [{\"type\": \"flatten\"}, {\"type\": \"linear\", \"out_features\": 10}]}",
                        data.resolve("train-images-idx3-ubyte").toString(), "1x28x28", "3x32x32"));
    }

    private static Path idxCopy(String name) throws IOException {
        Path dir = Files.createDirectories(bad.resolve(name));
        for (String f : new String[] {"train-images-idx3-ubyte", "train-labels-idx1-ubyte"}) {
            Files.copy(data.resolve(f), dir.resolve(f));
        }
        return dir;
    }

    private static Case trainOn(String what, Path dataPath, String... mustContain) {
        return new Case(DATA, what, args("train", "--data", dataPath.toString(), "--epochs", "1", "--batch-size", "8",
                "--max-steps", "1", "--partitions", "2"), List.of(mustContain));
    }

    private static List<Case> dataFiles() throws IOException {
        Path truncated = idxCopy("truncated");
        Path images = truncated.resolve("train-images-idx3-ubyte");
        Files.write(images, java.util.Arrays.copyOf(Files.readAllBytes(images), (int) Files.size(images) - 100));

        Path counts = idxCopy("counts");
        IdxWriter.write(counts, "train", EmbeddedMnist.train().slice(0, 64), false);
        Path fewer = Files.createDirectories(bad.resolve("fewer"));
        IdxWriter.write(fewer, "train", EmbeddedMnist.train().slice(0, 63), false);
        Files.copy(fewer.resolve("train-labels-idx1-ubyte"), counts.resolve("train-labels-idx1-ubyte"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        Path labels = idxCopy("labels");
        byte[] labelBytes = Files.readAllBytes(labels.resolve("train-labels-idx1-ubyte"));
        labelBytes[8 + 5] = 12;
        Files.write(labels.resolve("train-labels-idx1-ubyte"), labelBytes);

        Path bomb = idxCopy("bomb");
        Files.delete(bomb.resolve("train-images-idx3-ubyte"));
        Files.delete(bomb.resolve("train-labels-idx1-ubyte"));
        LabelledImages one = EmbeddedMnist.train().slice(0, 1);
        Path[] plain = IdxWriter.write(Files.createDirectories(bad.resolve("one")), "train", one, false);
        try (var out = Files.newOutputStream(bomb.resolve("train-images-idx3-ubyte.gz"))) {
            out.write(FileMutator.gzip(Files.readAllBytes(plain[0])));
            byte[] member = FileMutator.gzip(new byte[1 << 20]);
            for (int i = 0; i < 64; i++) {
                out.write(member);
            }
        }
        Files.copy(plain[1], bomb.resolve("train-labels-idx1-ubyte"));

        Path hostile = idxCopy("hostile");
        ByteBuffer header = ByteBuffer.allocate(16).putInt(0x803).putInt(1_000_000_000).putInt(28).putInt(28);
        Files.write(hostile.resolve("train-images-idx3-ubyte"), header.array());
        Files.write(hostile.resolve("train-labels-idx1-ubyte"),
                ByteBuffer.allocate(8).putInt(0x801).putInt(1_000_000_000).array());

        Path cifar = CifarWriter.write(bad.resolve("cifar/data_batch_1.bin"), new int[] {0, 1, 2});
        Files.write(cifar, java.util.Arrays.copyOf(Files.readAllBytes(cifar), 3 * 3073 - 10));

        Path emptyFolder = Files.createDirectories(bad.resolve("empty-folder"));
        Path mixed = bad.resolve("mixed");
        ImageFolders.write(mixed, 2, 28, 1);
        ImageFolders.writeOne(mixed.resolve("vertical/big.png"), 32, 32);
        Path text = Files.writeString(bad.resolve("notes.txt"), "these are not images\n");

        Path smallTest = Files.createDirectories(bad.resolve("small-test"));
        IdxWriter.write(smallTest, "t10k", new LabelledImages(Shape.of(1, 14, 14), new float[4 * 196],
                new int[] {0, 1, 2, 3}, 10), false);

        return List.of(
                trainOn("IDX images cut short", truncated, images.toString(), "truncated"),
                trainOn("label count differs from image count", counts, "64 images", "63 labels"),
                trainOn("label out of range", labels, "train-labels-idx1-ubyte", "label 12 of sample 5"),
                trainOn("gzip bomb behind a one-image header", bomb, "train-images-idx3-ubyte.gz",
                        "has data after the 784 bytes its header declares"),
                trainOn("headers claiming a billion images", hostile, "train-images-idx3-ubyte",
                        "declares 1000000000 images", "over the limit"),
                trainOn("no such path", bad.resolve("missing"), bad.resolve("missing").toString(),
                        "no such file or directory"),
                new Case(DATA, "CIFAR batch of a wrong size", args("train", "--data", cifar.getParent().toString(),
                        "--model", "cifar-small", "--max-steps", "1"), List.of(cifar.toString(), "not a multiple of 3073")),
                trainOn("empty folder", emptyFolder, emptyFolder.toString(), "empty"),
                trainOn("images of mixed sizes", mixed, "big.png", "32x32"),
                trainOn("a text file as data", text, text.toString()),
                new Case(DATA, "test data of another shape", args("train", "--data", data.toString(), "--test-data",
                        smallTest.toString(), "--max-steps", "1", "--partitions", "2"),
                        List.of(smallTest.toString(), "1x14x14", "1x28x28")));
    }

    /** A copy of the trained model, damaged by {@code damage}, scored by {@code evaluate}. */
    private static Case damagedModel(String what, String name, ModelDamage damage, String... mustContain)
            throws IOException {
        Path copy = bad.resolve("model-" + name);
        TestFiles.copyTree(model, copy);
        damage.apply(copy);
        return new Case(MODEL, what, args("evaluate", "--model", copy.toString(), "--data", data.toString()),
                List.of(mustContain));
    }

    @FunctionalInterface
    private interface ModelDamage {
        void apply(Path dir) throws IOException;
    }

    private static void flip(Path file, int offset) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[offset] ^= 0x10;
        Files.write(file, bytes);
    }

    private static List<Case> modelDirectories() throws IOException {
        Path notADir = Files.writeString(bad.resolve("model-file"), "a file");
        return List.of(
                damagedModel("parameters missing", "no-params", d -> Files.delete(d.resolve("params.bin")),
                        "params.bin", "missing"),
                damagedModel("parameters cut short", "short-params", d -> Files.write(d.resolve("params.bin"),
                        java.util.Arrays.copyOf(Files.readAllBytes(d.resolve("params.bin")), 100)),
                        "params.bin", "truncated"),
                damagedModel("a flipped bit in the parameters", "flipped", d -> flip(d.resolve("params.bin"), 200),
                        "params.bin", "checksum"),
                damagedModel("a future parameter format", "version", d -> flip(d.resolve("params.bin"), 9),
                        "params.bin", "version"),
                damagedModel("a future model format", "format", d -> Files.writeString(d.resolve("model.json"),
                        Files.readString(d.resolve("model.json")).replace("\"format\": 1", "\"format\": 2")),
                        "model.json", "format 2"),
                damagedModel("model.json not JSON", "meta-syntax", d -> Files.writeString(d.resolve("model.json"),
                        "{\"format\": 1,"), "model.json"),
                damagedModel("spec of another model", "other-spec", d -> Files.writeString(d.resolve("spec.json"),
                        net("{\"type\": \"flatten\"}, {\"type\": \"linear\", \"out_features\": 10}")),
                        "params.bin", "parameters"),
                damagedModel("class list of the wrong length", "classes", d -> Files.writeString(d.resolve("model.json"),
                        Files.readString(d.resolve("model.json")).replaceFirst("\"classes\": \\[", "\"classes\": [\"x\", ")),
                        "model.json", "11 classes"),
                damagedModel("spec.json missing", "no-spec", d -> Files.delete(d.resolve("spec.json")), "spec.json",
                        "missing"),
                new Case(MODEL, "a file for --model", args("evaluate", "--model", notADir.toString()),
                        List.of("--model " + notADir)));
    }

    private static Case resume(String what, Path dir, List<String> extra, String... mustContain) {
        List<String> all = new ArrayList<>(List.of("train", "--data", data.toString(), "--epochs", "1", "--batch-size",
                "32", "--max-steps", "3", "--checkpoint-dir", dir.toString(), "--checkpoint-every", "1",
                "--partitions", "2"));
        all.addAll(extra);
        return new Case(CHECKPOINT, what, all, List.of(mustContain));
    }

    private static List<Case> checkpointCases() throws IOException {
        Path allDamaged = bad.resolve("damaged-checkpoints");
        TestFiles.copyTree(checkpoints, allDamaged);
        try (Stream<Path> steps = Files.list(allDamaged)) {
            for (Path step : (Iterable<Path>) steps.filter(Files::isDirectory)::iterator) {
                Files.delete(step.resolve("meta.json"));
            }
        }
        Path fileAsDir = Files.writeString(bad.resolve("checkpoint-file"), "not a directory");
        Path otherSpec = Files.writeString(bad.resolve("other.json"), net("{\"type\": \"flatten\"}, "
                + "{\"type\": \"linear\", \"out_features\": 10}"));
        return List.of(
                resume("a fresh run into a directory of checkpoints", checkpoints, args(), "already holds checkpoints",
                        "step-000002"),
                resume("resume with another seed", checkpoints, args("--resume", "--seed", "7"), "step-000002",
                        "resume with the same seed"),
                resume("resume with another model", checkpoints, args("--resume", "--model", otherSpec.toString()),
                        "step-000002", "different model spec"),
                resume("resume with another optimizer", checkpoints, args("--resume", "--optimizer", "sgd"),
                        "step-000002", "another optimizer"),
                resume("resume where every checkpoint is damaged", allDamaged, args("--resume"),
                        "none of the 2 checkpoints", "meta.json: is missing"),
                resume("a file as checkpoint directory", fileAsDir, args("--resume"), fileAsDir.toString(),
                        "not a directory"));
    }

    /** SHA-256 of every file an earlier run wrote (and of the data it read), by path under the workspace. */
    private static Map<String, String> hashes() {
        Map<String, String> result = new TreeMap<>();
        for (Path dir : new Path[] {data, model, checkpoints, reports}) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) walk::iterator) {
                    String key = root.relativize(p).toString().replace('\\', '/');
                    result.put(key, Files.isDirectory(p) ? "dir" : sha256(Files.readAllBytes(p)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return result;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
