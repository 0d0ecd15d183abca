package org.convspark.driver;

import java.util.List;
import org.convspark.engine.json.JsonObject;
import org.convspark.engine.spec.ModelSpec;

/**
 * What {@link DistributedTrainer#fit} returns: the trained model (spec plus flat parameters), the
 * number of global steps taken (including those before a resume) and the per-epoch history of
 * this run (epochs finished before a resume are not repeated), the all-reduce the run used
 * with the reason it was chosen, the executors' distinct
 * {@link org.convspark.engine.gemm.KernelReport}s (which GEMM kernel the engine ran), and the
 * seconds the run spent warming up before its first epoch's clock started (in no epoch's time).
 */
public record TrainingResult(ModelSpec spec, float[] params, long steps, List<EpochMetrics> history,
                             AllReduceChoice allReduce, List<JsonObject> kernels, double warmUpSeconds) {
    public TrainingResult {
        history = List.copyOf(history);
        kernels = List.copyOf(kernels);
    }

    /** The last epoch's metrics. */
    public EpochMetrics last() {
        if (history.isEmpty()) {
            throw new IllegalStateException("no epoch finished in this run");
        }
        return history.get(history.size() - 1);
    }
}
