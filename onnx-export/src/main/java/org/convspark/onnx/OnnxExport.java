package org.convspark.onnx;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.convspark.engine.json.Json;
import org.convspark.engine.json.JsonArray;
import org.convspark.engine.json.JsonObject;
import org.convspark.engine.json.JsonValue;
import org.convspark.engine.model.SavedModel;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.spec.ModelSpecJson;
import org.convspark.engine.tensor.Shape;
import org.convspark.onnx.proto.OnnxProto.ModelProto;
import org.convspark.onnx.proto.OnnxProto.OperatorSetIdProto;
import org.convspark.onnx.proto.OnnxProto.StringStringEntryProto;
import org.convspark.onnx.proto.OnnxProto.TensorProto;
import org.convspark.onnx.proto.OnnxProto.TensorShapeProto;
import org.convspark.onnx.proto.OnnxProto.TypeProto;
import org.convspark.onnx.proto.OnnxProto.ValueInfoProto;

/**
 * A trained model as a standard ONNX model (opset {@value #OPSET}), for serving where convspark
 * does not run. The graph takes {@value #INPUT}, {@code N x C x spatial...} float32 holding what
 * convspark's readers feed the network (pixels scaled to [0, 1], channels first), and gives
 * {@value #LOGITS} ({@code N x classes}, the class scores before the softmax) and then
 * {@value #PROBABILITIES} (their softmax). Every spec node becomes ONNX nodes named after it
 * ({@link LayerNodes}); the class names, the node names and the spec itself go into the model's
 * metadata ({@value #META_CLASSES}, {@value #META_LAYERS}, {@value #META_SPEC}).
 *
 * <p>The bytes are written by protobuf-java through classes generated from ONNX's own
 * {@code onnx.proto} at build time, so the file is what every ONNX reader parses.
 */
public final class OnnxExport {
    public static final int OPSET = 17;
    /** The IR version of opset 17's ONNX release (1.12): what runtimes of that age and newer load. */
    public static final int IR_VERSION = 8;
    public static final String INPUT = "input";
    public static final String LOGITS = "logits";
    public static final String PROBABILITIES = "probabilities";
    public static final String META_CLASSES = "convspark.classes";
    public static final String META_LAYERS = "convspark.layers";
    public static final String META_SPEC = "convspark.spec";
    /** The batch dimension's symbolic name: any batch size runs. */
    public static final String BATCH = "N";

    private OnnxExport() {
    }

    /**
     * @throws OnnxExportException naming the layer when the model cannot be written as ONNX
     */
    public static ModelProto toProto(SavedModel model) {
        ModelSpec spec = model.spec();
        checkClassifier(model);
        OnnxGraph g = new OnnxGraph(Set.of(INPUT, LOGITS, PROBABILITIES));
        String[] outputs = new String[spec.layers().size()];
        List<JsonValue> layers = new ArrayList<>();
        int offset = 0;
        for (int i = 0; i < outputs.length; i++) {
            List<String> inputs = new ArrayList<>();
            for (int k : spec.inputs(i)) {
                inputs.add(k == ModelSpec.MODEL_INPUT ? INPUT : outputs[k]);
            }
            String base = baseName(spec, i);
            outputs[i] = LayerNodes.translate(g, new SpecNode(spec, i, base, inputs, model.params(), offset));
            layers.add(JsonObject.builder().put("node", base).put("type", spec.layers().get(i).type()).build());
            offset += (int) spec.layers().get(i).parameterCount(spec.inputShape(i));
        }
        // The last node's tensor carries its own name; the graph's outputs have the fixed ones.
        String logits = g.reservedOutput("Identity", LOGITS, List.of(outputs[outputs.length - 1]));
        String probabilities = g.reservedOutput("Softmax", PROBABILITIES, List.of(logits),
                OnnxGraph.attribute("axis", 1L));
        int classes = spec.outputShape().dim(0);
        g.proto().setName(spec.name())
                .addInput(tensorInfo(INPUT, spec.input().prepend(1), "pixels scaled to [0, 1], channels first"))
                .addOutput(tensorInfo(logits, Shape.of(1, classes), "class scores before the softmax"))
                .addOutput(tensorInfo(probabilities, Shape.of(1, classes), "class probabilities"));
        return ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName("convspark")
                .setProducerVersion(producerVersion())
                .setDocString("convspark model " + spec.name() + ": " + spec.parameterCount() + " parameters")
                .setGraph(g.proto())
                .addMetadataProps(entry(META_CLASSES, Json.write(JsonArray.ofStrings(model.classNames()))))
                .addMetadataProps(entry(META_LAYERS, Json.write(JsonArray.of(layers))))
                .addMetadataProps(entry(META_SPEC, Json.write(ModelSpecJson.toJsonValue(spec))))
                .build();
    }

    /** The model's ONNX bytes (see {@link #toProto}). */
    public static byte[] toBytes(SavedModel model) {
        return toProto(model).toByteArray();
    }

    /** Writes the model's ONNX bytes to {@code out} (see {@link #toProto}); does not close it. */
    public static void write(SavedModel model, OutputStream out) throws IOException {
        toProto(model).writeTo(out);
    }

    private static void checkClassifier(SavedModel model) {
        ModelSpec spec = model.spec();
        int last = spec.layers().size() - 1;
        Shape output = spec.outputShape();
        if (output.rank() != 1) {
            throw new OnnxExportException("layer " + last + " (" + spec.label(last) + "): the model's output is "
                    + output + ", not one score per class; add a flatten and a linear layer");
        }
        if (model.classNames().size() != output.dim(0)) {
            throw new OnnxExportException("model " + spec.name() + ": " + model.classNames().size()
                    + " class names for " + output.dim(0) + " class scores");
        }
        if (model.params().length != spec.parameterCount()) {
            throw new OnnxExportException("model " + spec.name() + ": " + model.params().length
                    + " parameters for a spec that has " + spec.parameterCount());
        }
    }

    /** Node {@code i}'s name in the spec, or {@code layerI.TYPE} for an unnamed node. */
    private static String baseName(ModelSpec spec, int i) {
        String name = spec.nodeName(i);
        return name != null ? name : "layer" + i + "." + spec.layers().get(i).type();
    }

    /** A float32 tensor of {@code shape} whose first (batch) dimension is the symbolic {@value #BATCH}. */
    private static ValueInfoProto tensorInfo(String name, Shape shape, String doc) {
        TensorShapeProto.Builder dims = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(BATCH));
        for (int d = 1; d < shape.rank(); d++) {
            dims.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(shape.dim(d)));
        }
        TypeProto type = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                .setElemType(TensorProto.DataType.FLOAT.getNumber()).setShape(dims)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(type).setDocString(doc).build();
    }

    private static StringStringEntryProto entry(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }

    private static String producerVersion() {
        String version = OnnxExport.class.getPackage().getImplementationVersion();
        return version != null ? version : "development build";
    }
}
