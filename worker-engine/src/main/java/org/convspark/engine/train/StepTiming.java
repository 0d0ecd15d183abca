package org.convspark.engine.train;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.model.Network;
import org.convspark.engine.optim.Adam;
import org.convspark.engine.optim.LearningRateSchedule;

/**
 * What a model's training step costs this machine's engine on the calling thread: seconds per
 * sample of forward and backward (the median of timed batches of random inputs, after three
 * seconds of this thread's CPU time in untimed ones, for the JIT), and seconds of one Adam step
 * over all parameters, which every task of a barrier round takes after the all-reduce. The
 * compute side of the scaling model ({@code
 * convspark plan}, {@code bench/allreduce}); a measurement, not an estimate from FLOPs, because the
 * engine's speed varies several-fold across layer shapes.
 */
public record StepTiming(int parameters, double secondsPerSample, double optimizerSeconds) {
    private static final long WARM_UP_NANOS = 3_000_000_000L;
    private static final long OPTIMIZER_WARM_UP_NANOS = 500_000_000L;

    /** Times {@code repeats} batches of {@code batch} samples (and as many optimizer steps). */
    public static StepTiming measure(ModelSpec spec, int batch, int repeats) {
        if (batch < 1 || repeats < 1) {
            throw new IllegalArgumentException("timing needs a batch and repeats >= 1, got " + batch + ", " + repeats);
        }
        Network network = new Network(spec);
        float[] params = network.initialParameters(1);
        SplittableRandom random = new SplittableRandom(5);
        float[] images = new float[batch * spec.input().size()];
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) random.nextDouble();
        }
        int[] labels = new int[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = random.nextInt(network.numClasses());
        }
        float[] gradient = new float[network.parameterCount()];
        // The gradient sum is not zeroed between batches: its values do not change the work.
        double perBatch = medianSeconds(() -> network.trainBatch(params, images, 0, labels, 0, batch, gradient, 1, 0),
                WARM_UP_NANOS, 3, repeats);
        Adam adam = new Adam(LearningRateSchedule.constant(1e-3), 0.9, 0.999, 1e-8, 0, 0);
        float[] stepped = params.clone();
        long[] step = {0};
        // The optimizer's loop too runs at its compiled, vectorized speed only after the JIT's C2.
        double optimizer = medianSeconds(() -> adam.step(stepped, gradient, step[0]++), OPTIMIZER_WARM_UP_NANOS, 20,
                Math.max(5, repeats));
        return new StepTiming(network.parameterCount(), perBatch / batch, optimizer);
    }

    /**
     * The median seconds of one call of {@code work} over {@code repeats} calls, after at least
     * {@code minWarm} calls and {@code warmNanos} of this thread's CPU time: the JIT compiles the
     * engine's kernels over the first seconds of work, until then a call takes several times its
     * steady time. CPU time, so that executors sharing a machine's cores (which then get a fraction
     * of a core each) warm up as far.
     */
    private static double medianSeconds(Runnable work, long warmNanos, int minWarm, int repeats) {
        long start = cpuNanos();
        for (int w = 0; w < minWarm || cpuNanos() - start < warmNanos; w++) {
            work.run();
        }
        double[] seconds = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long begin = System.nanoTime();
            work.run();
            seconds[r] = (System.nanoTime() - begin) / 1e9;
        }
        return median(seconds);
    }

    private static long cpuNanos() {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        return cpu.isCurrentThreadCpuTimeSupported() ? cpu.getCurrentThreadCpuTime() : System.nanoTime();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
