package org.convspark.engine.layers;

import java.util.Random;
import org.convspark.engine.gemm.Gemm;
import org.convspark.engine.spec.LinearSpec;
import org.convspark.engine.tensor.Buffer;
import org.convspark.engine.tensor.Shape;
import org.convspark.engine.tensor.Tensor;

/**
 * Fully-connected layer {@code y = x W^T + b} over a batch, with PyTorch's layout (weights
 * {@code out x in} row-major, then {@code out} biases) so parameters port both ways. The
 * batch is the GEMM's M dimension: one GEMM per call forward and two backward.
 */
public final class Linear implements Layer {
    private final Gemm gemm = Gemm.defaultGemm();
    private final int in;
    private final int out;
    private final boolean bias;
    private final Shape inputShape;
    private final Shape outputShape;
    private final Buffer output = new Buffer();
    private final Buffer inputGradient = new Buffer();
    private Tensor lastInput;

    public Linear(LinearSpec spec, Shape input) {
        this.outputShape = spec.outputShape(input);
        this.inputShape = input;
        this.in = input.size();
        this.out = spec.outFeatures();
        this.bias = spec.bias();
        if (spec.parameterCount(input) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("linear " + in + " -> " + out + " has more than 2^31-1 parameters");
        }
    }

    @Override
    public Shape inputShape() {
        return inputShape;
    }

    @Override
    public Shape outputShape() {
        return outputShape;
    }

    @Override
    public int parameterCount() {
        return out * in + (bias ? out : 0);
    }

    /** PyTorch's default, with {@code fan_in = in_features}. */
    @Override
    public void initialize(float[] params, int offset, Random rng) {
        FanInUniform.fill(params, offset, parameterCount(), in, rng);
    }

    @Override
    public Tensor forward(Tensor input, float[] params, int offset, boolean training) {
        BatchShape.require("linear", "input", input, inputShape);
        int n = input.batch();
        float[] y = output.get(n * out);
        if (bias) {
            int b = offset + out * in;
            for (int r = 0; r < n; r++) {
                System.arraycopy(params, b, y, r * out, out);
            }
        }
        gemm.sgemm(false, true, n, out, in, 1f, input.data(), 0, in, params, offset, in,
                bias ? 1f : 0f, y, 0, out);
        lastInput = input;
        return new Tensor(y, outputShape.prepend(n));
    }

    @Override
    public Tensor backward(Tensor gradOutput, float[] params, int offset, float[] grads) {
        BatchShape.requireBackward("linear", gradOutput, outputShape, lastInput == null ? -1 : lastInput.batch());
        int n = gradOutput.batch();
        float[] dy = gradOutput.data();
        // dW += dy^T x
        gemm.sgemm(true, false, out, in, n, 1f, dy, 0, out, lastInput.data(), 0, in, 1f, grads, offset, in);
        if (bias) {
            int b = offset + out * in;
            for (int r = 0; r < n; r++) {
                int row = r * out;
                for (int o = 0; o < out; o++) {
                    grads[b + o] += dy[row + o];
                }
            }
        }
        float[] dx = inputGradient.get(n * in);
        gemm.sgemm(false, false, n, in, out, 1f, dy, 0, out, params, offset, in, 0f, dx, 0, in);
        return new Tensor(dx, inputShape.prepend(n));
    }
}
