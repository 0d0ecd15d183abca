package org.convspark.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.convspark.engine.json.JsonObject;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.model.SavedModel;
import org.convspark.engine.model.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data half of a saved model, through Hadoop's local file system (no Spark needed). */
class ModelDataTest {
    private static final Configuration CONF = new Configuration();
    private static final ModelSpec SPEC = SpecParam.parse(Bars.SPEC);

    @TempDir
    Path tmp;

    private String write() {
        float[] params = new Network(SPEC).initialParameters(3);
        ModelData.write(tmp.toString(), CONF, SPEC, params, List.of("h", "v", "d"),
                JsonObject.builder().put("epochs", 2).build());
        return tmp.toString();
    }

    private static void assertMessage(String expected, Class<? extends Throwable> type,
                                      org.junit.jupiter.api.function.Executable action) {
        Throwable e = assertThrows(type, action);
        assertTrue(e.getMessage().contains(expected), () -> "expected '" + expected + "' in: " + e.getMessage());
    }

    @Test
    void whatIsWrittenReadsBack() {
        String path = write();
        SavedModel loaded = ModelData.read(path, CONF);
        assertEquals(SPEC, loaded.spec());
        assertArrayEquals(new Network(SPEC).initialParameters(3), loaded.params());
        assertEquals(List.of("h", "v", "d"), loaded.classNames());
        assertEquals(2, loaded.training().require("epochs").asInt());
    }

    @Test
    void aGraphWithBatchNormAndItsRunningStatisticsReadsBack() {
        ModelSpec graph = org.convspark.engine.spec.ModelZoo.get("resnet20")
                .withInput(org.convspark.engine.tensor.Shape.of(1, 12, 12));
        float[] params = new Network(graph).initialParameters(5);
        params[params.length - 700] = 0.25f; // somewhere in the last stage's batch norm state or weights
        ModelData.write(tmp.toString(), CONF, graph, params, List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
                JsonObject.builder().build());
        SavedModel loaded = ModelData.read(tmp.toString(), CONF);
        assertEquals(graph, loaded.spec());
        assertTrue(!loaded.spec().isChain() && loaded.spec().stateCount() > 0);
        assertArrayEquals(params, loaded.params());
    }

    @Test
    void filesThatDoNotAgreeAreRefusedNamingTheFile() throws IOException {
        String path = write();
        Path meta = tmp.resolve("data/model.json");
        String text = Files.readString(meta);
        Files.deleteIfExists(tmp.resolve("data/.model.json.crc"));
        Files.writeString(meta, text.replace("\"format\": 1", "\"format\": 2"));
        assertMessage("model.json: model format 2 is not supported (this build reads 1)",
                IllegalArgumentException.class, () -> ModelData.read(path, CONF));
        Files.writeString(meta, text.replace("\"d\"", "\"d\", \"x\""));
        assertMessage("model.json: lists 4 classes but the model in spec.json has 3 outputs",
                IllegalArgumentException.class, () -> ModelData.read(path, CONF));
        Files.writeString(meta, text.replace("\"classes\"", "\"klasses\""));
        assertMessage("model.json", IllegalArgumentException.class, () -> ModelData.read(path, CONF));
        Files.writeString(meta, text);
        Files.deleteIfExists(tmp.resolve("data/.spec.json.crc"));
        Files.writeString(tmp.resolve("data/spec.json"), Bars.SPEC.replace("\"out_channels\": 6",
                "\"out_channels\": 5"));
        assertMessage("params.bin: holds 351 parameters but the model in spec.json has", IllegalArgumentException.class,
                () -> ModelData.read(path, CONF));
        Files.delete(tmp.resolve("data/spec.json"));
        assertMessage("spec.json: missing", IllegalArgumentException.class, () -> ModelData.read(path, CONF));
    }
}
