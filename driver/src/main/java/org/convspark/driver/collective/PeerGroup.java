package org.convspark.driver.collective;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskKilledException;
import org.apache.spark.network.client.RpcResponseCallback;

/**
 * One task's membership in a barrier round: it joins through the driver's {@link RoundCoordinator}
 * (its address out, everybody's back), then exchanges messages with the other tasks directly over
 * its JVM's {@link PeerTransport}, counting the bytes it sends and receives. Closing it after a
 * successful round reports those counts to the coordinator and waits for the acknowledgement, so
 * the driver has every count (and every progress report sent before) when the job ends.
 */
public final class PeerGroup implements AutoCloseable {
    private static final long POLL_MILLIS = 50;
    private static final long PROGRESS_MILLIS = 100;
    /**
     * Steps (message keys) from here up to {@link #WARM_UP_KEY_SPAN} above are a warm-up's, thrown
     * away before the round's first step: their bytes are not the round's, whose counts are per step.
     */
    public static final int WARM_UP_KEYS = Integer.MIN_VALUE;
    public static final int WARM_UP_KEY_SPAN = 1 << 21;

    private final PeerTransport transport;
    private final String coordinatorHost;
    private final int coordinatorPort;
    private final long token;
    private final int partition;
    private final BooleanSupplier killed;
    private final Inbox inbox;
    private String[] hosts;
    private int[] ports;
    private long[] endpoints;
    private long bytesSent;
    private final java.util.List<StepTotals> unreported = new java.util.ArrayList<>();
    private final java.util.List<Long> unreportedAllReduceNanos = new java.util.ArrayList<>();
    private int firstUnreported;
    private long lastReport = System.nanoTime() - PROGRESS_MILLIS * 1_000_000L;
    /** The coordinator lives in this JVM (local mode): progress skips the network. */
    private boolean coordinatorHere;
    private long bytesReceivedOutsideInbox;

    private PeerGroup(PeerTransport transport, String coordinatorHost, int coordinatorPort, long token,
                      int partition, BooleanSupplier killed) {
        this.transport = transport;
        this.coordinatorHost = coordinatorHost;
        this.coordinatorPort = coordinatorPort;
        this.token = token;
        this.partition = partition;
        this.killed = killed;
        this.inbox = new Inbox(killed);
    }

    /**
     * Joins round {@code token} from barrier task {@code task}: through its executor JVM's {@link
     * PeerTransport} (made on first use with the executor's Spark settings), reachable at the host
     * Spark reaches the executor by, as the task's partition.
     */
    public static PeerGroup joinFromTask(BarrierTaskContext task, CollectiveSettings settings,
                                         String coordinatorHost, int coordinatorPort, long token) throws IOException {
        // getTaskInfos' port is nobody's listening port, its host is how Spark reaches this executor.
        String address = task.getTaskInfos()[task.partitionId()].address();
        String host = address.substring(0, address.lastIndexOf(':'));
        SparkConf conf = SparkEnv.get().conf();
        PeerTransport transport = PeerTransport.forJvm(TransportSecurity.ofSpark(conf), settings, host,
                PeerTransport.settingsOf(conf));
        return join(transport, coordinatorHost, coordinatorPort, token, task.partitionId(), host, task::isInterrupted);
    }

    /**
     * Joins round {@code token} as {@code partition}, reachable at {@code transport}'s port on
     * {@code ownHost}; returns once every task of the round has joined. Fails when the coordinator
     * gives up on the round (a task did not join in time, the round is over) or the task is killed.
     */
    public static PeerGroup join(PeerTransport transport, String coordinatorHost, int coordinatorPort, long token,
                                 int partition, String ownHost, BooleanSupplier killed)
            throws IOException {
        return join(transport, coordinatorHost, coordinatorPort, token, partition, ownHost, transport.port(),
                killed);
    }

    /** As above, advertising {@code ownPort} (tests: a proxy in front of this JVM's endpoint). */
    static PeerGroup join(PeerTransport transport, String coordinatorHost, int coordinatorPort, long token,
                          int partition, String ownHost, int ownPort, BooleanSupplier killed)
            throws IOException {
        PeerGroup group = new PeerGroup(transport, coordinatorHost, coordinatorPort, token, partition, killed);
        // Registered before joining: a faster peer may send its first partial before our reply arrives.
        transport.register(token, partition, group.inbox);
        try {
            ByteBuffer join = PeerMessage.encodeJoin(token, partition, ownHost, ownPort, transport.id());
            group.bytesSent += join.remaining();
            ByteBuffer reply = group.request(join, "join");
            group.bytesReceivedOutsideInbox += reply.remaining();
            PeerMessage peers = PeerMessage.decode(reply);
            if (peers.kind != PeerMessage.Kind.PEERS) {
                throw new IOException("the coordinator answered a join with " + peers.kind);
            }
            group.hosts = peers.hosts;
            group.ports = peers.ports;
            group.endpoints = peers.endpoints;
            group.inbox.expectPeers(peers.hosts.length);
            group.coordinatorHere = transport.hasRound(token);
            return group;
        } catch (IOException | RuntimeException e) {
            transport.unregister(token, partition, group.inbox);
            throw e;
        }
    }

    public int partition() {
        return partition;
    }

    public int size() {
        return hosts.length;
    }

