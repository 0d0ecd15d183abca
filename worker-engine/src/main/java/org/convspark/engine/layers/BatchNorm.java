package org.convspark.engine.layers;

import java.util.Random;
import org.convspark.engine.spec.BatchNormSpec;
import org.convspark.engine.tensor.Buffer;
import org.convspark.engine.tensor.Shape;
import org.convspark.engine.tensor.Tensor;

/**
 * Batch normalization over channel 0 of each sample ({@link BatchNormSpec}). Training: each
 * channel is normalized with the mean and biased variance of the WHOLE step's batch over every
 * position, obtained through {@link StatisticsSync} from the per-part sums {@code (count, sum x,
 * sum x^2)}, in double; the input gradient needs the whole batch's {@code (sum dy, sum dy x^)}
 * the same way. So a batch split over threads or partitions normalizes exactly as the whole batch
 * would (SyncBatchNorm's semantics, which PyTorch offers for data parallelism), at the cost of
 * two small all-reduces per layer and step; the other way, fixed "ghost" groups, would need every
 * partition to hold whole groups, which a random global batch over contiguous shards does not.
 * Evaluation uses the running statistics.
 *
 * <p>Running statistics are updated once per step from the whole batch, as PyTorch does: the
 * layer's backward ADDS {@code samples x batch mean} and {@code samples x unbiased batch variance}
 * into the gradient entries of the running mean and variance, so the step's summed and
 * divided gradient carries exactly the batch statistics there, and {@link
 * org.convspark.engine.optim.RunningAverages} blends them in ({@code (1 - m) old + m batch})
 * instead of an optimizer step. The unbiased variance of a single value is taken as 0.
 *
 * <p>Speed: the per-plane sums run on {@link MomentKernels} where the Vector API is present;
 * the element-wise passes are loops C2 vectorizes.
 */
public final class BatchNorm implements Layer {
    private static final String TYPE = "batchnorm";
    /** Whether the sums run on {@link MomentKernels} (the Vector API is present). */
    private static final boolean VECTORS = DirectConv.available();

    private final BatchNormSpec spec;
    private final Shape shape;
    private final int channels;
    private final int plane;
    private final Buffer output = new Buffer();
    private final Buffer normalized = new Buffer();
    private final Buffer gradInput = new Buffer();
    /** {@code count, sum x (C), sum x^2 (C)}, then the whole batch's after the sync. */
    private final double[] moments;
    /** {@code sum dy (C), sum dy x^ (C)}. */
    private final double[] gradientSums;
    private final double[] mean;
    private final double[] unbiasedVariance;
    private final float[] invStd;
    private StatisticsSync sync = StatisticsSync.NONE;
    /** Whether this layer also applies the ReLU that follows it ({@link #fuseRelu()}). */
    private boolean relu;
    private boolean needsInputGradient = true;
    private boolean lastTraining;
    private int lastBatch = -1;
    /** Elements per channel in the whole step's batch (samples x positions). */
    private double batchElements;

    public BatchNorm(BatchNormSpec spec, Shape inputShape) {
        this.spec = spec;
        this.shape = spec.outputShape(inputShape);
        this.channels = inputShape.dim(0);
        this.plane = inputShape.size() / channels;
        this.moments = new double[1 + 2 * channels];
        this.gradientSums = new double[2 * channels];
        this.mean = new double[channels];
        this.unbiasedVariance = new double[channels];
        this.invStd = new float[channels];
    }

    /**
     * From now on the output is {@code max(0, y)} and backward takes the gradient of that: the
     * network fuses a ReLU that alone reads this layer into it (the ReLU becomes {@link
     * FusedAway}). Exact: the same float operations as the two layers, with the ReLU's mask
     * ({@code y > 0}) recomputed from the normalized values, so a pass over the activations
     * forward and one backward are saved (a ResNet has one such pair per block and the stem).
     */
    public void fuseRelu() {
        this.relu = true;
    }

    /** The sync of the next training batches (the network sets it per batch). */
    public void sync(StatisticsSync value) {
        this.sync = value;
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
        return (spec.affine() ? 4 : 2) * channels;
    }

