package org.convspark.driver;

/**
 * Where a run's human-readable lines go: the reports before the first step, one line per epoch,
 * checkpoint and resume notices. The default writes to the driver's log (slf4j, as Spark does);
 * the CLI and tests pass their own.
 */
@FunctionalInterface
public interface TrainingLog {
    void info(String line);

    static TrainingLog slf4j() {
        org.slf4j.Logger logger = org.slf4j.LoggerFactory.getLogger(DistributedTrainer.class);
        return logger::info;
    }
}
