package org.convspark.driver.collective;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.spark.TaskKilledException;

/**
 * The messages that reached one task of one round and that it has not taken yet, by (kind, step,
 * sender, piece). A peer may run one step ahead, so messages can arrive before they are wanted
 * (an attempt at a round has its own token, so nothing of another attempt lands here). A wait polls the task's kill flag: Spark ends
 * a failed barrier stage's other tasks by flagging them without interrupting their threads.
 */
final class Inbox {
    private static final long POLL_MILLIS = 50;
    private static final long SPIN_NANOS = 2_000_000;
    /** Threads that must not spin while they wait (see {@link #neverSpinOnThisThread}). */
    private static final ThreadLocal<Boolean> NEVER_SPIN = ThreadLocal.withInitial(() -> false);

    /**
     * This thread parks at once when it waits, also for a partner in its JVM: a thread that waits
     * beside the engine's (the overlapped all-reduce's) would spin on the cores the engine needs.
     */
    static void neverSpinOnThisThread() {
        NEVER_SPIN.set(true);
    }

    private final BooleanSupplier killed;
    private final Map<Key, PeerMessage> waiting = new HashMap<>();
    private long bytesReceived;
    private Throwable failure;

    private record Key(PeerMessage.Kind kind, int step, int from, int piece) {
    }

    Inbox(BooleanSupplier killed) {
        this.killed = killed;
    }

    /** Bumped by every delivery, so a waiting task can watch for news without the lock. */
    private volatile long deliveries;

    /**
     * Messages a task can have waiting: a partner runs at most one step ahead, so a round stays
     * under 2 x 2 (P-1) pieces per bucket (the overlap's up to 9 buckets and the totals); a sender
     * that goes beyond (one who saw a round's token, in the token-only mode) would fill the heap,
     * so the round fails with a message saying so instead of waiting for what was dropped.
     */
    private static final int MAX_WAITING = 4096;
    private static final int MAX_WAITING_PER_PEER = 64;
    private int maxWaiting = MAX_WAITING;

    /** The round has {@code peers} tasks: room for their messages. */
    synchronized void expectPeers(int peers) {
        maxWaiting = MAX_WAITING + MAX_WAITING_PER_PEER * peers;
    }

    synchronized void deliver(PeerMessage m, int wireBytes) {
        if (waiting.size() >= maxWaiting) {
            fail(new IOException(waiting.size() + " messages are waiting for this task, more than a round "
                    + "of its size sends (" + maxWaiting + "): partition " + m.from + " sent another"));
            return;
        }
        bytesReceived += PeerGroup.isWarmUpKey(m.step) ? 0 : wireBytes;
        waiting.put(new Key(m.kind, m.step, m.from, m.piece), m);
        deliveries++;
        notifyAll();
    }

    /** Ends every wait with {@code cause}: a message could not be sent, so a partner will wait forever. */
    synchronized void fail(Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
        notifyAll();
    }

    /**
     * Waits for the message; {@code fromThisJvm}: its sender is a task of this JVM, which hands it
     * over in memory.
     */
    PeerMessage take(PeerMessage.Kind kind, int step, int from, int piece, boolean fromThisJvm) throws IOException {
        Key key = new Key(kind, step, from, piece);
        // A partner in this JVM usually answers within a step's compute imbalance: spinning keeps this
        // core awake for it, where parking would add a wake-up (on a VM, an idle vCPU's: 0.1-1 ms) to
        // every step. Measured with LeNet-5 in local[2]: 2 ms; at 0.3 ms batch 64 ran at 0.75-0.78 of
        // the engine alone instead of 0.94-1.09 (its imbalances outlast the spin), and 10 ms tripled a
        // run's time while the JIT compiled the engine (its threads want these cores too). A message
        // from another JVM arrives on one of the transport's threads, which needs a core to run: with
        // executors sharing a machine's cores, spinning kept it off them (bench/allreduce, 2 executor
        // JVMs on 2 cores, 10^4 floats: 3-8 ms a step spinning), so that wait parks at once.
        long spinUntil = System.nanoTime() + (fromThisJvm && !NEVER_SPIN.get() ? SPIN_NANOS : 0);
        long seen = -1;
        do {
            long now = deliveries;
            if (now != seen) {
                seen = now;
                synchronized (this) {
                    PeerMessage m = waiting.remove(key);
                    if (m != null) {
                        return m;
                    }
                }
            }
            Thread.onSpinWait();
        } while (System.nanoTime() < spinUntil);
        return takeWaiting(key, kind, step, from, piece);
    }

    private synchronized PeerMessage takeWaiting(Key key, PeerMessage.Kind kind, int step, int from, int piece)
            throws IOException {
        PeerMessage m;
        while ((m = waiting.remove(key)) == null) {
            if (failure != null) {
                throw new IOException("the collective could not deliver a message", failure);
            }
            if (killed.getAsBoolean()) {
                throw new TaskKilledException("killed while waiting for partition " + from + " in the collective");
            }
            try {
                wait(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TaskKilledException("interrupted while waiting for partition " + from + " in the collective");
            }
        }
        return m;
    }

    synchronized long bytesReceived() {
        return bytesReceived;
    }
}
