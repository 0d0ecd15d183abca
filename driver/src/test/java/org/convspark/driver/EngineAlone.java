package org.convspark.driver;

import org.convspark.driver.data.BatchSchedule;
import org.convspark.engine.data.Augmentation;
import org.convspark.engine.data.LabelledImages;
import org.convspark.engine.optim.OptimizerConfig;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.train.LocalTrainer;

/**
 * The reference the driver must match: the engine's own {@link LocalTrainer} on one thread, no
 * Spark, stepping through the same global batches ({@link BatchSchedule}: the engine's epoch
 * order, each batch in ascending index order) with the whole batch in one call.
 */
final class EngineAlone {
    private final LocalTrainer trainer;
    private final BatchSchedule schedule;
    private final LabelledImages data;
    private long samples;

    EngineAlone(ModelSpec spec, OptimizerConfig optimizer, LabelledImages data, int batchSize, long seed) {
        this(spec, optimizer, data, batchSize, seed, Augmentation.NONE);
    }

    EngineAlone(ModelSpec spec, OptimizerConfig optimizer, LabelledImages data, int batchSize, long seed,
                Augmentation augmentation) {
        this.trainer = new LocalTrainer(spec, optimizer, seed).withAugmentation(augmentation);
        this.schedule = new BatchSchedule(seed, data.count(), batchSize);
        this.data = data;
    }

    /** Runs global steps {@code [0, steps)} and returns a copy of the parameters. */
    float[] train(long steps) {
        for (long step = trainer.step(); step < steps; step++) {
            samples += trainer.trainStep(data, schedule.batch(step), schedule.firstSampleIndex(step),
                    schedule.epochOf(step)).count();
        }
        return trainer.parameters().clone();
    }

    long samples() {
        return samples;
    }
}
