package org.convspark.driver;

import org.convspark.engine.data.LabelledImages;
import org.convspark.engine.model.BatchResult;
import org.convspark.engine.model.ModelSpec;
import org.convspark.engine.model.Network;
import org.convspark.engine.optim.Optimizer;
import org.convspark.engine.optim.OptimizerConfig;
import org.convspark.engine.optim.Optimizers;

/**
 * The reference the driver must match: the worker-engine alone on one thread, no Spark, taking
 * the same global batches ({@link BatchSchedule}) with the whole batch in one call.
 */
final class EngineAlone {
    private final Network network;
    private final Optimizer optimizer;
    private final BatchSchedule schedule;
    private final LabelledImages data;
    private final float[] params;
    private long samples;

    EngineAlone(ModelSpec spec, OptimizerConfig optimizer, LabelledImages data, int batchSize, long seed) {
        this.network = new Network(spec);
        this.optimizer = Optimizers.create(optimizer);
        this.schedule = new BatchSchedule(seed, data.count(), batchSize);
        this.data = data;
        this.params = network.initialParameters(seed);
    }

    /** Runs global steps {@code [0, steps)} and returns the parameters. */
    float[] train(long steps) {
        int sampleSize = data.sampleSize();
        float[] images = new float[schedule.globalBatch() * sampleSize];
        int[] labels = new int[schedule.globalBatch()];
        float[] gradient = new float[network.parameterCount()];
        float[] mean = new float[gradient.length];
        for (long step = 0; step < steps; step++) {
            int[] batch = schedule.batch(step);
            for (int j = 0; j < batch.length; j++) {
                System.arraycopy(data.pixels(), batch[j] * sampleSize, images, j * sampleSize, sampleSize);
                labels[j] = data.labels()[batch[j]];
            }
            java.util.Arrays.fill(gradient, 0f);
            BatchResult result = network.trainBatch(params, images, 0, labels, 0, batch.length, gradient,
                    schedule.dropoutSeed(step), 0);
            for (int i = 0; i < gradient.length; i++) {
                mean[i] = gradient[i] / batch.length;
            }
            optimizer.step(params, mean, step);
            samples += result.count();
        }
        return params.clone();
    }

    long samples() {
        return samples;
    }

    /** {@code max|a - b| / max|b|}: the tolerance measure of the exactness tests. */
    static double relativeDifference(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(a.length + " vs " + b.length + " parameters");
        }
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < a.length; i++) {
            diff = Math.max(diff, Math.abs((double) a[i] - b[i]));
            scale = Math.max(scale, Math.abs((double) b[i]));
        }
        return diff / scale;
    }
}
