package org.convspark.driver;

import org.convspark.driver.collective.Collective;
import org.convspark.driver.collective.CollectiveCost;
import org.convspark.engine.train.StepTiming;

/**
 * A synchronous step's time on a cluster of {@code executors} machines with {@code cores} cores
 * each and {@code gbps} links, one barrier task per executor splitting its batch over its cores:
 * the engine's compute (its measured time per sample, the batch split evenly over the cores), the
 * optimizer step every task takes, and the all-reduce ({@link CollectiveCost} with the
 * collective's software costs per hop, message and byte, plus a network hop's latency per hop and
 * the wire's time per byte; a task's bytes in and out share its full-duplex link, which is exact
 * for the scatter and star algorithms and 25% low for the tree's root, which receives twice what it
 * sends, but the tree only carries models of up to 16,384 parameters). Weak-scaling
 * efficiency: the compute and optimizer share of the step, which is also P executors' images/s
 * over P times one executor's.
 */
public record ClusterForecast(int executors, int cores, double gbps, CollectiveCost software) {
    /** One-way latency a hop adds on a datacenter network (a 10/25 GbE round trip is 30-60 us). */
    public static final double NETWORK_HOP_SECONDS = 25e-6;
    /** TCP payload at line rate, after Ethernet, IP and TCP headers. */
    public static final double LINK_EFFICIENCY = 0.9;

    public ClusterForecast {
        if (executors < 1 || cores < 1 || !(gbps > 0)) {
            throw new IllegalArgumentException("a cluster needs executors, cores >= 1 and a link > 0 Gb/s, got "
                    + executors + ", " + cores + ", " + gbps);
        }
    }

    /** One step's parts, in seconds. */
    public record Step(int batchPerExecutor, int executors, double computeSeconds, double optimizerSeconds,
                       double allReduceSeconds) {
        public double seconds() {
            return computeSeconds + optimizerSeconds + allReduceSeconds;
        }

        public double efficiency() {
            return (computeSeconds + optimizerSeconds) / seconds();
        }

        public double imagesPerSecond() {
            return (double) batchPerExecutor * executors / seconds();
        }
    }

    /** The collective's costs on this cluster's network. */
    public CollectiveCost network() {
        return software.plus(NETWORK_HOP_SECONDS, 1 / (2 * LINK_EFFICIENCY * gbps * 1e9 / 8));
    }

    /** A step at {@code batchPerExecutor} samples per executor for a model timed as {@code timing}. */
    public Step step(StepTiming timing, int batchPerExecutor) {
        double compute = Math.ceil((double) batchPerExecutor / cores) * timing.secondsPerSample();
        double allReduce = network().seconds(CollectiveCost.traffic(Collective.Algorithm.AUTO, executors,
                timing.parameters()), Double.POSITIVE_INFINITY);
        return new Step(batchPerExecutor, executors, compute, timing.optimizerSeconds(), allReduce);
    }
}
