package org.convspark.engine.golden;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.geometry.PaddingMode;
import org.convspark.engine.layers.AvgPool;
import org.convspark.engine.layers.BatchNorm;
import org.convspark.engine.layers.Layer;
import org.convspark.engine.layers.MaxPool;
import org.convspark.engine.model.LayerFactory;
import org.convspark.engine.optim.Optimizer;
import org.convspark.engine.optim.OptimizerConfig;
import org.convspark.engine.optim.Optimizers;
import org.convspark.engine.optim.RunningAverages;
import org.convspark.engine.spec.AvgPoolSpec;
import org.convspark.engine.spec.BatchNormSpec;
import org.convspark.engine.spec.ConvSpec;
import org.convspark.engine.spec.ConvTransposeSpec;
import org.convspark.engine.spec.MaxPoolSpec;
import org.convspark.engine.tensor.Shape;
import org.convspark.engine.tensor.Tensor;

/**
 * Runs one golden case through the engine: builds the layer the case describes, runs forward
 * and backward, and compares every tensor with {@code |a - b| <= 1e-4 + 1e-4 |b|}.
 */
public final class GoldenCheck {
    static final double ABS = 1e-4;
    static final double REL = 1e-4;

    private GoldenCheck() {
    }

    /** One line per tensor that differs (its largest error and where); empty when the case passes. */
    public static List<String> mismatches(GoldenCase c) {
        if (c.string("op").equals("batchnorm")) {
            return batchNormMismatches(c);
        }
        GoldenCase.Tensor in = c.tensor("input");
        Shape batchShape = Shape.of(in.shape());
        Layer layer = layer(c, batchShape.dropFirst());
        float[] params = parameters(c);
        if (params.length != layer.parameterCount()) {
            return List.of("parameters: the layer has " + layer.parameterCount() + " but the case gives " + params.length);
        }
        int weights = c.has("weight") ? c.tensor("weight").size() : 0;
        List<String> out = new ArrayList<>();
        Tensor y = layer.forward(new Tensor(in.data().clone(), batchShape), params, 0, false);
        compare("output", y, c.tensor("output"), out);
        GoldenCase.Tensor dy = c.tensor("grad_output");
        float[] grads = new float[params.length];
        Tensor dx = layer.backward(new Tensor(dy.data().clone(), Shape.of(dy.shape())), params, 0, grads);
        compare("grad_input", dx, c.tensor("grad_input"), out);
        if (c.has("weight")) {
            GoldenCase.Tensor gw = c.tensor("grad_weight");
            compare("grad_weight", new Tensor(Arrays.copyOf(grads, weights), Shape.of(gw.shape())), gw, out);
            if (c.bool("bias")) {
                GoldenCase.Tensor gb = c.tensor("grad_bias");
                compare("grad_bias", new Tensor(Arrays.copyOfRange(grads, weights, grads.length),
                        Shape.of(gb.shape())), gb, out);
            }
        }
        return out;
    }

