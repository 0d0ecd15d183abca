package org.convspark.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.convspark.engine.json.Json;
import org.convspark.engine.json.JsonObject;
import org.convspark.engine.model.SavedModel;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.spec.ModelSpecJson;
import org.convspark.engine.spec.ModelZoo;
import org.convspark.onnx.proto.OnnxProto.ModelProto;
import org.convspark.onnx.proto.OnnxProto.NodeProto;
import org.junit.jupiter.api.Test;

/** What the exported file says about itself, and the models it refuses. */
class OnnxExportTest {

    @Test
    void declaresOpsetInputOutputsAndMetadata() throws InvalidProtocolBufferException, OrtException {
        ModelSpec spec = ModelZoo.get("lenet5");
        List<String> classes = List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine");
        SavedModel model = new SavedModel(spec, RuntimeCheck.parameters(spec, 1), classes, JsonObject.builder().build());
        ModelProto proto = ModelProto.parseFrom(OnnxExport.toBytes(model));
        assertEquals(OnnxExport.OPSET, proto.getOpsetImport(0).getVersion());
        assertEquals("", proto.getOpsetImport(0).getDomain());
        assertEquals("lenet5", proto.getGraph().getName());
        assertEquals(List.of(OnnxExport.INPUT), proto.getGraph().getInputList().stream().map(v -> v.getName()).toList());
        assertEquals(List.of(OnnxExport.LOGITS, OnnxExport.PROBABILITIES),
                proto.getGraph().getOutputList().stream().map(v -> v.getName()).toList());
        assertEquals(List.of("Conv", "Relu", "MaxPool", "Conv", "Relu", "MaxPool", "Flatten", "Gemm", "Relu", "Gemm",
                "Relu", "Gemm", "Identity", "Softmax"), proto.getGraph().getNodeList().stream()
                .map(NodeProto::getOpType).toList());
        assertEquals("layer0.conv", proto.getGraph().getNode(0).getName());

        try (OrtSession session = OrtEnvironment.getEnvironment().createSession(proto.toByteArray(),
                new OrtSession.SessionOptions())) {
            Map<String, String> meta = session.getMetadata().getCustomMetadata();
            assertEquals(Json.write(org.convspark.engine.json.JsonArray.ofStrings(classes)),
                    meta.get(OnnxExport.META_CLASSES));
            assertEquals(spec, ModelSpecJson.parse(meta.get(OnnxExport.META_SPEC), "metadata"));
            assertEquals("layer0.conv", Json.parse(meta.get(OnnxExport.META_LAYERS), "metadata").asArray().get(0)
                    .asObject().get("node").asString());
            assertEquals("convspark", session.getMetadata().getProducerName());
        }
    }

    @Test
    void namedNodesKeepTheirNames() throws InvalidProtocolBufferException {
        ModelSpec spec = ModelZoo.get("resnet20");
        ModelProto proto = ModelProto.parseFrom(OnnxExport.toBytes(OnnxRuntimeTest.model(spec, 3)));
        List<String> names = proto.getGraph().getNodeList().stream().map(NodeProto::getName).toList();
        for (int i = 0; i < spec.layers().size(); i++) {
            if (spec.nodeName(i) != null) {
                assertEquals(true, names.contains(spec.nodeName(i)), "node " + spec.nodeName(i) + " in " + names);
            }
        }
        // Tensor names are unique (ONNX's single-assignment rule), initializers included.
        List<String> tensors = proto.getGraph().getNodeList().stream().flatMap(n -> n.getOutputList().stream())
                .collect(Collectors.toList());
        proto.getGraph().getInitializerList().forEach(t -> tensors.add(t.getName()));
        assertEquals(tensors.size(), tensors.stream().distinct().count());
    }

    @Test
    void refusesAModelWhoseOutputIsNotOneScorePerClass() {
        ModelSpec spec = ModelSpecJson.parse("{\"name\": \"maps\", \"input\": [1, 8, 8], \"layers\": ["
                + "{\"type\": \"conv\", \"out_channels\": 2, \"kernel\": 3}, {\"name\": \"act\", \"type\": \"relu\"}]}",
                "maps.json");
        // The engine never trains such a model; a hand-made SavedModel is refused all the same.
        SavedModel model = new SavedModel(spec, new float[(int) spec.parameterCount()], List.of("a", "b"),
                JsonObject.builder().build());
        OnnxExportException e = assertThrows(OnnxExportException.class, () -> OnnxExport.toBytes(model));
        assertEquals("layer 1 (relu, node \"act\"): the model's output is 2x6x6, not one score per class; add a "
                + "flatten and a linear layer", e.getMessage());
    }

    @Test
    void refusesClassNamesThatDoNotMatchTheScores() {
        ModelSpec spec = ModelZoo.get("lenet5");
        SavedModel model = new SavedModel(spec, new float[(int) spec.parameterCount()], List.of("a", "b"),
                JsonObject.builder().build());
        OnnxExportException e = assertThrows(OnnxExportException.class, () -> OnnxExport.toBytes(model));
        assertEquals("model lenet5: 2 class names for 10 class scores", e.getMessage());
    }

    @Test
    void refusesParametersThatDoNotFitTheSpec() {
        ModelSpec spec = ModelZoo.get("lenet5");
        SavedModel model = new SavedModel(spec, new float[10], List.of("0", "1", "2", "3", "4", "5", "6", "7", "8",
                "9"), JsonObject.builder().build());
        OnnxExportException e = assertThrows(OnnxExportException.class, () -> OnnxExport.toBytes(model));
        assertEquals("model lenet5: 10 parameters for a spec that has 61706", e.getMessage());
    }
}
