/**
 * What the executors run, one kind of round each: {@link org.convspark.driver.round.BarrierRound}
 * (a barrier job's tasks step together, all-reducing every step through the {@code collective}
 * package; the run's first round warms up first, {@link org.convspark.driver.round.RoundWarmUp}),
 * {@link org.convspark.driver.round.GradientStep} (one step's gradient sums for a
 * {@code treeAggregate}), {@link org.convspark.driver.round.LocalStepsRound} (k local steps, then
 * parameter averaging), {@link org.convspark.driver.round.EvaluationPass} (loss and accuracy
 * of fixed parameters) and {@link org.convspark.driver.round.WarmUpPass} (the engine's kernels
 * compiled on synthetic samples before the first step, when no barrier round runs the whole run). Each builds its engine network once per executor thread ({@link
 * org.convspark.driver.round.WorkerContext} from a {@link org.convspark.driver.round.WorkerSpec})
 * and returns {@link org.convspark.driver.round.StepAggregate}s. {@link
 * org.convspark.driver.round.FaultInjection} lets tests fail a task at a chosen step. Depends on
 * {@code data}, {@code collective} and the engine; the trainer above chooses and drives them.
 */
package org.convspark.driver.round;
