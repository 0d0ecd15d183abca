package org.convspark.onnx;

import static org.convspark.onnx.OnnxGraph.attribute;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.convspark.engine.spec.ActivationSpec;
import org.convspark.engine.spec.AddSpec;
import org.convspark.engine.spec.AvgPoolSpec;
import org.convspark.engine.spec.BatchNormSpec;
import org.convspark.engine.spec.ConcatSpec;
import org.convspark.engine.spec.ConvSpec;
import org.convspark.engine.spec.ConvTransposeSpec;
import org.convspark.engine.spec.DropoutSpec;
import org.convspark.engine.spec.FlattenSpec;
import org.convspark.engine.spec.GlobalAvgPoolSpec;
import org.convspark.engine.spec.LayerSpec;
import org.convspark.engine.spec.LinearSpec;
import org.convspark.engine.spec.MaxPoolSpec;

/**
 * One spec node as ONNX nodes, in inference form: what the engine computes when it predicts
 * (dropout the identity, batch norm with its running statistics). A layer kind added to the
 * spec without an ONNX form here is refused by name.
 */
final class LayerNodes {
    private LayerNodes() {
    }

    /**
     * Appends node {@code n}'s ONNX nodes; returns the tensor holding its output.
     *
     * @throws OnnxExportException for a layer kind with no ONNX form here, naming the layer
     */
    static String translate(OnnxGraph g, SpecNode n) {
        LayerSpec layer = n.layer();
        if (layer instanceof ConvSpec s) {
            return ConvNodes.conv(g, n, s);
        } else if (layer instanceof ConvTransposeSpec s) {
            return ConvNodes.transpose(g, n, s);
        } else if (layer instanceof MaxPoolSpec s) {
            return PoolNodes.max(g, n, s);
        } else if (layer instanceof AvgPoolSpec s) {
            return PoolNodes.average(g, n, s);
        } else if (layer instanceof GlobalAvgPoolSpec) {
            return flatten(g, n, g.node("GlobalAveragePool", n.base() + "/pool", n.base() + "/pooled",
                    List.of(n.input())));
        } else if (layer instanceof ActivationSpec s) {
            return activation(g, n, s);
        } else if (layer instanceof FlattenSpec) {
            return flatten(g, n, n.input());
        } else if (layer instanceof LinearSpec s) {
            return linear(g, n, s);
        } else if (layer instanceof DropoutSpec) {
            return g.node("Identity", n.base(), n.base(), List.of(n.input()));
        } else if (layer instanceof BatchNormSpec s) {
            return batchNorm(g, n, s);
        } else if (layer instanceof AddSpec) {
            return g.node("Sum", n.base(), n.base(), n.inputs());
        } else if (layer instanceof ConcatSpec) {
            return g.node("Concat", n.base(), n.base(), n.inputs(), attribute("axis", 1L));
        }
        throw new OnnxExportException(n.describe() + ": no ONNX form for layer type " + layer.type());
    }

    private static String flatten(OnnxGraph g, SpecNode n, String x) {
        return g.node("Flatten", n.base(), n.base(), List.of(x), attribute("axis", 1L));
    }

    private static String activation(OnnxGraph g, SpecNode n, ActivationSpec spec) {
        List<String> x = List.of(n.input());
        return switch (spec.kind()) {
            case RELU -> g.node("Relu", n.base(), n.base(), x);
            case TANH -> g.node("Tanh", n.base(), n.base(), x);
            case SIGMOID -> g.node("Sigmoid", n.base(), n.base(), x);
            case LEAKYRELU -> g.node("LeakyRelu", n.base(), n.base(), x, attribute("alpha", (float) spec.slope()));
        };
    }

    /** {@code y = x W^T + b}: Gemm with {@code transB}, the weights in the engine's (PyTorch's) out x in layout. */
    private static String linear(OnnxGraph g, SpecNode n, LinearSpec spec) {
        int in = n.inputShape().size();
        int out = spec.outFeatures();
        List<String> inputs = new ArrayList<>(List.of(n.input(),
                g.floats(n.base() + "/weight", n.params(0, out * in), out, in)));
        if (spec.bias()) {
            inputs.add(g.floats(n.base() + "/bias", n.params(out * in, out), out));
        }
        return g.node("Gemm", n.base(), n.base(), inputs, attribute("transB", 1L));
    }

    /** Inference batch norm: the running mean and variance, scale 1 and shift 0 without {@code affine}. */
    private static String batchNorm(OnnxGraph g, SpecNode n, BatchNormSpec spec) {
        int c = n.inputShape().dim(0);
        float[] scale = new float[c];
        float[] shift = new float[c];
        int state = 0;
        if (spec.affine()) {
            scale = n.params(0, c);
            shift = n.params(c, c);
            state = 2 * c;
        } else {
            Arrays.fill(scale, 1f);
        }
        List<String> inputs = List.of(n.input(), g.floats(n.base() + "/scale", scale, c),
                g.floats(n.base() + "/shift", shift, c), g.floats(n.base() + "/running_mean", n.params(state, c), c),
                g.floats(n.base() + "/running_var", n.params(state + c, c), c));
        return g.node("BatchNormalization", n.base(), n.base(), inputs, attribute("epsilon", (float) spec.eps()));
    }
}
