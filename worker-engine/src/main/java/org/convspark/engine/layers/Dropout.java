package org.convspark.engine.layers;

import java.util.Random;
import org.convspark.engine.model.DropoutSpec;
import org.convspark.engine.tensor.Buffer;
import org.convspark.engine.tensor.Shape;
import org.convspark.engine.tensor.Tensor;

/**
 * Inverted dropout (Srivastava et al., "Dropout: a simple way to prevent neural networks from
 * overfitting", JMLR 2014; scaled at training time as PyTorch does): in training each element
 * is zeroed with probability p and survivors are scaled by 1/(1-p); in evaluation it is the
 * identity. Element {@code e} of sample {@code j} is kept when
 * {@code uniform(seed, firstSampleIndex + j, e) >= p}, so masks do not depend on batching.
 */
public final class Dropout implements Layer, Stochastic {
    private final double p;
    private final float scale;
    private final Shape shape;
    private final Buffer mask = new Buffer();
    private final Buffer output = new Buffer();
    private final Buffer inputGradient = new Buffer();
    private long seed;
    private long firstSampleIndex;
    private boolean seeded;
    private boolean lastWasTraining;
    private Shape lastShape;

    public Dropout(DropoutSpec spec, Shape input) {
        this.p = spec.p();
        this.scale = (float) (1.0 / (1.0 - spec.p()));
        this.shape = spec.outputShape(input);
    }

    @Override
    public void seedBatch(long seed, long firstSampleIndex) {
        this.seed = seed;
        this.firstSampleIndex = firstSampleIndex;
        this.seeded = true;
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
        int batch = BatchShapes.batchOf("dropout", "input", input, shape);
        lastShape = input.shape();
        lastWasTraining = training && p > 0;
        if (!lastWasTraining) {
            return input;
        }
        if (!seeded) {
            throw new IllegalStateException("dropout: training forward needs seedBatch(seed, firstSampleIndex) first");
        }
        int perSample = shape.size();
        int n = input.size();
        float[] x = input.data();
        float[] m = mask.get(n);
        float[] y = output.get(n);
        for (int j = 0; j < batch; j++) {
            long key = CounterRandom.key(seed, firstSampleIndex + j);
            int base = j * perSample;
            for (int e = 0; e < perSample; e++) {
                float keep = CounterRandom.uniform(key, e) >= p ? scale : 0f;
                m[base + e] = keep;
                y[base + e] = x[base + e] * keep;
            }
        }
        return new Tensor(y, input.shape());
    }

    @Override
    public Tensor backward(Tensor gradOutput, float[] params, int offset, float[] grads) {
        if (lastShape == null) {
            throw new IllegalStateException("dropout: backward called before forward");
        }
        if (!gradOutput.shape().equals(lastShape)) {
            throw new IllegalArgumentException("dropout: output gradient must be " + lastShape
                    + " like the last forward, got " + gradOutput.shape());
        }
        if (!lastWasTraining) {
            return gradOutput;
        }
        int n = gradOutput.size();
        float[] g = gradOutput.data();
        float[] m = mask.get(n);
        float[] dx = inputGradient.get(n);
        for (int i = 0; i < n; i++) {
            dx[i] = g[i] * m[i];
        }
        return new Tensor(dx, gradOutput.shape());
    }
}
