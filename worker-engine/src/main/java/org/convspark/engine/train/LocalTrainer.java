package org.convspark.engine.train;

import java.util.ArrayList;
import java.util.List;
import org.convspark.engine.model.BatchResult;
import org.convspark.engine.model.ModelSpec;
import org.convspark.engine.model.Network;
import org.convspark.engine.optim.Optimizer;
import org.convspark.engine.optim.OptimizerConfig;
import org.convspark.engine.optim.Optimizers;

/**
 * Synchronous mini-batch training on one thread, without Spark: the reference the distributed
 * driver must reproduce. Each step sums the gradient over its global batch, divides by the
 * batch's size once and takes one optimizer step, exactly as the driver does after its
 * aggregation.
 *
 * <p>Determinism: parameters start from {@code Network.initialParameters(seed)}; epoch {@code e}
 * visits samples in {@link EpochOrder#permutation}{@code (seed, e, n)}, in global batches of
 * {@code globalBatch} consecutive samples of that order (the last one may be smaller); the
 * sample at position {@code k} of step {@code t}'s batch draws its dropout mask from
 * {@code (seed, t * globalBatch + k)}.
 */
public final class LocalTrainer {
    private final Network network;
    private final Optimizer optimizer;
    private final long seed;
    private final float[] params;
    private final float[] gradSum;
    private final float[] meanGradient;
    private float[] batchImages = new float[0];
    private int[] batchLabels = new int[0];
    private long step;
    private long epoch;

    public LocalTrainer(ModelSpec spec, OptimizerConfig optimizerConfig, long seed) {
        this.network = new Network(spec);
        this.optimizer = Optimizers.create(optimizerConfig);
        this.seed = seed;
        this.params = network.initialParameters(seed);
        this.gradSum = new float[params.length];
        this.meanGradient = new float[params.length];
    }

    /** The current parameters (live: later steps change this array). */
    public float[] parameters() {
        return params;
    }

    /** Optimizer steps taken so far; the next step's number. */
    public long step() {
        return step;
    }

    public Network network() {
        return network;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /**
     * One optimizer step on exactly the {@code count} samples given, whose dropout masks come from
     * {@code (seed, firstSampleIndex + j)}. Returns the batch's loss sum and correct count.
     */
    public BatchResult trainStep(float[] images, int imageOffset, int[] labels, int labelOffset, int count,
                                 long firstSampleIndex) {
        if (count < 1) {
            throw new IllegalArgumentException("a training step needs >= 1 sample, got " + count);
        }
        java.util.Arrays.fill(gradSum, 0f);
        BatchResult r = network.trainBatch(params, images, imageOffset, labels, labelOffset, count, gradSum, seed,
                firstSampleIndex);
        float inverse = 1f / count;
        for (int i = 0; i < gradSum.length; i++) {
            meanGradient[i] = gradSum[i] * inverse;
        }
        optimizer.step(params, meanGradient, step);
        step++;
        return r;
    }

    /**
     * Trains {@code epochs} more epochs over {@code train} in global batches of {@code globalBatch},
     * evaluating on {@code test} (may be {@code null}) after each; returns one entry per epoch.
     */
    public List<EpochStats> fit(LabelledData train, LabelledData test, int epochs, int globalBatch) {
        int sampleSize = network.spec().input().size();
        train.checkSampleSize("training data", sampleSize);
        if (test != null) {
            test.checkSampleSize("test data", sampleSize);
        }
        if (train.count() == 0) {
            throw new IllegalArgumentException("training data is empty");
        }
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs must be >= 0, got " + epochs);
        }
        if (globalBatch < 1) {
            throw new IllegalArgumentException("global batch must be >= 1, got " + globalBatch);
        }
        List<EpochStats> history = new ArrayList<>();
        for (int e = 0; e < epochs; e++, epoch++) {
            int[] order = EpochOrder.permutation(seed, epoch, train.count());
            BatchResult seen = BatchResult.ZERO;
            long stepsBefore = step;
            for (int start = 0; start < order.length; start += globalBatch) {
                int n = Math.min(globalBatch, order.length - start);
                gather(train, order, start, n, sampleSize);
                seen = seen.plus(trainStep(batchImages, 0, batchLabels, 0, n, step * globalBatch));
            }
            BatchResult tested = test == null ? null
                    : network.evaluate(params, test.images(), 0, test.labels(), 0, test.count());
            history.add(new EpochStats(epoch, step - stepsBefore, seen, tested));
        }
        return history;
    }

    private void gather(LabelledData data, int[] order, int start, int n, int sampleSize) {
        if (batchImages.length < n * sampleSize) {
            batchImages = new float[n * sampleSize];
            batchLabels = new int[n];
        }
        for (int k = 0; k < n; k++) {
            int sample = order[start + k];
            System.arraycopy(data.images(), sample * sampleSize, batchImages, k * sampleSize, sampleSize);
            batchLabels[k] = data.labels()[sample];
        }
    }
}