    /**
     * Batch norm in the mode the case gives, the running statistics blended as a training step
     * does it: the layer leaves the batch's statistics in their gradient entries (times the
     * samples), {@link RunningAverages} averages them in.
     */
    private static List<String> batchNormMismatches(GoldenCase c) {
        GoldenCase.Tensor in = c.tensor("input");
        Shape batchShape = Shape.of(in.shape());
        int batch = batchShape.dim(0);
        BatchNormSpec spec = new BatchNormSpec(c.number("eps"), c.number("momentum"), true);
        BatchNorm layer = new BatchNorm(spec, batchShape.dropFirst());
        int channels = layer.channels();
        float[] params = new float[layer.parameterCount()];
        System.arraycopy(c.tensor("weight").data(), 0, params, 0, channels);
        System.arraycopy(c.tensor("bias_tensor").data(), 0, params, channels, channels);
        System.arraycopy(c.tensor("running_mean").data(), 0, params, 2 * channels, channels);
        System.arraycopy(c.tensor("running_var").data(), 0, params, 3 * channels, channels);
        List<String> out = new ArrayList<>();
        boolean training = c.bool("training");
        Tensor y = layer.forward(new Tensor(in.data().clone(), batchShape), params, 0, training);
        compare("output", y, c.tensor("output"), out);
        GoldenCase.Tensor dy = c.tensor("grad_output");
        float[] grads = new float[params.length];
        Tensor dx = layer.backward(new Tensor(dy.data().clone(), Shape.of(dy.shape())), params, 0, grads);
        compare("grad_input", dx, c.tensor("grad_input"), out);
        Shape perChannel = Shape.of(channels);
        compare("grad_weight", new Tensor(Arrays.copyOf(grads, channels), perChannel), c.tensor("grad_weight"), out);
        compare("grad_bias", new Tensor(Arrays.copyOfRange(grads, channels, 2 * channels), perChannel),
                c.tensor("grad_bias"), out);
        float[] mean = new float[grads.length];
        for (int i = 2 * channels; i < grads.length; i++) {
            mean[i] = grads[i] / batch;
        }
        if (training) {
            Optimizer sgd = Optimizers.create(OptimizerConfig.of("sgd", 0.1));
            new RunningAverages(sgd, new int[] {2 * channels}, new int[] {2 * channels},
                    new float[] {(float) spec.momentum()}).step(params, mean, 0);
        }
        compare("running_mean_after", new Tensor(Arrays.copyOfRange(params, 2 * channels, 3 * channels), perChannel),
                c.tensor("running_mean_after"), out);
        compare("running_var_after", new Tensor(Arrays.copyOfRange(params, 3 * channels, 4 * channels), perChannel),
                c.tensor("running_var_after"), out);
        return out;
    }

    /** Weights then biases, the engine's parameter layout; none for pooling. */
    private static float[] parameters(GoldenCase c) {
        if (!c.has("weight")) {
            return new float[0];
        }
        float[] w = c.tensor("weight").data();
        float[] b = c.bool("bias") ? c.tensor("bias_tensor").data() : new float[0];
        float[] params = Arrays.copyOf(w, w.length + b.length);
        System.arraycopy(b, 0, params, w.length, b.length);
        return params;
    }

    private static Layer layer(GoldenCase c, Shape sampleShape) {
        String op = c.string("op");
        ConvGeometry.Builder g = ConvGeometry.builder(c.ints("kernel")).stride(c.ints("stride"))
                .padding(c.ints("padding")).dilation(c.ints("dilation"));
        switch (op) {
            case "conv": {
                g.groups(c.integer("groups")).paddingMode(PaddingMode.fromSpecName(c.string("padding_mode")));
                int outChannels = c.tensor("weight").shape()[0];
                // Through the factory: mean padding is a layer of its own around the convolution.
                return LayerFactory.create(new ConvSpec(outChannels, g.build(), c.bool("bias")), sampleShape);
            }
            case "convtranspose": {
                g.groups(c.integer("groups"));
                int outChannels = c.tensor("weight").shape()[1] * c.integer("groups");
                return LayerFactory.create(new ConvTransposeSpec(outChannels, g.build(), c.ints("output_padding"),
                        c.bool("bias")), sampleShape);
            }
            case "maxpool":
                return new MaxPool(new MaxPoolSpec(g.ceilMode(c.bool("ceil_mode")).build()), sampleShape);
            case "avgpool":
                return new AvgPool(new AvgPoolSpec(g.ceilMode(c.bool("ceil_mode")).build(),
                        c.bool("count_include_pad")), sampleShape);
            default:
                throw new IllegalArgumentException("op \"" + op + "\" is not conv, convtranspose, maxpool or avgpool");
        }
    }

    private static void compare(String what, Tensor actual, GoldenCase.Tensor expected, List<String> out) {
        if (!actual.shape().equals(Shape.of(expected.shape()))) {
            out.add(what + ": shape " + actual.shape() + ", expected " + Shape.of(expected.shape()));
            return;
        }
        float[] a = actual.data();
        float[] b = expected.data();
        double worst = -1;
        int at = -1;
        boolean fails = false;
        for (int i = 0; i < b.length; i++) {
            double err = Math.abs((double) a[i] - b[i]);
            if (!(err <= ABS + REL * Math.abs(b[i]))) {
                fails = true;
            }
            if (!(err <= worst)) {
                worst = err;
                at = i;
            }
        }
        if (fails) {
            out.add(what + ": largest error " + worst + " at flat index " + at + " (engine " + a[at]
                    + ", expected " + b[at] + ")");
        }
    }
}