    /** Sends {@code values[start .. start + length)}, to land at {@code start} of {@code to}'s vector. */
    void sendFloats(PeerMessage.Kind kind, int to, int step, int piece, StepTotals totals, float[] values, int start,
                    int length) throws IOException {
        sendVector(to, PeerMessage.inMemory(kind, token, partition, to, step, piece, totals, values, null,
                start, length), 4);
    }

    void sendDoubles(PeerMessage.Kind kind, int to, int step, int piece, StepTotals totals, double[] values, int start,
                     int length) throws IOException {
        sendVector(to, PeerMessage.inMemory(kind, token, partition, to, step, piece, totals, null, values,
                start, length), 8);
    }

    /** Whether step {@code step}'s messages are a warm-up's (see {@link #WARM_UP_KEYS}). */
    static boolean isWarmUpKey(int step) {
        return step < WARM_UP_KEYS + WARM_UP_KEY_SPAN;
    }

    /** In memory to a partner in this JVM, else encoded over the transport. */
    private void sendVector(int to, PeerMessage slice, int width) throws IOException {
        boolean counted = !isWarmUpKey(slice.step);
        if (endpoints[to] == transport.id()) {
            int bytes = PeerMessage.vectorBytes(slice.length, width);
            bytesSent += counted ? bytes : 0;
            transport.deliverHere(slice, bytes);
        } else {
            ByteBuffer message = slice.encodeVector();
            bytesSent += counted ? message.remaining() : 0;
            transport.send(hosts[to], ports[to], message, inbox::fail);
        }
    }

    PeerMessage take(PeerMessage.Kind kind, int step, int from, int piece) throws IOException {
        return inbox.take(kind, step, from, piece, endpoints[from] == transport.id());
    }

    /**
     * Tells the driver a step's totals (partition 0 does, for the progress listener), at most every
     * {@value #PROGRESS_MILLIS} ms several steps at once: each report wakes the coordinator's thread,
     * which on a machine whose cores the tasks fill costs them a context switch a step.
     */
    public void progress(int step, StepTotals totals, long allReduceNanos) throws IOException {
        if (unreported.isEmpty()) {
            firstUnreported = step;
        }
        unreported.add(totals);
        unreportedAllReduceNanos.add(allReduceNanos);
        if (System.nanoTime() - lastReport >= PROGRESS_MILLIS * 1_000_000L) {
            reportProgress();
        }
    }

    /** Sends the steps not yet reported: before an epoch's end, at the round's end. */
    private void reportProgress() throws IOException {
        if (!unreported.isEmpty()) {
            toCoordinator(PeerMessage.encodeProgress(token, partition, firstUnreported, unreported,
                    unreportedAllReduceNanos));
            unreported.clear();
            unreportedAllReduceNanos.clear();
        }
        lastReport = System.nanoTime();
    }

    /** Tells the driver an epoch ended with step {@code step}, with its test totals (partition 0 does). */
    public void epochEnded(int step, StepTotals test) throws IOException {
        reportProgress();
        ByteBuffer message = PeerMessage.encodeEpoch(token, partition, step, test, bytesSent,
                bytesReceived());
        toCoordinator(message);
    }

    /**
     * Tells the driver the round's warm-up ended after {@code passes} engine passes and {@code steps}
     * steps (partition 0 does), so its clock starts.
     */
    public void warmedUp(int passes, int steps) throws IOException {
        toCoordinatorUncounted(PeerMessage.encodeWarmedUp(token, partition, passes, steps)); // a warm-up message
    }

    private void toCoordinator(ByteBuffer message) throws IOException {
        bytesSent += message.remaining();
        toCoordinatorUncounted(message);
    }

    private void toCoordinatorUncounted(ByteBuffer message) throws IOException {
        if (coordinatorHere) {
            transport.deliverHere(PeerMessage.decode(message), message.remaining());
        } else {
            transport.send(coordinatorHost, coordinatorPort, message, inbox::fail);
        }
    }

    public long bytesReceived() {
        return inbox.bytesReceived() + bytesReceivedOutsideInbox;
    }

    /** Reports this task's byte counts to the coordinator and waits for it to have them: call after the last step. */
    public void finish() throws IOException {
        reportProgress();
        request(PeerMessage.encodeDone(token, partition, bytesSent, bytesReceived()), "finish");
    }

    @Override
    public void close() {
        transport.unregister(token, partition, inbox);
    }

    /** An RPC to the coordinator, waited for in short polls of the task's kill flag. */
    private ByteBuffer request(ByteBuffer message, String what) throws IOException {
        CompletableFuture<ByteBuffer> reply = new CompletableFuture<>();
        transport.client(coordinatorHost, coordinatorPort).sendRpc(message, new RpcResponseCallback() {
            @Override
            public void onSuccess(ByteBuffer response) {
                // The transport reuses the buffer once this returns.
                ByteBuffer copy = ByteBuffer.allocate(response.remaining());
                copy.put(response.duplicate()).flip();
                reply.complete(copy);
            }

            @Override
            public void onFailure(Throwable e) {
                reply.completeExceptionally(e);
            }
        });
        while (true) {
            try {
                return reply.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (killed.getAsBoolean()) {
                    throw new TaskKilledException("killed while waiting for the round's coordinator (" + what + ")");
                }
            } catch (ExecutionException e) {
                throw new IOException("the driver's round coordinator at " + coordinatorHost + ":" + coordinatorPort
                        + " refused " + what + " of partition " + partition + ": " + firstLine(e.getCause().getMessage()),
                        e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TaskKilledException("interrupted while waiting for the round's coordinator");
            }
        }
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "no reason given";
        }
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
