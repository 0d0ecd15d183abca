package org.convspark.engine.train;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.convspark.engine.model.ModelSpec;
import org.convspark.engine.model.Network;
import org.convspark.engine.optim.Adam;
import org.convspark.engine.optim.LearningRateSchedule;

/**
 * What a model's training step costs this machine's engine on the calling thread: seconds per
 * sample of forward and backward (the median of timed batches of random inputs, after three
 * seconds of this thread's CPU time in untimed ones, for the JIT), and seconds of one Adam step over all parameters, which every task of a
 * barrier round takes after the all-reduce. The compute side of the scaling model ({@code
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
        // The JIT compiles the engine's kernels over the first seconds of work: until then a batch
        // takes several times its steady time. Counted in this thread's CPU time, so that executors
        // sharing a machine's cores (which then get a fraction of a core each) warm up as far.
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        boolean counts = cpu.isCurrentThreadCpuTimeSupported();
        long start = counts ? cpu.getCurrentThreadCpuTime() : System.nanoTime();
        for (int w = 0; w < 3 || (counts ? cpu.getCurrentThreadCpuTime() : System.nanoTime()) - start < WARM_UP_NANOS;
             w++) {
            network.trainBatch(params, images, 0, labels, 0, batch, gradient, 1, 0);
        }
        double[] perSample = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            Arrays.fill(gradient, 0);
            long begin = System.nanoTime();
            network.trainBatch(params, images, 0, labels, 0, batch, gradient, 1, 0);
            perSample[r] = (System.nanoTime() - begin) / 1e9 / batch;
        }
        Adam adam = new Adam(LearningRateSchedule.constant(1e-3), 0.9, 0.999, 1e-8, 0, 0);
        float[] stepped = params.clone();
        long step = 0;
        // The optimizer's loop too runs at its compiled, vectorized speed only after the JIT's C2.
        long optimizerStart = counts ? cpu.getCurrentThreadCpuTime() : System.nanoTime();
        while (step < 20 || (counts ? cpu.getCurrentThreadCpuTime() : System.nanoTime()) - optimizerStart
                < OPTIMIZER_WARM_UP_NANOS) {
            adam.step(stepped, gradient, step++);
        }
        double[] optimizer = new double[Math.max(5, repeats)];
        for (int r = 0; r < optimizer.length; r++) {
            long begin = System.nanoTime();
            adam.step(stepped, gradient, step++);
            optimizer[r] = (System.nanoTime() - begin) / 1e9;
        }
        return new StepTiming(network.parameterCount(), median(perSample), median(optimizer));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
