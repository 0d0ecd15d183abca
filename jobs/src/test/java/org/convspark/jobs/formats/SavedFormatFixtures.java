package org.convspark.jobs.formats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.convspark.driver.checkpoint.Checkpoint;
import org.convspark.driver.checkpoint.CheckpointStore;
import org.convspark.engine.io.NamedArrays;
import org.convspark.engine.io.ParameterFile;
import org.convspark.engine.json.Json;
import org.convspark.engine.json.JsonArray;
import org.convspark.engine.json.JsonObject;
import org.convspark.engine.json.JsonValue;
import org.convspark.engine.model.Network;
import org.convspark.engine.model.SavedModel;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.spec.ModelSpecJson;
import org.convspark.jobs.ModelDirectory;

/**
 * Writes the saved-format fixtures that {@link SavedFormatsTest} loads: a model directory, a
 * checkpoint directory and a standalone parameter file of a small network, and {@code
 * expected.json} with inputs and the logits the network gave on them when the fixtures were
 * written. Run once per format version, by hand ({@code main(outputDir)}), and commit the output
 * under {@code src/test/resources/formats/}: the fixtures are what older releases wrote, so they
 * must never be regenerated to make a test pass.
 */
public final class SavedFormatFixtures {
    static final String SPEC = "{\"name\": \"fixture\", \"input\": [1, 6, 6], \"layers\": ["
            + "{\"type\": \"conv\", \"out_channels\": 3, \"kernel\": 3, \"padding\": 1}, {\"type\": \"relu\"}, "
            + "{\"type\": \"maxpool\", \"kernel\": 2}, {\"type\": \"flatten\"}, "
            + "{\"type\": \"linear\", \"out_features\": 4}]}";
    static final List<String> CLASSES = List.of("north", "east", "south", "west");
    static final int SAMPLES = 3;
    static final long CHECKPOINT_STEP = 3;

    private SavedFormatFixtures() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Files.createDirectories(Path.of(args[0]));
        ModelSpec spec = ModelSpecJson.parse(SPEC, "fixture spec");
        Network network = new Network(spec);
        float[] params = network.initialParameters(7);
        for (int i = 0; i < params.length; i++) {
            params[i] += 0.01f * (i % 5); // the biases start at 0: make every parameter count
        }
        ModelDirectory.write(out.resolve("model"), new SavedModel(spec, params, CLASSES,
                JsonObject.builder().put("steps", CHECKPOINT_STEP).build()), false);

        float[][] optimizerState = {new float[params.length], new float[params.length]};
        for (int i = 0; i < params.length; i++) {
            optimizerState[0][i] = 0.001f * i;
            optimizerState[1][i] = 1e-6f * i * i;
        }
        new CheckpointStore(out.resolve("checkpoints").toString(), new Configuration()).write(new Checkpoint(
                CHECKPOINT_STEP, 1, 7, ModelSpecJson.toJson(spec), params, optimizerState,
                JsonObject.builder().put("optimizer", "adam").build()));

        ParameterFile.write(out.resolve("params.bin"), new NamedArrays().put("params", params)
                .put("m", optimizerState[0]));

        float[] inputs = new float[SAMPLES * spec.input().size()];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = ((i * 7) % 17) / 16f;
        }
        float[] logits = new float[SAMPLES * CLASSES.size()];
        network.predictLogits(params, inputs, 0, SAMPLES, logits, 0);
        List<JsonValue> m = new ArrayList<>();
        m.add(JsonArray.ofFloats(optimizerState[0]));
        m.add(JsonArray.ofFloats(optimizerState[1]));
        Files.writeString(out.resolve("expected.json"), Json.pretty(JsonObject.builder()
                .put("inputs", JsonArray.ofFloats(inputs))
                .put("logits", JsonArray.ofFloats(logits))
                .put("optimizer_state", JsonArray.of(m))
                .build()) + "\n");
    }
}
