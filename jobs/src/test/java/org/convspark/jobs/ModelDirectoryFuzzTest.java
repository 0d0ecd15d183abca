package org.convspark.jobs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.convspark.engine.json.JsonObject;
import org.convspark.engine.model.ModelFiles;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.spec.ModelSpecJson;
import org.convspark.engine.model.Network;
import org.convspark.engine.model.SavedModel;
import org.convspark.engine.testing.FileMutator;
import org.convspark.engine.testing.FileMutator.Mutation;
import org.convspark.engine.testing.LoaderFuzz;
import org.convspark.engine.testing.LoaderFuzz.Attempt;
import org.convspark.engine.testing.LoaderFuzz.Outcome;
import org.convspark.engine.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model directory as {@code train --output}
 * writes it, damaged in {@code spec.json}, {@code params.bin} or {@code model.json} (or in its
 * layout), is read by {@link ModelDirectory#read} or refused with a one-line
 * {@code UserInputException} naming the directory's file; never another exception, a hang or an
 * {@link OutOfMemoryError}.
 */
class ModelDirectoryFuzzTest {
    private static final ModelSpec SPEC = ModelSpecJson.parse("{\"name\": \"fuzzed\", \"input\": [1, 8, 8], "
            + "\"layers\": [{\"type\": \"conv\", \"out_channels\": 4, \"kernel\": 3, \"padding\": 1}, "
            + "{\"type\": \"relu\"}, {\"type\": \"maxpool\", \"kernel\": 2}, {\"type\": \"dropout\", \"p\": 0.2}, "
            + "{\"type\": \"flatten\"}, {\"type\": \"linear\", \"out_features\": 3}]}", "fuzzed.json");
    private static final FileMutator JSON = FileMutator.jsonText();
    private static final FileMutator PARAMS = FileMutator.parameterFile(List.of(ModelFiles.PARAMS_ARRAY));

    @TempDir
    Path tmp;

    @Test
    void damagedModelDirectoriesAreReadOrRefusedByName() throws IOException {
        Path valid = tmp.resolve("valid");
        ModelDirectory.write(valid, new SavedModel(SPEC, new Network(SPEC).initialParameters(5),
                List.of("bars", "dots", "rings"), JsonObject.builder().put("steps", 7).build()), false);
        ModelDirectory.read(valid);
        Map<String, byte[]> files = Map.of(
                ModelFiles.SPEC, Files.readAllBytes(valid.resolve(ModelFiles.SPEC)),
                ModelFiles.PARAMS, Files.readAllBytes(valid.resolve(ModelFiles.PARAMS)),
                ModelFiles.META, Files.readAllBytes(valid.resolve(ModelFiles.META)));
        Path damaged = tmp.resolve("damaged-model");

        Outcome outcome = LoaderFuzz.run("model directories", 1_000, random -> {
            TestFiles.deleteTree(damaged);
            Files.createDirectory(damaged);
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Files.write(damaged.resolve(f.getKey()), f.getValue());
            }
            String description = damage(damaged, files, random);
            return new Attempt(description, damaged.toString(), () -> ModelDirectory.read(damaged));
        });
        assertTrue(outcome.refused() >= outcome.cases() / 2, outcome.toString());
    }

    private static String damage(Path dir, Map<String, byte[]> files, SplittableRandom random) throws IOException {
        List<String> names = List.of(ModelFiles.SPEC, ModelFiles.PARAMS, ModelFiles.META);
        String name = names.get(random.nextInt(names.size()));
        Path file = dir.resolve(name);
        if (random.nextInt(10) == 0) {
            return TestFiles.damageLayout(file, random);
        }
        Mutation m = (name.equals(ModelFiles.PARAMS) ? PARAMS : JSON).mutate(files.get(name), random);
        Files.write(file, m.bytes());
        return name + ": " + m.description();
    }
}