    /** Where the running mean starts within the layer's values; the running variance follows. */
    public int stateOffset() {
        return spec.affine() ? 2 * channels : 0;
    }

    public int channels() {
        return channels;
    }

    public double momentum() {
        return spec.momentum();
    }

    /** PyTorch's: scale 1, shift 0, running mean 0, running variance 1. */
    @Override
    public void initialize(float[] params, int offset, Random rng) {
        int state = offset + stateOffset();
        for (int c = 0; c < channels; c++) {
            if (spec.affine()) {
                params[offset + c] = 1f;
                params[offset + channels + c] = 0f;
            }
            params[state + c] = 0f;
            params[state + channels + c] = 1f;
        }
    }

    @Override
    public void setNeedsInputGradient(boolean needed) {
        this.needsInputGradient = needed;
    }

    @Override
    public Tensor forward(Tensor input, float[] params, int offset, boolean training) {
        BatchShape.require(TYPE, "input", input, shape);
        int batch = input.batch();
        float[] x = input.data();
        lastBatch = batch;
        lastTraining = training;
        int state = offset + stateOffset();
        if (training) {
            java.util.Arrays.fill(moments, 0);
            moments[0] = batch;
            for (int n = 0; n < batch; n++) {
                for (int c = 0; c < channels; c++) {
                    int from = (n * channels + c) * plane;
                    if (VECTORS) {
                        MomentKernels.addProducts(x, x, from, plane, moments, 1 + c, 1 + channels + c);
                        continue;
                    }
                    double s1 = 0;
                    double s2 = 0;
                    for (int i = from; i < from + plane; i++) {
                        double v = x[i];
                        s1 += v;
                        s2 += v * v;
                    }
                    moments[1 + c] += s1;
                    moments[1 + channels + c] += s2;
                }
            }
            sync.sum(moments, moments.length);
            batchElements = moments[0] * plane;
            for (int c = 0; c < channels; c++) {
                double m = moments[1 + c] / batchElements;
                double variance = Math.max(0, moments[1 + channels + c] / batchElements - m * m);
                mean[c] = m;
                unbiasedVariance[c] = batchElements > 1 ? variance * batchElements / (batchElements - 1) : 0;
                invStd[c] = (float) (1 / Math.sqrt(variance + spec.eps()));
            }
        } else {
            for (int c = 0; c < channels; c++) {
                mean[c] = params[state + c];
                invStd[c] = (float) (1 / Math.sqrt(params[state + channels + c] + spec.eps()));
            }
        }
        float[] xhat = normalized.get(batch * shape.size());
        float[] y = output.get(batch * shape.size());
        for (int n = 0; n < batch; n++) {
            for (int c = 0; c < channels; c++) {
                float m = (float) mean[c];
                float s = invStd[c];
                float gamma = gamma(params, offset, c);
                float beta = beta(params, offset, c);
                int from = (n * channels + c) * plane;
                if (relu) {
                    for (int i = from; i < from + plane; i++) {
                        float h = (x[i] - m) * s;
                        xhat[i] = h;
                        y[i] = Math.max(h * gamma + beta, 0f);
                    }
                    continue;
                }
                for (int i = from; i < from + plane; i++) {
                    float h = (x[i] - m) * s;
                    xhat[i] = h;
                    y[i] = h * gamma + beta;
                }
            }
        }
        return new Tensor(y, shape.prepend(batch));
    }

