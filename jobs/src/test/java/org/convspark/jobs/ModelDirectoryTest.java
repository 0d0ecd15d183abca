package org.convspark.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.convspark.engine.json.JsonObject;
import org.convspark.engine.model.ModelFiles;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.spec.ModelZoo;
import org.convspark.engine.model.Network;
import org.convspark.engine.model.SavedModel;
import org.convspark.engine.testing.FileModes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDirectoryTest {
    private static final ModelSpec SPEC = ModelZoo.get("lenet5");
    private static final List<String> CLASSES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    @TempDir
    Path tmp;

    private static SavedModel model(long seed) {
        return new SavedModel(SPEC, new Network(SPEC).initialParameters(seed), CLASSES,
                JsonObject.builder().put("steps", 3).build());
    }

    private String error(Path dir) {
        return assertThrows(UserError.class, () -> ModelDirectory.read(dir)).getMessage();
    }

    @Test
    void roundTrip() {
        Path dir = tmp.resolve("m");
        SavedModel written = model(1);
        ModelDirectory.write(dir, written, false);
        SavedModel read = ModelDirectory.read(dir);
        assertEquals(SPEC, read.spec());
        assertArrayEquals(written.params(), read.params());
        assertEquals(CLASSES, read.classNames());
        assertEquals(3, read.training().get("steps").asInt());
    }

    @Test
    void everyFileGetsTheUmaskModeNotAPrivateOne() throws IOException {
        Path dir = tmp.resolve("m");
        ModelDirectory.write(dir, model(1), false);
        for (String file : List.of(ModelFiles.SPEC, ModelFiles.PARAMS, ModelFiles.META)) {
            FileModes.assertUmaskDefault(dir.resolve(file));
        }
    }

    @Test
    void replacingNeedsOverwriteAndLeavesNoTemporaryFiles() throws IOException {
        Path dir = tmp.resolve("m");
        ModelDirectory.write(dir, model(1), false);
        UserError refused = assertThrows(UserError.class, () -> ModelDirectory.write(dir, model(2), false));
        assertTrue(refused.getMessage().startsWith("--output " + dir + ": already exists"), refused.getMessage());
        ModelDirectory.write(dir, model(2), true);
        assertArrayEquals(model(2).params(), ModelDirectory.read(dir).params());
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(List.of(dir), files.toList());
        }
    }

    @Test
    void damagedParametersAreRefusedByName() throws IOException {
        Path dir = tmp.resolve("m");
        ModelDirectory.write(dir, model(1), false);
        Path params = dir.resolve("params.bin");
        byte[] bytes = Files.readAllBytes(params);
        bytes[100] ^= 0x10;
        Files.write(params, bytes);
        assertTrue(error(dir).startsWith(params + ": checksum mismatch"), error(dir));
        Files.write(params, java.util.Arrays.copyOf(bytes, 50));
        assertTrue(error(dir).startsWith(params + ": truncated"), error(dir));
    }

    @Test
    void parametersOfAnotherModelAreRefused() throws IOException {
        Path dir = tmp.resolve("m");
        ModelDirectory.write(dir, model(1), false);
        Files.writeString(dir.resolve("spec.json"), "{\"name\": \"tiny\", \"input\": [1, 4, 4], \"layers\": ["
                + "{\"type\": \"flatten\"}, {\"type\": \"linear\", \"out_features\": 10}]}");
        assertEquals(dir.resolve("params.bin") + ": holds 61706 parameters but the model in spec.json has 170",
                error(dir));
    }

    @Test
    void classListMustMatchTheOutputs() throws IOException {
        Path dir = tmp.resolve("m");
        ModelDirectory.write(dir, model(1), false);
        Path meta = dir.resolve("model.json");
        Files.writeString(meta, Files.readString(meta).replace("\"9\"", "\"9\", \"10\""));
        assertEquals(meta + ": lists 11 classes but the model in spec.json has 10 outputs", error(dir));
    }

    @Test
    void missingFilesAndWrongFormatsAreNamed() throws IOException {
        Path dir = tmp.resolve("m");
        assertEquals("--model " + dir + ": no such directory", error(dir));
        ModelDirectory.write(dir, model(1), false);
        Path meta = dir.resolve("model.json");
        Files.writeString(meta, Files.readString(meta).replace("\"format\": 1", "\"format\": 2"));
        assertEquals(meta + ": model format 2 is not supported (this build reads 1)", error(dir));
        Files.delete(meta);
        assertEquals(meta + ": missing (a model directory holds spec.json, params.bin and model.json)", error(dir));
        Path file = Files.writeString(tmp.resolve("file"), "x");
        assertEquals("--model " + file + ": is not a model directory (evaluate and predict take the directory train "
                + "--output wrote)", error(file));
    }
}
