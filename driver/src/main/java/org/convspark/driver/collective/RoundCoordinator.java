package org.convspark.driver.collective;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.network.client.RpcResponseCallback;

/**
 * The driver's part in a barrier round: it coordinates and carries no gradient. Each task joins
 * with its address; once all have, every task gets every address and the tasks all-reduce among
 * themselves ({@link Collective}). During the round partition 0 reports each step's totals and each
 * epoch's test totals, which the coordinator hands to the progress listener on its own thread (a
 * slow listener delays no message); at the end each task reports its byte counts and waits for
 * the acknowledgement.
 *
 * <p>A stage attempt's joins are answered only when all its tasks are in. A newer attempt (Spark
 * reruns a failed barrier stage) refuses the older one's waiting tasks; a task that joins an older
 * attempt is refused; if some task has not joined {@link CollectiveSettings#timeoutMillis()} after
 * the first did, the attempt's waiting tasks are refused naming the missing partitions, which
 * fails the round (the driver reruns it with a new coordinator, up to {@code
 * spark.stage.maxConsecutiveAttempts} times) instead of hanging. The round's random token keeps other rounds' and other clients' messages out.
 */
public final class RoundCoordinator implements AutoCloseable {
    /** Told, in order, of each step partition 0 finished and of each epoch the round ended. */
    public interface Progress {
        /** Step {@code index} of the round (from 0) is done; {@code totals} summed over every partition. */
        void step(int index, StepTotals totals);

        /**
         * The epoch ending with step {@code index} was evaluated: {@code test} summed over every
         * partition's test shard (count 0 without test data; {@code maxComputeNanos} the slowest
         * evaluation), {@code taskBytes} what partition 0 sent and received in the round so far.
         */
        default void epochEnded(int index, StepTotals test, long taskBytes) {
        }
    }

