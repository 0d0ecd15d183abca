package org.convspark.engine.layers;

import java.util.Random;
import org.convspark.engine.model.ActivationSpec;
import org.convspark.engine.tensor.Buffer;
import org.convspark.engine.tensor.Shape;
import org.convspark.engine.tensor.Tensor;

/**
 * Element-wise ReLU, LeakyReLU, Tanh or Sigmoid. Never writes into its input: the input may be
 * a view (flatten) of an earlier layer's activations that that layer's backward still reads.
 */
public final class Activation implements Layer {
    private final ActivationSpec.Kind kind;
    private final float slope;
    private final Shape shape;
    private final Buffer output = new Buffer();
    private final Buffer inputGradient = new Buffer();
    private Tensor lastInput;
    private float[] lastOutput;

    public Activation(ActivationSpec spec, Shape input) {
        this.kind = spec.kind();
        this.slope = (float) spec.slope();
        this.shape = spec.outputShape(input);
    }

    @Override
    public Shape inputShape() {
        return shape;
    }

    @Override
    public Shape outputShape() {
        return shape;
    }

    @Override
    public int parameterCount() {
        return 0;
    }

    @Override
    public void initialize(float[] params, int offset, Random rng) {
    }

    @Override
    public Tensor forward(Tensor input, float[] params, int offset, boolean training) {
        BatchShapes.batchOf(kind.specName(), "input", input, shape);
        int n = input.size();
        float[] x = input.data();
        float[] y = output.get(n);
        switch (kind) {
            case RELU:
                for (int i = 0; i < n; i++) {
                    y[i] = x[i] > 0 ? x[i] : 0f;
                }
                break;
            case LEAKYRELU:
                for (int i = 0; i < n; i++) {
                    y[i] = x[i] > 0 ? x[i] : slope * x[i];
                }
                break;
            case TANH:
                for (int i = 0; i < n; i++) {
                    y[i] = (float) Math.tanh(x[i]);
                }
                break;
            case SIGMOID:
                for (int i = 0; i < n; i++) {
                    y[i] = sigmoid(x[i]);
                }
                break;
            default:
                throw new AssertionError(kind);
        }
        lastInput = input;
        lastOutput = y;
        return new Tensor(y, input.shape());
    }

    /** Written so that neither branch overflows {@code exp} for large |x|. */
    private static float sigmoid(float x) {
        if (x >= 0) {
            return (float) (1.0 / (1.0 + Math.exp(-x)));
        }
        double e = Math.exp(x);
        return (float) (e / (1.0 + e));
    }

    @Override
    public Tensor backward(Tensor gradOutput, float[] params, int offset, float[] grads) {
        if (lastInput == null) {
            throw new IllegalStateException(kind.specName() + ": backward called before forward");
        }
        if (!gradOutput.shape().equals(lastInput.shape())) {
            throw new IllegalArgumentException(kind.specName() + ": output gradient must be " + lastInput.shape()
                    + " like the last forward, got " + gradOutput.shape());
        }
        int n = gradOutput.size();
        float[] g = gradOutput.data();
        float[] x = lastInput.data();
        float[] y = lastOutput;
        float[] dx = inputGradient.get(n);
        switch (kind) {
            case RELU:
                for (int i = 0; i < n; i++) {
                    dx[i] = x[i] > 0 ? g[i] : 0f;
                }
                break;
            case LEAKYRELU:
                for (int i = 0; i < n; i++) {
                    dx[i] = x[i] > 0 ? g[i] : slope * g[i];
                }
                break;
            case TANH:
                for (int i = 0; i < n; i++) {
                    dx[i] = g[i] * (1f - y[i] * y[i]);
                }
                break;
            case SIGMOID:
                for (int i = 0; i < n; i++) {
                    dx[i] = g[i] * y[i] * (1f - y[i]);
                }
                break;
            default:
                throw new AssertionError(kind);
        }
        return new Tensor(dx, gradOutput.shape());
    }
}
