package org.convspark.onnx;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.convspark.onnx.proto.OnnxProto.AttributeProto;
import org.convspark.onnx.proto.OnnxProto.GraphProto;
import org.convspark.onnx.proto.OnnxProto.NodeProto;
import org.convspark.onnx.proto.OnnxProto.TensorProto;

/**
 * The graph being written: nodes in topological order, constant tensors (initializers) and the
 * names of both, each tensor name used once (ONNX's single-assignment rule), so that the layer
 * translators can ask for {@code "b1.conv1/weight"} without knowing what else exists.
 */
final class OnnxGraph {
    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final Set<String> names;
    private final Set<String> reserved;

    /** {@code reserved}: the graph's own input and output names, which no other tensor may take. */
    OnnxGraph(Set<String> reserved) {
        this.reserved = Set.copyOf(reserved);
        this.names = new HashSet<>(reserved);
    }

    GraphProto.Builder proto() {
        return graph;
    }

    /** {@code wanted}, or {@code wanted} with a numeric suffix when a tensor has that name already. */
    String unique(String wanted) {
        String name = wanted;
        for (int k = 2; !names.add(name); k++) {
            name = wanted + "_" + k;
        }
        return name;
    }

    /** A float32 constant of shape {@code dims} (row-major {@code values}); returns its name. */
    String floats(String wanted, float[] values, long... dims) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return constant(wanted, TensorProto.DataType.FLOAT, bytes, dims);
    }

    /** An int64 constant vector (pads, axes, slice bounds); returns its name. */
    String longs(String wanted, long... values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(values);
        return constant(wanted, TensorProto.DataType.INT64, bytes, values.length);
    }

    private String constant(String wanted, TensorProto.DataType type, ByteBuffer littleEndian, long... dims) {
        String name = unique(wanted);
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name).setDataType(type.getNumber())
                .setRawData(ByteString.copyFrom(littleEndian.array()));
        for (long d : dims) {
            tensor.addDims(d);
        }
        graph.addInitializer(tensor);
        return name;
    }

    /** Appends node {@code op} named {@code nodeName} reading {@code inputs}; returns its output tensor's name. */
    String node(String op, String nodeName, String wantedOutput, List<String> inputs, AttributeProto... attributes) {
        return add(op, nodeName, unique(wantedOutput), inputs, attributes);
    }

    /** Appends a node whose output is one of the graph's {@code reserved} names, as it is. */
    String reservedOutput(String op, String name, List<String> inputs, AttributeProto... attributes) {
        if (!reserved.contains(name)) {
            throw new IllegalArgumentException(name + " is not a reserved name");
        }
        return add(op, name, name, inputs, attributes);
    }

    private String add(String op, String nodeName, String output, List<String> inputs, AttributeProto... attributes) {
        NodeProto.Builder node = NodeProto.newBuilder().setOpType(op).setName(nodeName).addAllInput(inputs)
                .addOutput(output);
        for (AttributeProto a : attributes) {
            node.addAttribute(a);
        }
        graph.addNode(node);
        return output;
    }

    static AttributeProto attribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    static AttributeProto attribute(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value)
                .build();
    }

    static AttributeProto attribute(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFrom(value, StandardCharsets.UTF_8)).build();
    }

    static AttributeProto attribute(String name, int[] values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (int v : values) {
            a.addInts(v);
        }
        return a.build();
    }
}
