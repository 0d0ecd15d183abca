package org.convspark.driver.round;

import java.io.Serializable;
import org.convspark.engine.optim.Optimizer;
import org.convspark.engine.optim.OptimizerConfig;
import org.convspark.engine.optim.Optimizers;
import org.convspark.engine.optim.ScheduleConfig;

/**
 * An {@link OptimizerConfig} in a form Spark can put into a task closure (the engine's records
 * are deliberately not {@code Serializable}): barrier rounds and local steps ({@code syncEvery >
 * 1}) step an optimizer on the executors; the tree path steps it on the driver.
 */
public final class OptimizerSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final double[] values;
    private final String scheduleKind;
    private final long[] scheduleSteps;
    private final double[] scheduleValues;

    public OptimizerSettings(OptimizerConfig c) {
        this.name = c.name();
        this.values = new double[] {c.lr(), c.momentum(), c.weightDecay(), c.beta1(), c.beta2(), c.eps(), c.clipNorm()};
        ScheduleConfig s = c.schedule();
        this.scheduleKind = s.kind();
        this.scheduleSteps = new long[] {s.stepEvery(), s.totalSteps(), s.warmupSteps()};
        this.scheduleValues = new double[] {s.gamma(), s.floor()};
    }

    OptimizerConfig config() {
        ScheduleConfig schedule = new ScheduleConfig(scheduleKind, scheduleSteps[0], scheduleValues[0],
                scheduleSteps[1], scheduleValues[1], scheduleSteps[2]);
        return new OptimizerConfig(name, values[0], values[1], values[2], values[3], values[4], values[5], values[6],
                schedule);
    }

    Optimizer create() {
        return Optimizers.create(config());
    }
}
