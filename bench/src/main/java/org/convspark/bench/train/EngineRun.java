package org.convspark.bench.train;

import org.convspark.driver.data.BatchSchedule;
import org.convspark.engine.data.LabelledImages;
import org.convspark.engine.optim.OptimizerConfig;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.train.LocalTrainer;

/**
 * Images per second of the engine alone (no Spark): {@link LocalTrainer} on {@code threads}
 * threads, stepping through the same global batches the distributed trainer takes. The first
 * steps warm up the JIT and are not counted.
 */
final class EngineRun {
    private final ModelSpec spec;
    private final OptimizerConfig optimizer;
    private final LabelledImages train;

    EngineRun(ModelSpec spec, OptimizerConfig optimizer, LabelledImages train) {
        this.spec = spec;
        this.optimizer = optimizer;
        this.train = train;
    }

    /** Images per second over {@code steps} steps of {@code batch}, after {@code warmupSteps} uncounted ones. */
    double imagesPerSecond(int batch, int threads, int warmupSteps, int steps) {
        try (LocalTrainer trainer = new LocalTrainer(spec, optimizer, 1, threads)) {
            BatchSchedule schedule = new BatchSchedule(1, train.count(), batch);
            for (long step = 0; step < warmupSteps; step++) {
                trainer.trainStep(train, schedule.batch(step), schedule.firstSampleIndex(step));
            }
            long images = 0;
            long start = System.nanoTime();
            for (long step = warmupSteps; step < warmupSteps + steps; step++) {
                images += trainer.trainStep(train, schedule.batch(step), schedule.firstSampleIndex(step)).count();
            }
            return images / ((System.nanoTime() - start) / 1e9);
        }
    }
}
