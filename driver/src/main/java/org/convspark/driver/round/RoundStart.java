package org.convspark.driver.round;

import java.util.Arrays;
import org.convspark.engine.optim.Optimizer;

/**
 * What the tasks of a multi-step round (local steps, a barrier round) start from, broadcast as
 * one {@code float[][]}: the parameters, then every optimizer state array. Each task takes its
 * own copies, so the broadcast value (shared by the tasks of a JVM) is never written.
 */
public final class RoundStart {
    private RoundStart() {
    }

    public static float[][] pack(float[] params, Optimizer optimizer) {
        float[][] state = optimizer.state();
        float[][] start = new float[state.length + 1][];
        start[0] = params.clone();
        System.arraycopy(state, 0, start, 1, state.length);
        return start;
    }

    static float[] params(float[][] start) {
        return start[0].clone();
    }

    /** A fresh optimizer of {@code settings} holding (a copy of) the packed state. */
    static Optimizer optimizer(float[][] start, OptimizerSettings settings) {
        Optimizer optimizer = settings.create();
        optimizer.restoreState(Arrays.copyOfRange(start, 1, start.length));
        return optimizer;
    }
}
