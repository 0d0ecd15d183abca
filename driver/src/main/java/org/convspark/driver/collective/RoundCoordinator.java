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
 * themselves ({@link Collective}). During the round partition 0 reports the end of the round's
 * warm-up, each step's totals and each epoch's test totals, which the coordinator hands to the progress listener on its own thread (a
 * slow listener delays no message); at the end each task reports its byte counts and waits for
 * the acknowledgement.
 *
 * <p>Joins are answered only when all the round's tasks are in. If some task has not joined
 * {@link CollectiveSettings#timeoutMillis()} after the first did, the waiting tasks are refused
 * naming the missing partitions, which fails the round (the driver reruns it with a new
 * coordinator, up to {@code spark.stage.maxConsecutiveAttempts} times) instead of hanging. The
 * round's random token, new for every attempt, keeps other rounds', other attempts' and other
 * clients' messages out.
 */
public final class RoundCoordinator implements AutoCloseable {
    /** Told, in order, of each step partition 0 finished and of each epoch the round ended. */
    public interface Progress {
        /**
         * Step {@code index} of the round (from 0) is done; {@code totals} summed over every
         * partition; {@code allReduceNanos} how long partition 0 waited for the step's all-reduce
         * once its own compute was done, less the time the slowest partition's compute took beyond
         * its own: the collective's time not hidden behind the compute.
         */
        void step(int index, StepTotals totals, long allReduceNanos);

        /**
         * The epoch ending with step {@code index} was evaluated: {@code test} summed over every
         * partition's test shard (count 0 without test data; {@code maxComputeNanos} the slowest
         * evaluation), {@code taskBytes} what partition 0 sent and received in the round so far.
         */
        default void epochEnded(int index, StepTotals test, long taskBytes) {
        }

        /**
         * The round's tasks ended their warm-up after {@code passes} engine passes (partition 0's) and
         * {@code steps} steps; its first step comes next.
         */
        default void warmedUp(int passes, int steps) {
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
    /** Partition 0 reported the end of the round's warm-up (read after {@link #close()}). */
    private volatile boolean warmedUp;
    private final RpcResponseCallback[] replies;
    private final String[] hosts;
    private final int[] ports;
    private final long[] endpoints;
    /** What each task reported sending and receiving when it finished. */
    private final long[] partitionBytes;
    private int joined;
    private int finished;
    private boolean started;
    /** Why waiting joins were refused (a timeout, the end of the round); later joins are refused too. */
    private String over;

    public RoundCoordinator(PeerTransport transport, int partitions, long timeoutMillis, Progress progress) {
        this.transport = transport;
        this.partitions = partitions;
        this.timeoutMillis = timeoutMillis;
        this.progress = progress;
        this.replies = new RpcResponseCallback[partitions];
        this.hosts = new String[partitions];
        this.ports = new int[partitions];
        this.endpoints = new long[partitions];
        this.partitionBytes = new long[partitions];
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

    /** Bytes partition {@code p}'s task sent plus received, once every task has finished; 0 before. */
    public synchronized long partitionBytes(int p) {
        return finished == partitions ? partitionBytes[p] : 0;
    }

    /** Whether partition 0 reported the end of the round's warm-up; final once {@link #close()} has returned. */
    public boolean warmedUp() {
        return warmedUp;
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
        return kind == PeerMessage.Kind.PROGRESS || kind == PeerMessage.Kind.EPOCH
                || kind == PeerMessage.Kind.WARMED_UP;
    }

    private synchronized void join(PeerMessage m, RpcResponseCallback reply) {
        if (over != null) {
            reply.onFailure(new IllegalStateException(over));
            return;
        }
        if (m.from < 0 || m.from >= partitions) {
            reply.onFailure(new IllegalArgumentException("partition " + m.from + " of a round of " + partitions));
            return;
        }
        if (started || replies[m.from] != null) {
            reply.onFailure(new IllegalStateException("partition " + m.from + " joined twice"));
            return;
        }
        if (joined++ == 0) {
            events.schedule(this::timeout, timeoutMillis, TimeUnit.MILLISECONDS);
        }
        replies[m.from] = reply;
        hosts[m.from] = m.hosts[0];
        ports[m.from] = m.ports[0];
        endpoints[m.from] = m.endpoints[0];
        if (joined < partitions) {
            return;
        }
        started = true;
        ByteBuffer peers = PeerMessage.encodePeers(token, hosts, ports, endpoints);
        for (RpcResponseCallback r : replies) {
            driverBytes.addAndGet(peers.remaining());
            r.onSuccess(peers.duplicate());
        }
    }

    private synchronized void timeout() {
        if (started || over != null) {
            return;
        }
        List<Integer> missing = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            if (replies[p] == null) {
                missing.add(p);
            }
        }
        refuseWaiting("partition" + (missing.size() == 1 ? " " : "s ") + missing + " did not join within "
                + timeoutMillis / 1000.0 + " s of the first (" + CollectiveSettings.TIMEOUT + ")");
    }

    /** Refuses the joins waiting for their partners, and every later one, with {@code why}. */
    private void refuseWaiting(String why) {
        over = why;
        for (RpcResponseCallback r : replies) {
            if (r != null) {
                r.onFailure(new IllegalStateException(why));
            }
        }
    }

    private synchronized void done(PeerMessage m) {
        if (m.from < 0 || m.from >= partitions) {
            return;
        }
        partitionBytes[m.from] = m.bytesSent + m.bytesReceived;
        finished++;
    }

    /** A failing listener must not stop the round: its failure waits for the driver's thread. */
    private void report(PeerMessage m) {
        if (progressFailure != null) {
            return;
        }
        try {
            if (m.kind == PeerMessage.Kind.EPOCH) {
                progress.epochEnded(m.step, m.totals, m.bytesSent + m.bytesReceived);
            } else if (m.kind == PeerMessage.Kind.WARMED_UP) {
                // Partition 0's, once: another would restart the first epoch's clock.
                if (m.from == 0 && !warmedUp) {
                    warmedUp = true;
                    progress.warmedUp(m.piece, m.step);
                }
            } else {
                for (int i = 0; i < m.steps.length; i++) {
                    progress.step(m.step + i, m.steps[i], m.allReduceNanos[i]);
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
            if (!started && over == null) {
                refuseWaiting("the round is over");
            } else if (over == null) {
                over = "the round is over";
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
}
