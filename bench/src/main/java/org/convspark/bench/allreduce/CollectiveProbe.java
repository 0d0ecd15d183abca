package org.convspark.bench.allreduce;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.BarrierTaskContext;
import org.convspark.driver.collective.Collective;
import org.convspark.driver.collective.CollectiveSettings;
import org.convspark.driver.collective.PeerGroup;
import org.convspark.driver.collective.StepTotals;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction1;

/**
 * A barrier task that all-reduces an n-float vector {@code warmup + steps} times with the
 * round's other tasks and nothing else (no engine, no optimizer): what a training step's
 * collective costs alone. It joins the round exactly as a training task does ({@link
 * PeerGroup#joinFromTask}, as {@code BarrierRound}) and returns its partition and
 * the nanoseconds each measured step took, from entering the all-reduce to leaving it.
 */
final class CollectiveProbe extends AbstractFunction1<Iterator<Integer>, Iterator<long[]>> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Collective.Algorithm algorithm;
    private final int n;
    private final int warmup;
    private final int steps;
    private final CollectiveSettings settings;
    private final String coordinatorHost;
    private final int coordinatorPort;
    private final long token;

    CollectiveProbe(Collective.Algorithm algorithm, int n, int warmup, int steps, CollectiveSettings settings,
                    String coordinatorHost, int coordinatorPort, long token) {
        this.algorithm = algorithm;
        this.n = n;
        this.warmup = warmup;
        this.steps = steps;
        this.settings = settings;
        this.coordinatorHost = coordinatorHost;
        this.coordinatorPort = coordinatorPort;
        this.token = token;
    }

    @Override
    public Iterator<long[]> apply(Iterator<Integer> partition) {
        BarrierTaskContext task = BarrierTaskContext.get();
        int id = task.partitionId();
        float[] partial = new float[n];
        Arrays.fill(partial, id + 1);
        float[] mean = new float[n];
        StepTotals own = new StepTotals(1, 1, 1, 0, 0);
        long[] result = new long[1 + steps];
        result[0] = id;
        try (PeerGroup group = PeerGroup.joinFromTask(task, settings, coordinatorHost, coordinatorPort, token)) {
            Collective collective = Collective.choose(algorithm, n, group);
            for (int s = 0; s < warmup + steps; s++) {
                long begin = System.nanoTime();
                collective.allReduce(s, partial, own, mean);
                if (s >= warmup) {
                    result[1 + s - warmup] = System.nanoTime() - begin;
                }
            }
            group.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("partition " + id + ": " + e.getMessage(), e);
        }
        return CollectionConverters.asScala(List.of(result).iterator());
    }
}