    @Override
    public Tensor backward(Tensor gradOutput, float[] params, int offset, float[] grads) {
        BatchShape.requireBackward(TYPE, gradOutput, shape, lastBatch);
        int batch = gradOutput.batch();
        float[] dy = gradOutput.data();
        float[] xhat = normalized.get(batch * shape.size());
        java.util.Arrays.fill(gradientSums, 0);
        // With a fused ReLU every read of dy[i] is masked by positiveMask(xhat[i] * gamma + beta),
        // the ReLU's own test on the output forward computed: no pass of its own.
        for (int n = 0; n < batch; n++) {
            for (int c = 0; c < channels; c++) {
                int from = (n * channels + c) * plane;
                float gamma = gamma(params, offset, c);
                float beta = beta(params, offset, c);
                if (VECTORS) {
                    if (relu) {
                        MomentKernels.addMaskedProducts(dy, xhat, from, plane, gamma, beta, gradientSums, c,
                                channels + c);
                    } else {
                        MomentKernels.addProducts(dy, xhat, from, plane, gradientSums, c, channels + c);
                    }
                    continue;
                }
                double sdy = 0;
                double sdyx = 0;
                for (int i = from; i < from + plane; i++) {
                    float g = relu ? reluGradient(dy[i], xhat[i], gamma, beta) : dy[i];
                    sdy += g;
                    sdyx += (double) g * xhat[i];
                }
                gradientSums[c] += sdy;
                gradientSums[channels + c] += sdyx;
            }
        }
        if (spec.affine()) {
            for (int c = 0; c < channels; c++) {
                grads[offset + c] += (float) gradientSums[channels + c];
                grads[offset + channels + c] += (float) gradientSums[c];
            }
        }
        if (lastTraining) {
            int state = offset + stateOffset();
            for (int c = 0; c < channels; c++) {
                grads[state + c] += (float) (batch * mean[c]);
                grads[state + channels + c] += (float) (batch * unbiasedVariance[c]);
            }
        }
        if (!needsInputGradient) {
            return null;
        }
        if (lastTraining) {
            sync.sum(gradientSums, gradientSums.length);
        }
        float[] dx = gradInput.get(batch * shape.size());
        for (int c = 0; c < channels; c++) {
            float gamma = gamma(params, offset, c);
            float beta = beta(params, offset, c);
            float scale = gamma * invStd[c];
            float meanDy = lastTraining ? (float) (gradientSums[c] / batchElements) : 0f;
            float meanDyX = lastTraining ? (float) (gradientSums[channels + c] / batchElements) : 0f;
            for (int n = 0; n < batch; n++) {
                int from = (n * channels + c) * plane;
                if (relu && VECTORS) {
                    MomentKernels.maskedInputGradient(dy, xhat, from, plane, gamma, beta, scale, meanDy, meanDyX, dx);
                    continue;
                }
                if (relu) {
                    for (int i = from; i < from + plane; i++) {
                        dx[i] = scale * (reluGradient(dy[i], xhat[i], gamma, beta) - meanDy - xhat[i] * meanDyX);
                    }
                    continue;
                }
                for (int i = from; i < from + plane; i++) {
                    dx[i] = scale * (dy[i] - meanDy - xhat[i] * meanDyX);
                }
            }
        }
        return new Tensor(dx, shape.prepend(batch));
    }

    /**
     * {@code dy} where the fused ReLU passed its input ({@code h * gamma + beta > 0}), else 0; by
     * {@link Activation}'s bit test.
     */
    static float reluGradient(float dy, float h, float gamma, float beta) {
        return Float.intBitsToFloat(Float.floatToRawIntBits(dy) & Activation.positiveMask(h * gamma + beta));
    }

    private float gamma(float[] params, int offset, int c) {
        return spec.affine() ? params[offset + c] : 1f;
    }

    private float beta(float[] params, int offset, int c) {
        return spec.affine() ? params[offset + channels + c] : 0f;
    }

    /**
     * A training step's forward for a part with no samples: takes part in the statistics' sum
     * with zeros, as every part must (see {@link StatisticsSync}).
     */
    public void forwardWithoutSamples() {
        java.util.Arrays.fill(moments, 0);
        sync.sum(moments, moments.length);
    }

    /** The backward of {@link #forwardWithoutSamples}. */
    public void backwardWithoutSamples() {
        if (needsInputGradient) {
            java.util.Arrays.fill(gradientSums, 0);
            sync.sum(gradientSums, gradientSums.length);
        }
    }

    @Override
    public String toString() {
        return TYPE + " " + shape + " eps=" + spec.eps() + " momentum=" + spec.momentum()
                + (spec.affine() ? "" : " no_affine") + (relu ? " + relu" : "");
    }
}
