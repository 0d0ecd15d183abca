package org.convspark.driver;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.TaskKilledException;
import org.apache.spark.broadcast.Broadcast;
import org.convspark.engine.model.BatchResult;
import org.convspark.engine.optim.Optimizer;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction1;

/**
 * The task body of {@link AllReduce#BARRIER}: {@code steps} exact synchronous steps in one barrier
 * job. Each task starts from the broadcast parameters and optimizer state, connects to the
 * driver's {@link GradientHub} and, at every step, sends the gradient sum of its shard's share of
 * the global batch, receives the mean over all partitions (summed in partition order in double
 * precision and divided by the batch size, as the driver does after a {@code treeAggregate}), and
 * steps its own optimizer. Every task applies the same numbers the same way, so all hold the same
 * parameters after every step, and no Spark job, broadcast or task launch happens between steps.
 *
 * <p>Barrier mode is what makes this safe: Spark starts all P tasks at once or not at all, and
 * reruns them all when one fails (the hub drops the failed attempt's connections). Every decision
 * that ends a round early (a non-finite mean gradient or loss, a batch the partitions did not
 * cover) is taken on the hub's reply, which all tasks share, so all stop at the same step. The
 * steps are pure functions of (parameters, seed, step): a rerun computes the same thing.
 */
final class BarrierRound extends AbstractFunction1<Iterator<Shard>, Iterator<RoundResult>> implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int CONNECT_TIMEOUT_MILLIS = 60_000;
    private static final int BUFFER = 1 << 16;

    private final WorkerSpec worker;
    private final Broadcast<float[][]> start;
    private final BatchSchedule schedule;
    private final long firstStep;
    private final int steps;
    private final OptimizerSettings optimizer;
    private final FaultInjection fault;
    private final String hubHost;
    private final int hubPort;
    private final long hubToken;

    BarrierRound(WorkerSpec worker, Broadcast<float[][]> start, BatchSchedule schedule, long firstStep, int steps,
                 OptimizerSettings optimizer, FaultInjection fault, String hubHost, int hubPort, long hubToken) {
        this.worker = worker;
        this.start = start;
        this.schedule = schedule;
        this.firstStep = firstStep;
        this.steps = steps;
        this.optimizer = optimizer;
        this.fault = fault;
        this.hubHost = hubHost;
        this.hubPort = hubPort;
        this.hubToken = hubToken;
    }

    @Override
    public Iterator<RoundResult> apply(Iterator<Shard> partition) {
        BarrierTaskContext task = BarrierTaskContext.get();
        Shard shard = onlyShard(partition, task.partitionId());
        try (Socket socket = new Socket(); KillWatch watch = KillWatch.closeOnKill(task, socket)) {
            socket.connect(new InetSocketAddress(hubHost, hubPort), CONNECT_TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), BUFFER));
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), BUFFER));
            HubFrames.writeHello(out, hubToken, task.partitionId(), task.stageAttemptNumber());
            RoundResult result = run(shard, out, in);
            return CollectionConverters.asScala(task.partitionId() == 0 ? List.of(result).iterator()
                    : Collections.<RoundResult>emptyIterator());
        } catch (IOException e) {
            if (task.isInterrupted()) {
                throw new TaskKilledException("killed while waiting for the gradient hub");
            }
            throw new UncheckedIOException("barrier round from step " + firstStep + ", partition "
                    + task.partitionId() + ": the connection to the driver's gradient hub at " + hubHost + ":" + hubPort
                    + " ended (another task of the round failed, or the driver ended the round)", e);
        }
    }

    private RoundResult run(Shard shard, DataOutputStream out, DataInputStream in) throws IOException {
        WorkerContext context = WorkerContext.forSpec(worker);
        int n = context.network().parameterCount();
        float[] params = RoundStart.params(start.value());
        Optimizer local = RoundStart.optimizer(start.value(), optimizer);
        float[] mean = new float[n];
        StepAggregate[] taken = new StepAggregate[steps];
        for (int i = 0; i < steps; i++) {
            long step = firstStep + i;
            if (fault != null) {
                fault.apply(step);
            }
            long begin = System.nanoTime();
            BatchResult result = context.trainShare(shard, schedule, step, params);
            HubFrames.writePartial(out, System.nanoTime() - begin, result, context.gradient(), n);
            StepAggregate totals = HubFrames.readMean(in, mean);
            int batch = schedule.batch(step).length;
            if (totals.count() != batch) {
                throw new IllegalStateException("step " + step + ": the partitions processed " + totals.count()
                        + " samples, the batch has " + batch);
            }
            if (!finite(mean) || !Double.isFinite(totals.lossSum())) {
                return new RoundResult(Arrays.copyOf(taken, i), params, local.state(), step, mean.clone(),
                        totals.lossSum());
            }
            local.step(params, mean, step);
            taken[i] = totals;
        }
        return new RoundResult(taken, params, local.state(), -1, null, 0);
    }

    /**
     * The partition's shard: {@link ShardedDataset} packs exactly one per partition. Summing
     * several here would add their gradients in float where a {@code treeAggregate} adds each in
     * double, so more than one is refused rather than summed differently.
     */
    private static Shard onlyShard(Iterator<Shard> partition, int id) {
        List<Shard> shards = CollectionConverters.asJava(partition.toSeq());
        if (shards.size() != 1) {
            throw new IllegalStateException("barrier round: partition " + id + " holds " + shards.size()
                    + " shards; ShardedDataset packs exactly one per partition");
        }
        return shards.get(0);
    }

    private static boolean finite(float[] values) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
