package org.convspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.convspark.engine.json.Json;
import org.convspark.engine.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI run in-process, with its output and error streams captured. */
class ConvsparkCliTest {

    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ConvsparkCli.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    /** A user error is exactly one line, starting with the program name, with no stack trace. */
    private static String oneErrorLine(Run r) {
        assertEquals(ConvsparkCli.EXIT_USER_ERROR, r.code(), r.err());
        assertTrue(r.err().startsWith("convspark: error: "), r.err());
        assertTrue(r.err().endsWith("\n"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        return r.err().strip();
    }

    @Test
    void reportOnLenet5PrintsBothTables() {
        Run r = run("report", "--model", "lenet5");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        assertTrue(r.out().startsWith("Parameters of lenet5 (input 1x28x28"), r.out());
        assertTrue(r.out().contains("\n       total              61,706 "), r.out());
        assertTrue(r.out().contains("\nReceptive fields of lenet5 (input 1x28x28"), r.out());
        assertTrue(r.out().contains("    5  maxpool  16x5x5    16x16              4x4     (5.5, 5.5)\n"), r.out());
        assertTrue(r.out().contains("From layer 6 (flatten) on, every unit sees the whole input."), r.out());
    }

    @Test
    void reportWritesValidJson() {
        Path out = tmp.resolve("lenet5-report.json");
        Run r = run("report", "--model", "lenet5", "--json", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Wrote the report as JSON to " + out), r.out());
        JsonObject json = Json.parse(read(out), out.toString()).asObject();
        assertEquals("lenet5", json.get("model").asString());
        assertEquals(61_706, json.get("total_params").asLong());
        assertEquals(12, json.get("layers").asArray().size());
        JsonObject conv = json.get("layers").asArray().get(0).asObject();
        assertEquals(156, conv.get("params").asLong());
        assertEquals(3_692_640, conv.get("fully_connected_params").asLong());
        assertEquals(Json.parse("[5, 5]", "expected"), conv.get("receptive_field"));
    }

    @Test
    void reportReadsASpecFile() throws IOException {
        Path spec = tmp.resolve("tiny.json");
        Files.writeString(spec, "{\"input\": [1, 8], \"layers\": [{\"type\": \"conv\", \"out_channels\": 2, "
                + "\"kernel\": 3, \"dilation\": 2}]}");
        Run r = run("report", "--model", spec.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Parameters of tiny (input 1x8;"), r.out());
        assertTrue(r.out().contains("    0  conv   2x4          8               72                 32"), r.out());
    }

    @Test
    void badSpecFileIsOneLineNamingFileLayerAndProblem() throws IOException {
        Path spec = tmp.resolve("bad.json");
        Files.writeString(spec, "{\"input\": [1, 28, 28],\n \"layers\": [{\"type\": \"relu\"},\n"
                + "  {\"type\": \"conv2d\", \"out_channels\": 4, \"kernel\": 3}]}");
        String line = oneErrorLine(run("report", "--model", spec.toString()));
        assertEquals("convspark: error: " + spec + ":3:12: layer 1: unknown layer type \"conv2d\" (did you mean "
                + "\"conv\"?); known types: conv, convtranspose, maxpool, avgpool, globalavgpool, relu, leakyrelu, "
                + "tanh, sigmoid, batchnorm, flatten, linear, add, concat, dropout", line);
    }

    @Test
    void aBadGraphIsOneLineNamingTheNodeAndResnet20ReportsItsBlocks() throws IOException {
        Path spec = tmp.resolve("graph.json");
        Files.writeString(spec, "{\"input\": [1, 8, 8], \"layers\": [\n"
                + "  {\"name\": \"a\", \"type\": \"conv\", \"out_channels\": 2, \"kernel\": 3},\n"
                + "  {\"name\": \"sum\", \"type\": \"add\", \"inputs\": [\"a\", \"input\"]},\n"
                + "  {\"type\": \"flatten\"}, {\"type\": \"linear\", \"out_features\": 2}]}");
        assertEquals("convspark: error: " + spec + ":3:3: layer 1 (add, node \"sum\"): add needs inputs of one shape, "
                + "got 2x6x6 and 1x8x8 [input 2x6x6 and 1x8x8]", oneErrorLine(run("report", "--model", spec.toString())));
        Run r = run("report", "--model", "resnet20");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Blocks of resnet20") && r.out().contains("stage3.block1.shortcut")
                && r.out().contains("21x21"), r.out());
    }

    @Test
    void malformedJsonIsOneLineWithPosition() throws IOException {
        Path spec = tmp.resolve("broken.json");
        Files.writeString(spec, "{\"input\": [1, 28, 28], \"layers\": [\n  {\"type\": \"relu\",}\n]}");
        assertEquals("convspark: error: " + spec + ":2:19: expected a string key but found '}'",
                oneErrorLine(run("report", "--model", spec.toString())));
    }

    @Test
    void debugAddsTheStackTrace() throws IOException {
        Path spec = tmp.resolve("bad.json");
        Files.writeString(spec, "{\"input\": [1, 28, 28], \"layers\": []}");
        Run r = run("report", "--model", spec.toString(), "--debug");
        assertEquals(ConvsparkCli.EXIT_USER_ERROR, r.code());
        assertTrue(r.err().startsWith("convspark: error: " + spec + ":1:34: field \"layers\": a model needs at least "
                + "one layer\n"), r.err());
        assertTrue(r.err().contains("ModelSpecException"), r.err());
        assertTrue(r.err().contains("\tat "), r.err());
    }

    @Test
    void missingFileIsOneLine() {
        String missing = tmp.resolve("nope.json").toString();
        assertEquals("convspark: error: --model " + missing + ": no such file, and unknown zoo model \"" + missing
                + "\"; the zoo has: lenet5, cifar-small, resnet20, resnet32", oneErrorLine(run("report", "--model", missing)));
    }

    @Test
    void unknownZooNameListsTheZoo() {
        assertEquals("convspark: error: --model lenet: no such file, and unknown zoo model \"lenet\" (did you mean "
                + "\"lenet5\"?); the zoo has: lenet5, cifar-small, resnet20, resnet32", oneErrorLine(run("report", "--model", "lenet")));
    }

    @Test
    void directoryAsModelIsOneLine() {
        assertEquals("convspark: error: --model " + tmp + ": is a directory, not a spec file",
                oneErrorLine(run("report", "--model", tmp.toString())));
    }

    @Test
    void unwritableJsonOutputIsOneLineAndWritesNothing() {
        Path out = tmp.resolve("no-such-dir").resolve("r.json");
        String line = oneErrorLine(run("report", "--model", "lenet5", "--json", out.toString()));
        assertEquals("convspark: error: cannot write " + out + ": directory " + out.getParent() + " does not exist",
                line);
        assertFalse(Files.exists(out.getParent()));
    }

    @Test
    void failedRunLeavesAnEarlierJsonUnchanged() throws IOException {
        Path out = tmp.resolve("r.json");
        Files.writeString(out, "previous");
        oneErrorLine(run("report", "--model", "nonexistent-model", "--json", out.toString()));
        assertEquals("previous", read(out));
        assertEquals(1, Files.list(tmp).count(), "no temporary files left behind");
    }

    @Test
    void optionErrorsAreOneLine() {
        assertEquals("convspark: error: Missing required option: '--model=SPEC.json|ZOO_NAME' "
                + "(see 'convspark report --help')", oneErrorLine(run("report")));
        assertEquals("convspark: error: Unknown option: '--modle' (did you mean --model?) (see 'convspark report --help')",
                oneErrorLine(run("report", "--modle", "lenet5")));
        assertEquals("convspark: error: Unmatched argument at index 3: 'extra' (see 'convspark report --help')",
                oneErrorLine(run("report", "--model", "lenet5", "extra")));
        assertEquals("convspark: error: missing command; choose one of: train, evaluate, predict, report, plan, export "
                + "(see 'convspark --help')",
                oneErrorLine(run()));
        assertEquals("convspark: error: Unmatched argument at index 0: 'reprot' (did you mean report or predict?) "
                + "(see 'convspark --help')", oneErrorLine(run("reprot")));
    }

    @Test
    void helpListsTheCommands() {
        Run r = run("--help");
        assertEquals(0, r.code());
        for (String command : new String[] {"train", "evaluate", "predict", "report"}) {
            assertTrue(r.out().contains("  " + command + " "), r.out());
        }
        Run sub = run("report", "--help");
        assertEquals(0, sub.code());
        assertTrue(sub.out().contains("--model=SPEC.json|ZOO_NAME"), sub.out());
        assertTrue(sub.out().contains("--json=OUT.json"), sub.out());
        assertTrue(sub.out().contains("--debug"), sub.out());
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Only YARN's cluster mode keeps main from exiting: there the ApplicationMaster reports the status. */
    @Test
    void onlyTheDriverInsideYarnsApplicationMasterReturnsInsteadOfExiting() {
        String mode = System.getProperty("spark.submit.deployMode");
        String master = System.getProperty("spark.master");
        try {
            System.clearProperty("spark.submit.deployMode");
            System.clearProperty("spark.master");
            assertFalse(ConvsparkCli.inYarnApplicationMaster(), "bin/convspark, local");
            System.setProperty("spark.submit.deployMode", "client");
            System.setProperty("spark.master", "yarn");
            assertFalse(ConvsparkCli.inYarnApplicationMaster(), "YARN client mode: the driver is spark-submit's JVM");
            System.setProperty("spark.submit.deployMode", "cluster");
            assertTrue(ConvsparkCli.inYarnApplicationMaster(), "YARN cluster mode");
            System.setProperty("spark.master", "k8s://https://api:6443");
            assertFalse(ConvsparkCli.inYarnApplicationMaster(), "Kubernetes: the driver pod exits with the code");
        } finally {
            restore("spark.submit.deployMode", mode);
            restore("spark.master", master);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
