package org.convspark.engine.layers;

import org.convspark.engine.spec.DropoutSpec;
import org.convspark.engine.tensor.Buffer;
import org.convspark.engine.tensor.Shape;
import org.convspark.engine.tensor.Tensor;

/**
 * Inverted dropout (Srivastava et al., "Dropout: a simple way to prevent neural networks from
 * overfitting", JMLR 2014; scaled at training time as PyTorch does): in training each element
 * is zeroed with probability p and survivors are scaled by 1/(1-p); in evaluation it is the
 * identity. Element {@code e} of sample {@code j} is kept when the uniform number
 * {@code bits24(key(seed, firstSampleIndex + j), e) * 2^-24} is {@code >= p}, so masks do not
 * depend on batching.
 */
public final class Dropout extends ParameterFreeLayer implements Stochastic {
    private final double p;
    private final float scale;
    /** {@code u * 2^-24 >= p} exactly when {@code u >= ceil(p * 2^24)}: the keep test in integers. */
    private final int keepThreshold;
    private final Buffer mask = new Buffer();
    private final Buffer output = new Buffer();
    private final Buffer inputGradient = new Buffer();
    private long seed;
    private long firstSampleIndex;
    private boolean seeded;
    private boolean lastWasTraining;
    private int lastBatch = -1;

    public Dropout(DropoutSpec spec, Shape input) {
        super(input, spec.outputShape(input));
        this.p = spec.p();
        this.scale = (float) (1.0 / (1.0 - spec.p()));
        this.keepThreshold = (int) Math.ceil(spec.p() * 0x1p24);
    }

    @Override
    public void seedBatch(long seed, long firstSampleIndex) {
        this.seed = seed;
        this.firstSampleIndex = firstSampleIndex;
        this.seeded = true;
    }

    @Override
    public Tensor forward(Tensor input, float[] params, int offset, boolean training) {
        BatchShape.require("dropout", "input", input, inputShape);
        int batch = input.batch();
        lastBatch = batch;
        lastWasTraining = training && p > 0;
        if (!lastWasTraining) {
            return input;
        }
        if (!seeded) {
            throw new IllegalStateException("dropout: training forward needs seedBatch(seed, firstSampleIndex) first");
        }
        int perSample = inputShape.size();
        int n = input.size();
        float[] x = input.data();
        float[] m = mask.get(n);
        float[] y = output.get(n);
        for (int j = 0; j < batch; j++) {
            long key = CounterRandom.key(seed, firstSampleIndex + j);
            int base = j * perSample;
            for (int e = 0; e < perSample; e++) {
                // A mask, not a branch: the keep test is a coin flip the predictor cannot learn.
                int keepMask = (keepThreshold - 1 - CounterRandom.bits24(key, e)) >> 31;
                float keep = Float.intBitsToFloat(Float.floatToRawIntBits(scale) & keepMask);
                m[base + e] = keep;
                y[base + e] = x[base + e] * keep;
            }
        }
        return new Tensor(y, input.shape());
    }

    @Override
    public Tensor backward(Tensor gradOutput, float[] params, int offset, float[] grads) {
        BatchShape.requireBackward("dropout", gradOutput, outputShape, lastBatch);
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
