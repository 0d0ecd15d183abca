package org.convspark.driver.collective;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * One message of a barrier round's collective, as it travels inside a Spark transport frame. Every
 * message starts with the same header: magic, kind, the round's token (one per attempt at a round), sender
 * and receiver partition, the step's index in the round and the piece's index within the step.
 * Vector messages ({@link Kind#PARTIAL}, {@link Kind#MEAN}, {@link Kind#UP}, {@link Kind#DOWN},
 * {@link Kind#SUM_UP}, {@link Kind#SUM_DOWN}) then carry the step's running totals, where their
 * slice starts in the parameter vector, and the values: floats, or doubles for {@link Kind#UP} (a
 * tree's partial sums stay in double so the summation is the one a {@code treeAggregate} does)
 * and for the batch norm statistics' {@link Kind#SUM_UP} and {@link Kind#SUM_DOWN}. Control messages carry what the coordinator
 * needs: a task's address ({@link Kind#JOIN}), the round's members ({@link Kind#PEERS}), a step's
 * totals ({@link Kind#PROGRESS}, several consecutive steps at a time), an epoch's test totals ({@link Kind#EPOCH}), the
 * end of the round's warm-up ({@link Kind#WARMED_UP}), a task's byte counts ({@link Kind#DONE}).
 *
 * <p>Decoding checks every length against what the buffer holds before allocating, so a forged
 * message costs an exception, never a large array.
 */
public final class PeerMessage {
    static final int MAGIC = 0x4353434F; // "CSCO"
    /** Largest vector slice in one message: 4 MiB of floats, so frames stay bounded and pieces pipeline. */
    static final int PIECE_BYTES = 4 << 20;
    static final int HEADER_BYTES = 4 + 1 + 8 + 4 + 4 + 4 + 4;
    private static final int TOTALS_BYTES = 8 + 8 + 8 + 8 + 8;

    /** What a message is; the byte on the wire is its ordinal. */
    public enum Kind {
        /** scatter-reduce and star: a task's float partial sum of the receiver's chunk (the star's: of all) */
        PARTIAL,
        /** all-gather and star: the receiver's copy of the sender's chunk of the mean (the star hub's: all) */
        MEAN,
        /** tree reduce: a subtree's partial sum in double */
        UP,
        /** tree broadcast: the mean */
        DOWN,
        /** task to coordinator (RPC): here I am, at this address */
        JOIN,
        /** coordinator to task (RPC reply): every member's address, in partition order */
        PEERS,
        /** task 0 to coordinator: a step's totals, for the progress listener */
        PROGRESS,
        /** task to coordinator (RPC): the round's bytes this task sent and received */
        DONE,
        /** task 0 to coordinator: an epoch ended, with the test set's totals and task 0's bytes so far */
        EPOCH,
        /** statistics sum (batch norm), tree reduce: a subtree's sum in double */
        SUM_UP,
        /** statistics sum, tree broadcast: the total in double */
        SUM_DOWN,
        /** task 0 to coordinator: the round's warm-up ended after {@code piece} engine passes and {@code step} steps (no body) */
        WARMED_UP
    }

    /** Whether a vector message of {@code kind} carries doubles (else floats). */
    static boolean doubles(Kind kind) {
        return kind == Kind.UP || kind == Kind.SUM_UP || kind == Kind.SUM_DOWN;
    }

    final Kind kind;
    final long token;
    final int from;
    final int to;
    final int step;
    final int piece;
    StepTotals totals;
    /** {@link Kind#PROGRESS}: the totals of steps {@code step, step + 1, ...}. */
    StepTotals[] steps;
    /** {@link Kind#PROGRESS}: how long the sender waited for each of those steps' all-reduce. */
    long[] allReduceNanos;
    /** Where the values land in the receiver's vector. */
    int offset;
    /** The values: {@code floats} (or {@code doubles}) {@code [valuesAt, valuesAt + length)}. */
    float[] floats;
    double[] doubles;
    int valuesAt;
    int length;
    String[] hosts;
    int[] ports;
    long[] endpoints;
    long bytesSent;
    long bytesReceived;

    PeerMessage(Kind kind, long token, int from, int to, int step, int piece) {
        this.kind = kind;
        this.token = token;
        this.from = from;
        this.to = to;
        this.step = step;
        this.piece = piece;
    }

    /**
     * A slice handed over within one JVM without copying: the receiver reads {@code values[start ..
     * start + length)} later, in place. Safe under {@link Collective#allReduce}'s contract: a
     * partial sum (PARTIAL, UP) is read before its receiver sends the reply its sender waits for in
     * the same step, and a mean slice (MEAN, DOWN) is written again only in the next step's
     * reduce, which needs the receivers' next partial sums, sent after they read it.
     */
    static PeerMessage inMemory(Kind kind, long token, int from, int to, int step, int piece,
                                StepTotals totals, float[] floats, double[] doubles, int start, int length) {
        PeerMessage m = new PeerMessage(kind, token, from, to, step, piece);
        m.totals = totals;
        m.offset = start;
        m.floats = floats;
        m.doubles = doubles;
        m.valuesAt = start;
        m.length = length;
        return m;
    }

    /** The bytes a vector message of {@code length} values of {@code width} bytes takes on the wire. */
    static int vectorBytes(int length, int width) {
        return HEADER_BYTES + TOTALS_BYTES + 8 + width * length;
    }

    /** This vector message (a slice of {@link #floats} or {@link #doubles}) as bytes for the wire. */
    ByteBuffer encodeVector() {
        int width = floats != null ? 4 : 8;
        ByteBuffer b = header(kind, token, from, to, step, piece, TOTALS_BYTES + 8 + (long) width * length);
        putTotals(b, totals);
        b.putInt(offset).putInt(length);
        if (floats != null) {
            b.asFloatBuffer().put(floats, valuesAt, length);
        } else {
            b.asDoubleBuffer().put(doubles, valuesAt, length);
        }
        b.position(b.position() + width * length);
        return b.flip();
    }

    /** A task's address: host, port and the random id of its JVM's endpoint (peers in one JVM skip the network). */
    static ByteBuffer encodeJoin(long token, int from, String host, int port, long endpoint) {
        byte[] name = host.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = header(Kind.JOIN, token, from, -1, 0, 0, 4 + name.length + 4 + 8);
        b.putInt(name.length).put(name).putInt(port).putLong(endpoint);
        return b.flip();
    }

    static ByteBuffer encodePeers(long token, String[] hosts, int[] ports, long[] endpoints) {
        byte[][] names = new byte[hosts.length][];
        long size = 4;
        for (int i = 0; i < hosts.length; i++) {
            names[i] = hosts[i].getBytes(StandardCharsets.UTF_8);
            size += 4 + names[i].length + 4 + 8;
        }
        ByteBuffer b = header(Kind.PEERS, token, -1, -1, 0, 0, size);
        b.putInt(hosts.length);
        for (int i = 0; i < hosts.length; i++) {
            b.putInt(names[i].length).put(names[i]).putInt(ports[i]).putLong(endpoints[i]);
        }
        return b.flip();
    }

    /** The totals of consecutive steps from {@code firstStep}, each with the sender's wait for its all-reduce. */
    static ByteBuffer encodeProgress(long token, int from, int firstStep, java.util.List<StepTotals> steps,
                                     java.util.List<Long> allReduceNanos) {
        ByteBuffer b = header(Kind.PROGRESS, token, from, -1, firstStep, 0,
                4 + (long) (TOTALS_BYTES + 8) * steps.size());
        b.putInt(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            putTotals(b, steps.get(i));
            b.putLong(allReduceNanos.get(i));
        }
        return b.flip();
    }

    static ByteBuffer encodeEpoch(long token, int from, int step, StepTotals test, long sent,
                                  long received) {
        ByteBuffer b = header(Kind.EPOCH, token, from, -1, step, 0, TOTALS_BYTES + 16);
        putTotals(b, test);
        b.putLong(sent).putLong(received);
        return b.flip();
    }

    /** The round's warm-up took {@code passes} engine passes and {@code steps} steps. */
    static ByteBuffer encodeWarmedUp(long token, int from, int passes, int steps) {
        return header(Kind.WARMED_UP, token, from, -1, steps, passes, 0).flip();
    }

    static ByteBuffer encodeDone(long token, int from, long sent, long received) {
        ByteBuffer b = header(Kind.DONE, token, from, -1, 0, 0, 16);
        b.putLong(sent).putLong(received);
        return b.flip();
    }

    private static ByteBuffer header(Kind kind, long token, int from, int to, int step, int piece,
                                     long body) {
        if (HEADER_BYTES + body > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a message of " + (HEADER_BYTES + body) + " bytes");
        }
        ByteBuffer b = ByteBuffer.allocate((int) (HEADER_BYTES + body)).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).put((byte) kind.ordinal()).putLong(token).putInt(from).putInt(to)
                .putInt(step).putInt(piece);
        return b;
    }

    private static void putTotals(ByteBuffer b, StepTotals t) {
        b.putDouble(t.lossSum()).putLong(t.correct()).putLong(t.count()).putLong(t.computeNanos())
                .putLong(t.maxComputeNanos());
    }

    /**
     * Reads a message; the buffer is the transport's and valid only during the call, so the values
     * are copied out.
     *
     * @throws IllegalArgumentException for anything that is not a well-formed message
     */
    static PeerMessage decode(ByteBuffer wire) {
        ByteBuffer b = wire.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        try {
            if (b.remaining() < HEADER_BYTES || b.getInt() != MAGIC) {
                throw new IllegalArgumentException("not a convspark collective message");
            }
            int k = b.get();
            if (k < 0 || k >= Kind.values().length) {
                throw new IllegalArgumentException("unknown message kind " + k);
            }
            PeerMessage m = new PeerMessage(Kind.values()[k], b.getLong(), b.getInt(), b.getInt(), b.getInt(),
                    b.getInt());
            switch (m.kind) {
                case PARTIAL, MEAN, UP, DOWN, SUM_UP, SUM_DOWN -> {
                    m.totals = getTotals(b);
                    m.offset = b.getInt();
                    int length = b.getInt();
                    int width = doubles(m.kind) ? 8 : 4;
                    if (m.offset < 0 || length < 0 || (long) length * width != b.remaining()) {
                        throw new IllegalArgumentException("a vector of " + length + " values at " + m.offset
                                + " in " + b.remaining() + " bytes");
                    }
                    m.length = length;
                    if (doubles(m.kind)) {
                        m.doubles = new double[length];
                        b.asDoubleBuffer().get(m.doubles);
                    } else {
                        m.floats = new float[length];
                        b.asFloatBuffer().get(m.floats);
                    }
                }
                case JOIN -> {
                    m.hosts = new String[] {getString(b)};
                    m.ports = new int[] {b.getInt()};
                    m.endpoints = new long[] {b.getLong()};
                }
                case PEERS -> {
                    int count = b.getInt();
                    if (count < 0 || count > b.remaining() / 16) {
                        throw new IllegalArgumentException(count + " peers in " + b.remaining() + " bytes");
                    }
                    m.hosts = new String[count];
                    m.ports = new int[count];
                    m.endpoints = new long[count];
                    for (int i = 0; i < count; i++) {
                        m.hosts[i] = getString(b);
                        m.ports[i] = b.getInt();
                        m.endpoints[i] = b.getLong();
                    }
                }
                case PROGRESS -> {
                    int count = b.getInt();
                    if (count < 0 || (long) count * (TOTALS_BYTES + 8) != b.remaining()) {
                        throw new IllegalArgumentException(count + " steps' totals in " + b.remaining() + " bytes");
                    }
                    m.steps = new StepTotals[count];
                    m.allReduceNanos = new long[count];
                    for (int i = 0; i < count; i++) {
                        m.steps[i] = getTotals(b);
                        m.allReduceNanos[i] = b.getLong();
                    }
                }
                case EPOCH -> {
                    m.totals = getTotals(b);
                    m.bytesSent = b.getLong();
                    m.bytesReceived = b.getLong();
                }
                case DONE -> {
                    m.bytesSent = b.getLong();
                    m.bytesReceived = b.getLong();
                }
                case WARMED_UP -> {
                    if (m.step < 0 || m.piece < 0) {
                        throw new IllegalArgumentException("a warm-up of " + m.piece + " passes and " + m.step + " steps");
                    }
                }
            }
            return m;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("a truncated collective message", e);
        }
    }

    private static StepTotals getTotals(ByteBuffer b) {
        return new StepTotals(b.getDouble(), b.getLong(), b.getLong(), b.getLong(), b.getLong());
    }

    private static String getString(ByteBuffer b) {
        int length = b.getInt();
        if (length < 0 || length > 1024 || length > b.remaining()) {
            throw new IllegalArgumentException("a host name of " + length + " bytes");
        }
        byte[] bytes = new byte[length];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
