package org.convspark.engine.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.convspark.engine.data.Augmentation;
import org.convspark.engine.data.LabelledImages;
import org.convspark.engine.layers.BatchResult;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.model.Network;
import org.convspark.engine.optim.Optimizer;
import org.convspark.engine.optim.OptimizerConfig;
import org.convspark.engine.optim.Optimizers;

/**
 * Synchronous mini-batch training without Spark, on one thread or split over several ({@link
 * ThreadedBatch}): the reference the distributed
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
public final class LocalTrainer implements AutoCloseable {
    private final ThreadedBatch threaded;
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
    private Augmentation augmentation = Augmentation.NONE;
    private float[] augmentScratch = new float[0];

    public LocalTrainer(ModelSpec spec, OptimizerConfig optimizerConfig, long seed) {
        this(spec, optimizerConfig, seed, 1);
    }

    /** Each step's batch split over {@code threads} threads; results differ by float rounding only. */
    public LocalTrainer(ModelSpec spec, OptimizerConfig optimizerConfig, long seed, int threads) {
        this.threaded = new ThreadedBatch(spec, threads);
        this.network = threaded.network();
        this.optimizer = network.optimizer(Optimizers.create(optimizerConfig));
        this.seed = seed;
        this.params = network.initialParameters(seed);
        this.gradSum = new float[params.length];
        this.meanGradient = new float[params.length];
    }

    /** Augments every training sample from now on (as the distributed trainer does: see {@link Augmentation}). */
    public LocalTrainer withAugmentation(Augmentation value) {
        this.augmentation = value;
        return this;
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
        Arrays.fill(gradSum, 0f);
        BatchResult r = threaded.trainBatch(params, images, imageOffset, labels, labelOffset, count, gradSum, seed,
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
     * One optimizer step on the samples {@code batch} of {@code data} (indices, in the order given),
     * whose dropout masks come from {@code (seed, firstSampleIndex + k)} for the sample at position
     * {@code k}. Returns the batch's loss sum and correct count.
     */
    public BatchResult trainStep(LabelledImages data, int[] batch, long firstSampleIndex) {
        return trainStep(data, batch, firstSampleIndex, (int) epoch);
    }

    /** As above, in epoch {@code epochNumber} (what augmentation draws from, with each sample's index). */
    public BatchResult trainStep(LabelledImages data, int[] batch, long firstSampleIndex, int epochNumber) {
        checkShape("training data", data);
        int sampleSize = data.sampleSize();
        if (batchImages.length < batch.length * sampleSize) {
            batchImages = new float[batch.length * sampleSize];
            batchLabels = new int[batch.length];
        }
        for (int k = 0; k < batch.length; k++) {
            int sample = batch[k];
            System.arraycopy(data.pixels(), sample * sampleSize, batchImages, k * sampleSize, sampleSize);
            batchLabels[k] = data.labels()[sample];
            if (!augmentation.isNone()) {
                if (augmentScratch.length < sampleSize) {
                    augmentScratch = new float[sampleSize];
                }
                augmentation.apply(batchImages, k * sampleSize, data.sampleShape(), seed, epochNumber, sample,
                        augmentScratch);
            }
        }
        return trainStep(batchImages, 0, batchLabels, 0, batch.length, firstSampleIndex);
    }

    /**
     * Trains {@code epochs} more epochs over {@code train} in global batches of {@code globalBatch},
     * evaluating on {@code test} (may be {@code null}) after each; returns one entry per epoch.
     */
    public List<EpochStats> fit(LabelledImages train, LabelledImages test, int epochs, int globalBatch) {
        checkShape("training data", train);
        if (test != null) {
            checkShape("test data", test);
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
                int[] batch = Arrays.copyOfRange(order, start, Math.min(order.length, start + globalBatch));
                seen = seen.plus(trainStep(train, batch, step * globalBatch));
            }
            BatchResult tested = test == null ? null
                    : threaded.evaluate(params, test.pixels(), 0, test.labels(), 0, test.count());
            history.add(new EpochStats(epoch, step - stepsBefore, seen, tested));
        }
        return history;
    }

    /** Ends the helper threads of a multi-threaded trainer now (idle ones end by themselves soon). */
    @Override
    public void close() {
        threaded.close();
    }

    private void checkShape(String what, LabelledImages data) {
        if (!data.sampleShape().equals(network.spec().input())) {
            throw new IllegalArgumentException(what + ": samples of shape " + data.sampleShape() + ", but model "
                    + network.spec().name() + " takes " + network.spec().input());
        }
    }
}
