package org.convspark.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.convspark.engine.data.EmbeddedMnist;
import org.convspark.engine.data.LabelledImages;
import org.convspark.engine.geometry.PaddingMode;
import org.convspark.engine.json.JsonObject;
import org.convspark.engine.model.SavedModel;
import org.convspark.engine.spec.ConvSpec;
import org.convspark.engine.spec.LayerSpec;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.spec.ModelSpecJson;
import org.convspark.engine.spec.ModelZoo;
import org.junit.jupiter.api.Test;

/**
 * Every export is run by ONNX Runtime and must agree with the engine: the zoo models (LeNet-5 on
 * the embedded MNIST test digits) and random specs over all layer kinds, padding modes and
 * 1/2/3-D inputs.
 */
class OnnxRuntimeTest {
    static final int RANDOM_SPECS = 30;

    @Test
    void zooModelsAgreeWithTheEngine() throws OrtException {
        List<String> checked = new ArrayList<>();
        for (String name : ModelZoo.names()) {
            ModelSpec spec = ModelZoo.get(name);
            float[] images;
            int count = 8;
            if (spec.input().size() == 28 * 28) {
                LabelledImages test = EmbeddedMnist.test().slice(0, 64);
                images = test.pixels();
                count = test.count();
            } else {
                images = RuntimeCheck.images(spec, count, 7);
            }
            SavedModel model = model(spec, 11);
            RuntimeCheck.Result r = RuntimeCheck.compare(model, images, count);
            checked.add(describe(r));
        }
        System.out.println("ONNX Runtime vs engine, zoo: " + String.join("; ", checked));
        assertEquals(ModelZoo.names().size(), checked.size());
    }

    @Test
    void randomSpecsOverEveryLayerKindAgreeWithTheEngine() throws OrtException {
        Set<String> types = new TreeSet<>();
        Set<PaddingMode> modes = new TreeSet<>();
        Set<Integer> ranks = new TreeSet<>();
        Set<String> features = new TreeSet<>();
        double worst = 0;
        for (int i = 0; i < RANDOM_SPECS; i++) {
            ModelSpec spec = RandomSpecs.spec(i);
            for (LayerSpec layer : spec.layers()) {
                types.add(layer.type());
                if (layer instanceof ConvSpec conv) {
                    modes.add(conv.geometry().paddingMode());
                }
                features.addAll(Features.of(layer));
            }
            ranks.add(spec.input().rank() - 1);
            RuntimeCheck.Result r = RuntimeCheck.compare(model(spec, i), RuntimeCheck.images(spec, 5, i), 5);
            worst = Math.max(worst, r.relative());
        }
        System.out.println("ONNX Runtime vs engine: " + RANDOM_SPECS + " random specs, worst max |logit difference| / "
                + "max |logit| = " + worst + "; layer types " + types + ", padding modes " + modes);
        assertEquals(new TreeSet<>(ModelSpecJson.layerTypes()), types, "layer kinds the random specs covered");
        assertEquals(Set.of(PaddingMode.values()), modes, "padding modes the random specs covered");
        assertEquals(Set.of(1, 2, 3), ranks, "spatial dimensions the random specs covered");
        assertEquals(Features.ALL, features, "options the random specs covered");
    }

    /**
     * Ceil mode where the runtimes and the engine are most likely to part: a last window that
     * would start in the trailing padding (dropped), windows running past the padded input (not
     * counted by the average), stride larger than the kernel, both count_include_pad settings.
     */
    @Test
    void ceilModePoolingEdgeCasesAgreeWithTheEngine() throws OrtException {
        int checked = 0;
        Set<String> explicitlyPadded = new TreeSet<>();
        for (String pool : List.of("maxpool", "avgpool")) {
            for (String window : List.of("\"kernel\": 2, \"stride\": 2, \"padding\": 1",
                    "\"kernel\": 3, \"stride\": 2, \"padding\": 1", "\"kernel\": 2, \"stride\": 3",
                    "\"kernel\": 3, \"stride\": 3, \"padding\": 1")) {
                for (String extra : pool.equals("avgpool") ? List.of(", \"count_include_pad\": true",
                        ", \"count_include_pad\": false") : List.of("", ", \"dilation\": 2")) {
                    for (int size = 5; size <= 8; size++) {
                        String layer = "{\"type\": \"" + pool + "\", " + window + ", \"ceil_mode\": true" + extra + "}";
                        ModelSpec spec;
                        try {
                            spec = ModelSpecJson.parse("{\"name\": \"ceil\", \"input\": [2, " + size + ", " + (size + 1)
                                    + "], \"layers\": [" + layer + ", {\"type\": \"flatten\"}, {\"type\": "
                                    + "\"linear\", \"out_features\": 3}]}", "ceil.json");
                        } catch (IllegalArgumentException e) {
                            continue; // a window the spec refuses (dilated kernel wider than the input)
                        }
                        SavedModel model = model(spec, size);
                        RuntimeCheck.compare(model, RuntimeCheck.images(spec, 3, size), 3);
                        checked++;
                        if (OnnxExport.toProto(model).getGraph().getNodeList().stream()
                                .anyMatch(node -> node.getOpType().equals("Pad"))) {
                            explicitlyPadded.add(pool);
                        }
                    }
                }
            }
        }
        System.out.println("ONNX Runtime vs engine: " + checked + " ceil-mode pooling cases");
        assertTrue(checked >= 50, "only " + checked + " pooling cases could be built");
        assertEquals(Set.of("maxpool", "avgpool"), explicitlyPadded,
                "both pools' padding as a Pad node (negative infinity; counted zeros) was exercised");
    }

    static SavedModel model(ModelSpec spec, long seed) {
        List<String> classes = new ArrayList<>();
        for (int c = 0; c < spec.outputShape().dim(0); c++) {
            classes.add("class " + c);
        }
        return new SavedModel(spec, RuntimeCheck.parameters(spec, seed), classes, JsonObject.builder().build());
    }

    private static String describe(RuntimeCheck.Result r) {
        return String.format("%s %d samples max |diff| %.3g (max |logit| %.3g)", r.model(), r.samples(),
                r.maxDifference(), r.maxLogit());
    }
}