    private final PeerTransport transport;
    private final int partitions;
    private final long timeoutMillis;
    private final Progress progress;
    private final long token = new SecureRandom().nextLong();
    /** Progress, the byte counts and join timeouts, in arrival order, off the transport's threads. */
    private final ScheduledThreadPoolExecutor events = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "convspark-round-coordinator");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong driverBytes = new AtomicLong();
    private volatile Throwable progressFailure;
    private boolean closed;
    private Attempt current;
    private Attempt finished;

    public RoundCoordinator(PeerTransport transport, int partitions, long timeoutMillis, Progress progress) {
        this.transport = transport;
        this.partitions = partitions;
        this.timeoutMillis = timeoutMillis;
        this.progress = progress;
        // A join timer must not hold close() up: pending timers are dropped at shutdown.
        events.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        events.setRemoveOnCancelPolicy(true);
        transport.register(token, this);
    }

    public long token() {
        return token;
    }

    public String host() {
        return transport.host();
    }

    public int port() {
        return transport.port();
    }

    /** Bytes of the round's messages the driver received and sent (joins, progress, counts, replies). */
    public long driverBytes() {
        return driverBytes.get();
    }

    /** Bytes every task of the attempt that finished sent plus received, summed over tasks; 0 before. */
    public synchronized long taskBytes() {
        return finished == null ? 0 : finished.taskBytes;
    }

    /** Bytes partition {@code p}'s task of the attempt that finished sent plus received; 0 before. */
    public synchronized long partitionBytes(int p) {
        return finished == null ? 0 : finished.partitionBytes[p];
    }

    /**
     * The first exception or error the progress listener threw, or null: the driver rethrows it
     * after the round. Final once {@link #close()} has returned.
     */
    public Throwable progressFailure() {
        return progressFailure;
    }

    void request(PeerMessage m, int wireBytes, RpcResponseCallback reply) {
        driverBytes.addAndGet(wireBytes);
        switch (m.kind) {
            case JOIN -> join(m, reply);
            case DONE -> events.execute(() -> {
                done(m);
                reply.onSuccess(ByteBuffer.allocate(0));
            });
            default -> reply.onFailure(new IllegalArgumentException("a " + m.kind + " request"));
        }
    }

    void progress(PeerMessage m, int wireBytes) {
        driverBytes.addAndGet(wireBytes);
        events.execute(() -> report(m));
    }

    /** Whether {@code kind} is a one-way report this coordinator takes. */
    static boolean reports(PeerMessage.Kind kind) {
        return kind == PeerMessage.Kind.PROGRESS || kind == PeerMessage.Kind.EPOCH;
    }

    private synchronized void join(PeerMessage m, RpcResponseCallback reply) {
        if (closed) {
            reply.onFailure(new IllegalStateException("the round is over"));
            return;
        }
        if (m.from < 0 || m.from >= partitions) {
            reply.onFailure(new IllegalArgumentException("partition " + m.from + " of a round of " + partitions));
            return;
        }
        if (current != null && m.attempt < current.number) {
            reply.onFailure(new IllegalStateException("stage attempt " + m.attempt + " is over; attempt "
                    + current.number + " runs the round"));
            return;
        }
        if (current == null || m.attempt > current.number) {
            if (current != null) {
                current.refuse("stage attempt " + m.attempt + " replaced attempt " + current.number);
            }
            Attempt started = new Attempt(m.attempt, partitions);
            current = started;
            events.schedule(() -> timeout(started), timeoutMillis, TimeUnit.MILLISECONDS);
        }
        if (current.over) {
            reply.onFailure(new IllegalStateException("stage attempt " + m.attempt + " was given up: " + current.why));
            return;
        }
        if (current.started || current.replies[m.from] != null) {
            reply.onFailure(new IllegalStateException("partition " + m.from + " joined attempt " + m.attempt
                    + " twice"));
            return;
        }
        current.replies[m.from] = reply;
        current.hosts[m.from] = m.hosts[0];
        current.ports[m.from] = m.ports[0];
        current.endpoints[m.from] = m.endpoints[0];
        for (RpcResponseCallback r : current.replies) {
            if (r == null) {
                return;
            }
        }
        current.started = true;
        ByteBuffer peers = PeerMessage.encodePeers(token, current.number, current.hosts, current.ports,
                current.endpoints);
        for (RpcResponseCallback r : current.replies) {
            driverBytes.addAndGet(peers.remaining());
            r.onSuccess(peers.duplicate());
        }
    }

    private synchronized void timeout(Attempt attempt) {
        if (attempt != current || attempt.started) {
            return;
        }
        List<Integer> missing = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            if (attempt.replies[p] == null) {
                missing.add(p);
            }
        }
        attempt.refuse("partition" + (missing.size() == 1 ? " " : "s ") + missing + " did not join stage attempt "
                + attempt.number + " within " + timeoutMillis / 1000.0 + " s of the first (" + CollectiveSettings.TIMEOUT
                + ")");
    }

    private synchronized void done(PeerMessage m) {
        Attempt attempt = current;
        if (attempt == null || m.attempt != attempt.number || m.from < 0 || m.from >= partitions) {
            return;
        }
        attempt.taskBytes += m.bytesSent + m.bytesReceived;
        attempt.partitionBytes[m.from] = m.bytesSent + m.bytesReceived;
        if (++attempt.done == partitions) {
            finished = attempt;
        }
    }

    /** A failing listener must not stop the round: its failure waits for the driver's thread. */
    private void report(PeerMessage m) {
        if (progressFailure != null) {
            return;
        }
        try {
            if (m.kind == PeerMessage.Kind.EPOCH) {
                progress.epochEnded(m.step, m.totals, m.bytesSent + m.bytesReceived);
            } else {
                for (int i = 0; i < m.steps.length; i++) {
                    progress.step(m.step + i, m.steps[i]);
                }
            }
        } catch (Throwable t) {
            progressFailure = t;
        }
    }

    /** Refuses joins still waiting and waits for the reports already received to reach the listener. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            if (current != null && !current.started) {
                current.refuse("the round is over");
            }
        }
        transport.unregister(token, this);
        events.shutdown();
        boolean interrupted = false;
        while (!events.isTerminated()) {
            try {
                events.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted = true; // the queue is short: reports of steps already taken
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Attempt {
        final int number;
        final RpcResponseCallback[] replies;
        final String[] hosts;
        final int[] ports;
        final long[] endpoints;
        boolean started;
        boolean over;
        String why;
        int done;
        long taskBytes;
        final long[] partitionBytes;

        Attempt(int number, int partitions) {
            this.number = number;
            this.replies = new RpcResponseCallback[partitions];
            this.hosts = new String[partitions];
            this.ports = new int[partitions];
            this.endpoints = new long[partitions];
            this.partitionBytes = new long[partitions];
        }

        void refuse(String why) {
            this.over = true;
            this.why = why;
            for (int p = 0; p < replies.length; p++) {
                if (replies[p] != null) {
                    replies[p].onFailure(new IllegalStateException(why));
                    replies[p] = null;
                }
            }
        }
    }
}
