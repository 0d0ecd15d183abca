package org.convspark.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.convspark.engine.json.JsonObject;
import org.convspark.engine.model.SavedModel;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.spec.ModelZoo;
import org.convspark.jobs.testing.CliRun;
import org.convspark.onnx.RuntimeCheck;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code convspark export}: refusals are one line naming the file, and nothing written is lost. */
class ExportCommandTest {
    private static final byte[] OLD = "an earlier export".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    @TempDir
    Path tmp;
    Path model;

    @BeforeEach
    void writeModel() {
        ModelSpec spec = ModelZoo.get("lenet5");
        model = tmp.resolve("m");
        ModelDirectory.write(model, new SavedModel(spec, RuntimeCheck.parameters(spec, 5),
                List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), JsonObject.builder().build()), false);
    }

    @Test
    void anExistingOutputNeedsOverwriteAndIsReplacedWhole() throws IOException {
        Path onnx = Files.write(tmp.resolve("m.onnx"), OLD);
        String line = CliRun.of("export", "--model", model.toString(), "--onnx", onnx.toString()).oneErrorLine();
        assertEquals("convspark: error: --onnx " + onnx + ": already exists; choose a new path or add --overwrite",
                line);
        assertArrayEquals(OLD, Files.readAllBytes(onnx));
        CliRun.of("export", "--model", model.toString(), "--onnx", onnx.toString(), "--overwrite").ok();
        assertTrue(Files.size(onnx) > 61_706 * 4, "the export holds the parameters");
    }

    @Test
    void aDamagedModelIsRefusedNamingTheFileAndTheOutputIsKept() throws IOException {
        Path params = model.resolve("params.bin");
        byte[] bytes = Files.readAllBytes(params);
        bytes[100] ^= 0x10;
        Files.write(params, bytes);
        Path onnx = Files.write(tmp.resolve("m.onnx"), OLD);
        String line = CliRun.of("export", "--model", model.toString(), "--onnx", onnx.toString(), "--overwrite")
                .oneErrorLine();
        assertTrue(line.startsWith("convspark: error: " + params + ": "), line);
        assertArrayEquals(OLD, Files.readAllBytes(onnx));
    }

    @Test
    void aMissingModelDirectoryIsRefusedByName() {
        Path missing = tmp.resolve("nope");
        String line = CliRun.of("export", "--model", missing.toString(), "--onnx", tmp.resolve("x.onnx").toString())
                .oneErrorLine();
        assertEquals("convspark: error: --model " + missing + ": no such directory", line);
        assertTrue(Files.notExists(tmp.resolve("x.onnx")));
    }

    @Test
    void anUnwritableOutputIsRefusedBeforeAnythingIsRead() throws IOException {
        Path params = model.resolve("params.bin");
        Files.write(params, OLD); // damaged: the output's error comes first all the same
        Path missingDir = tmp.resolve("no/such/dir/m.onnx");
        assertEquals("convspark: error: --onnx " + missingDir + ": cannot write: directory " + missingDir.getParent()
                + " does not exist", CliRun.of("export", "--model", model.toString(), "--onnx",
                missingDir.toString()).oneErrorLine());
        Path underAFile = Files.write(tmp.resolve("file"), OLD).resolve("m.onnx");
        assertEquals("convspark: error: --onnx " + underAFile + ": cannot write: directory " + underAFile.getParent()
                + " does not exist", CliRun.of("export", "--model", model.toString(), "--onnx",
                underAFile.toString()).oneErrorLine());
        assertEquals("convspark: error: --onnx " + tmp + ": cannot write: it is a directory", CliRun.of("export",
                "--model", model.toString(), "--onnx", tmp.toString(), "--overwrite").oneErrorLine());
        assertArrayEquals(OLD, Files.readAllBytes(tmp.resolve("file")));
    }
}
