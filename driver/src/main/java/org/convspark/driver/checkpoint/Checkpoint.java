package org.convspark.driver.checkpoint;

import org.convspark.engine.json.JsonObject;

/**
 * The state of a run after {@code step} global steps: enough to continue exactly as if never
 * stopped. The run's randomness is a pure function of (seed, epoch, step) (batches, dropout), so
 * the seed and the step counter ARE its RNG state; nothing else needs saving.
 *
 * @param step           global steps completed
 * @param epoch          epoch of the next step
 * @param seed           the run's seed
 * @param specJson       the model spec
 * @param params         flat parameters
 * @param optimizerState the optimizer's state arrays ({@code Optimizer.state()})
 * @param config         the trainer settings, for the record
 */
public record Checkpoint(long step, int epoch, long seed, String specJson, float[] params, float[][] optimizerState,
                         JsonObject config) {
    /** Directory name of a checkpoint: {@code step-} and at least six digits. */
    public static String directoryName(long step) {
        return String.format("step-%06d", step);
    }
}
