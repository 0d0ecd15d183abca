package org.convspark.driver.round;

import java.io.Serializable;
import org.convspark.driver.collective.PeerGroup;

/**
 * How much a barrier round warms up before its first step (the run's first round does): first up
 * to {@code passes} engine passes over {@code samples} synthetic samples in each task ({@link
 * WorkerContext#warmUp}: cheap passes on which the JIT compiles the engine's kernels; a cold
 * step of a real batch runs interpreted, LeNet-5's at about a second), then up to {@code maxSteps}
 * training steps on the round's first batches from its start parameters, with the collective and
 * the optimizer, and an evaluation of two slices of the test shard, all thrown away; fewer of either once they
 * pass {@code maxNanos} (the steps: the slowest task's time since they began, compute and
 * communication; after {@link #MIN_STEPS}), so a large model does not spend minutes. The JIT
 * compiles a step's whole path (engine, collective, optimizer, shard reads) during it, where a
 * warm-up of the engine alone left the rest to compile during the first epochs, on one of the
 * cores the tasks use.
 */
public record RoundWarmUp(int passes, int samples, int maxSteps, long maxNanos) implements Serializable {
    /** Steps taken even when the first ones outlast {@code maxNanos}: the interpreter runs those. */
    static final int MIN_STEPS = 3;
    /**
     * The collective's message keys of warm-up step {@code k} are {@code KEYS + k}: below the
     * round's steps (0, 1, ...) and its evaluations ({@code -1 - index}), so a task that has
     * finished its warm-up and sends its first step's pieces cannot be taken for a late warm-up;
     * the group counts no bytes under them.
     */
    static final int KEYS = PeerGroup.WARM_UP_KEYS;

    public RoundWarmUp {
        if (passes < 0 || samples < 1 || maxSteps < 0 || maxSteps >= PeerGroup.WARM_UP_KEY_SPAN || maxNanos < 0) {
            throw new IllegalArgumentException("a warm-up of up to " + passes + " passes over " + samples
                    + " samples, " + maxSteps + " steps and " + maxNanos + " ns");
        }
    }

    /** Nothing to do (both counts set to 0). */
    public boolean none() {
        return passes == 0 && maxSteps == 0;
    }

    /** Whether to take warm-up step {@code taken} + 1, the slowest task having spent {@code spentNanos} on the steps. */
    boolean another(int taken, long spentNanos) {
        return taken < maxSteps && (taken < MIN_STEPS || spentNanos < maxNanos);
    }
}
