package org.convspark.driver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import org.apache.hadoop.conf.Configuration;
import org.convspark.driver.checkpoint.Checkpoint;
import org.convspark.driver.checkpoint.CheckpointStore;
import org.convspark.engine.json.Json;
import org.convspark.engine.json.JsonObject;
import org.convspark.engine.json.JsonValue;
import org.convspark.engine.model.Network;
import org.convspark.engine.optim.OptimizerConfig;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.spec.ModelSpecJson;
import org.convspark.engine.testing.FileMutator.Mutation;
import org.convspark.engine.testing.FileMutator;
import org.convspark.engine.testing.LoaderFuzz.Attempt;
import org.convspark.engine.testing.LoaderFuzz.Outcome;
import org.convspark.engine.testing.LoaderFuzz;
import org.convspark.engine.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A valid checkpoint directory as {@link CheckpointStore}
 * writes it, damaged in one file per case (or in its layout), loads or is refused with a one-line
 * {@code UserInputException} naming the checkpoint; and {@code latestValid} then always falls back
 * to the intact older checkpoint beside it, saying why. Half the damaged spec and state files are
 * re-sealed (their length and CRC32 in {@code meta.json} updated) so that the spec parser and the
 * parameter reader, not only the checksum, meet the damage.
 */
class CheckpointFuzzTest {
    private static final ModelSpec SPEC = TestData.smallConvNet();
    private static final String DAMAGED = Checkpoint.directoryName(7);
    private static final String INTACT = Checkpoint.directoryName(3);
    private static final FileMutator JSON = FileMutator.jsonText();

    @TempDir
    Path dir;

    private static Checkpoint checkpoint(long step) {
        float[] params = new Network(SPEC).initialParameters(step);
        float[] velocity = new float[params.length];
        for (int i = 0; i < velocity.length; i++) {
            velocity[i] = params[i] * 0.1f;
        }
        TrainerConfig config = TrainerConfig.builder().batchSize(32).seed(9)
                .optimizer(OptimizerConfig.of("momentum", 0.05)).build();
        return new Checkpoint(step, 1, 9, ModelSpecJson.toJson(SPEC), params, new float[][] {velocity},
                config.toJson());
    }

    @Test
    void damagedCheckpointsLoadOrAreRefusedAndTheIntactOneIsFound() throws IOException {
        Path valid = dir.resolve("valid");
        CheckpointStore writer = new CheckpointStore(valid.toUri().toString(), new Configuration());
        writer.write(checkpoint(3));
        writer.write(checkpoint(7));
        Map<String, byte[]> files = Map.of(
                CheckpointStore.SPEC, Files.readAllBytes(valid.resolve(DAMAGED).resolve(CheckpointStore.SPEC)),
                CheckpointStore.STATE, Files.readAllBytes(valid.resolve(DAMAGED).resolve(CheckpointStore.STATE)),
                CheckpointStore.META, Files.readAllBytes(valid.resolve(DAMAGED).resolve(CheckpointStore.META)));
        FileMutator state = FileMutator.parameterFile(List.of(CheckpointStore.PARAMS,
                CheckpointStore.OPTIMIZER_PREFIX + 0));
        Path cases = dir.resolve("cases");
        Configuration hadoop = new Configuration();

        TestFiles.copyTree(valid.resolve(INTACT), cases.resolve(INTACT));
        float[] intactParams = checkpoint(3).params();
        Outcome outcome = LoaderFuzz.run("checkpoint directories", 1_000, random -> {
            Path damaged = cases.resolve(DAMAGED);
            TestFiles.deleteTree(damaged);
            Files.createDirectory(damaged);
            String description = damage(damaged, files, state, random);
            CheckpointStore store = new CheckpointStore(cases.toUri().toString(), hadoop);
            org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(cases.toUri().toString(), DAMAGED);
            return new Attempt(description, DAMAGED, () -> {
                List<String> log = new ArrayList<>();
                Optional<Checkpoint> latest = store.latestValid(log::add);
                assertTrue(latest.isPresent(), "latestValid found nothing; log: " + log);
                Checkpoint loaded = null;
                try {
                    loaded = store.read(target);
                } finally {
                    long expected = loaded == null ? 3 : 7;
                    assertEquals(expected, latest.get().step(), "latestValid's choice; log: " + log);
                    assertEquals(loaded == null ? 1 : 0, log.size(), "skip notices: " + log);
                    if (loaded == null) {
                        assertArrayEquals(intactParams, latest.get().params());
                        assertTrue(log.get(0).startsWith("skipping damaged checkpoint ") && log.get(0)
                                .contains(DAMAGED), log.get(0));
                    }
                }
            });
        });
        assertTrue(outcome.refused() >= outcome.cases() / 2, outcome.toString());
    }

    /** Damages the checkpoint written into {@code damaged}; returns what was done. */
    private static String damage(Path damaged, Map<String, byte[]> files, FileMutator state, SplittableRandom random)
            throws IOException {
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Files.write(damaged.resolve(f.getKey()), f.getValue());
        }
        int what = random.nextInt(10);
        if (what == 0) {
            return layout(damaged, random);
        }
        String name = what <= 3 ? CheckpointStore.META : what <= 6 ? CheckpointStore.SPEC : CheckpointStore.STATE;
        Mutation m = (name.equals(CheckpointStore.STATE) ? state : JSON).mutate(files.get(name), random);
        Files.write(damaged.resolve(name), m.bytes());
        boolean reseal = !name.equals(CheckpointStore.META) && random.nextBoolean();
        if (reseal) {
            Files.write(damaged.resolve(CheckpointStore.META), resealed(files.get(CheckpointStore.META), name,
                    m.bytes()));
        }
        return name + ": " + m.description() + (reseal ? " (meta.json re-sealed to match)" : "");
    }

    private static String layout(Path damaged, SplittableRandom random) throws IOException {
        String name = List.of(CheckpointStore.SPEC, CheckpointStore.STATE, CheckpointStore.META)
                .get(random.nextInt(3));
        if (random.nextInt(4) == 0) {
            TestFiles.deleteTree(damaged);
            Files.createDirectory(damaged);
            return "empty checkpoint directory";
        }
        return TestFiles.damageLayout(damaged.resolve(name), random);
    }

    /** {@code meta.json} with the length and CRC32 of {@code file} changed to those of {@code bytes}. */
    private static byte[] resealed(byte[] meta, String file, byte[] bytes) {
        JsonObject original = Json.parse(new String(meta, StandardCharsets.UTF_8), "meta.json").asObject();
        CRC32 crc = new CRC32();
        crc.update(bytes);
        JsonObject.Builder files = JsonObject.builder();
        for (Map.Entry<String, JsonValue> e : original.require("files").asObject().members().entrySet()) {
            files.put(e.getKey(), e.getKey().equals(file)
                    ? JsonObject.builder().put("bytes", bytes.length).put("crc32", crc.getValue()).build()
                    : e.getValue());
        }
        JsonObject.Builder b = JsonObject.builder();
        for (Map.Entry<String, JsonValue> e : original.members().entrySet()) {
            b.put(e.getKey(), e.getKey().equals("files") ? files.build() : e.getValue());
        }
        return Json.pretty(b.build()).getBytes(StandardCharsets.UTF_8);
    }
}
