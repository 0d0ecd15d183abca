package org.convspark.jobs.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.convspark.driver.checkpoint.Checkpoint;
import org.convspark.driver.checkpoint.CheckpointStore;
import org.convspark.engine.io.NamedArrays;
import org.convspark.engine.io.ParameterFile;
import org.convspark.engine.json.Json;
import org.convspark.engine.json.JsonObject;
import org.convspark.engine.model.Network;
import org.convspark.engine.model.SavedModel;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.spec.ModelSpecJson;
import org.convspark.jobs.ModelDirectory;
import org.junit.jupiter.api.Test;

/**
 * Files written by an earlier build (format version 1, by {@link SavedFormatFixtures}) still load
 * and still predict what they predicted then: a change to the model directory, checkpoint or
 * parameter file format, or to how a network computes, that would break models users saved fails
 * here. The fixtures are committed and never regenerated.
 */
class SavedFormatsTest {
    private static final float TOLERANCE = 1e-5f;

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(SavedFormatsTest.class.getResource("/formats/v1/" + name).toURI());
    }

    private static JsonObject expected() throws IOException, URISyntaxException {
        return Json.parse(Files.readString(fixture("expected.json")), "expected.json").asObject();
    }

    private static float[] logits(ModelSpec spec, float[] params, float[] inputs) {
        float[] out = new float[SavedFormatFixtures.SAMPLES * SavedFormatFixtures.CLASSES.size()];
        new Network(spec).predictLogits(params, inputs, 0, SavedFormatFixtures.SAMPLES, out, 0);
        return out;
    }

    @Test
    void aModelDirectoryOfVersionOnePredictsAsItDid() throws IOException, URISyntaxException {
        SavedModel model = ModelDirectory.read(fixture("model"));
        assertEquals(ModelSpecJson.parse(SavedFormatFixtures.SPEC, "fixture spec"), model.spec());
        assertEquals(SavedFormatFixtures.CLASSES, model.classNames());
        assertEquals(SavedFormatFixtures.CHECKPOINT_STEP, model.training().get("steps").asLong());
        JsonObject expected = expected();
        assertArrayEquals(expected.get("logits").asArray().toFloatArray(),
                logits(model.spec(), model.params(), expected.get("inputs").asArray().toFloatArray()), TOLERANCE);
    }

    @Test
    void aCheckpointOfVersionOneResumesWithItsParametersAndOptimizerState() throws IOException,
            URISyntaxException {
        Checkpoint checkpoint = new CheckpointStore(fixture("checkpoints").toString(), new Configuration())
                .latestValid(line -> { }).orElseThrow();
        assertEquals(SavedFormatFixtures.CHECKPOINT_STEP, checkpoint.step());
        assertEquals(1, checkpoint.epoch());
        assertEquals(7, checkpoint.seed());
        assertEquals("adam", checkpoint.config().get("optimizer").asString());
        JsonObject expected = expected();
        List<float[]> state = expected.get("optimizer_state").asArray().elements().stream()
                .map(v -> v.asArray().toFloatArray()).toList();
        assertEquals(state.size(), checkpoint.optimizerState().length);
        for (int i = 0; i < state.size(); i++) {
            assertArrayEquals(state.get(i), checkpoint.optimizerState()[i], 0);
        }
        ModelSpec spec = ModelSpecJson.parse(checkpoint.specJson(), "checkpoint spec");
        assertArrayEquals(expected.get("logits").asArray().toFloatArray(),
                logits(spec, checkpoint.params(), expected.get("inputs").asArray().toFloatArray()), TOLERANCE);
    }

    @Test
    void aParameterFileOfVersionOneReadsBackItsArrays() throws IOException, URISyntaxException {
        NamedArrays arrays = ParameterFile.read(fixture("params.bin"));
        assertEquals(List.of("params", "m"), arrays.names());
        assertArrayEquals(ModelDirectory.read(fixture("model")).params(), arrays.get("params"), 0);
        assertArrayEquals(expected().get("optimizer_state").asArray().get(0).asArray().toFloatArray(),
                arrays.get("m"), 0);
    }
}
