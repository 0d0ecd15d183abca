package org.convspark.driver;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The driver's end of {@link AllReduce#BARRIER}: a TCP server, open for one barrier round, that
 * every task of the round connects to once. At each step it reads the P partial gradient sums in
 * partition order, adds them in double precision and divides by the batch's sample count, exactly
 * what the driver does after a {@code treeAggregate}, and sends the same mean gradient back to
 * every task ({@link HubFrames}). This replaces Spark's {@code BarrierTaskContext.allGather},
 * which in Spark 4.1 polls for the answer once a second (measured: 800-950 ms per step).
 *
 * <p>A task announces its stage attempt: when Spark reruns a failed round, the new attempt's
 * first hello closes the old attempt's connections, so no task of either waits on the other. A
 * task that fails closes its connection; the hub then closes its attempt's other connections,
 * which ends those tasks too instead of leaving them blocked in a read. A random token, sent to
 * the tasks inside the round's closure, keeps other clients out.
 *
 * <p>Being where every step's totals pass, the hub also reports each step as it is relayed
 * ({@link Relayed}), so progress shows live although the driver's own thread waits for the whole
 * round; a rerun attempt reports its steps again from the round's first (the trainer passes on
 * only steps it has not heard of). {@link #close()} waits
 * for the relays, so once it returns every step has been reported and {@link #progressFailure()}
 * is final: a listener failing on the round's last step is not lost.
 */
final class GradientHub implements Closeable {
    private static final int HELLO_TIMEOUT_MILLIS = 30_000;
    private static final int BUFFER = 1 << 16;

    private final ServerSocket server;
    private final int partitions;
    private final int parameters;
    private final long token = new SecureRandom().nextLong();
    private final Relayed progress;
    private final Thread acceptor;
    /** Serialises the listener's calls without holding the monitor that admits tasks. */
    private final Object reporting = new Object();
    private volatile boolean closed;
    private volatile Throwable progressFailure;
    private Attempt current;
    private final List<Thread> relays = new ArrayList<>();
    /** Hellos being read now, and how many may be: every task twice over (a rerun) and some. */
    private final AtomicInteger greeting = new AtomicInteger();
    private final int maxGreeting;

    /** Told of each step the hub relays: its index in the round (from 0) and its totals. */
    @FunctionalInterface
    interface Relayed {
        void step(int index, double lossSum, long count);
    }

    GradientHub(HubSettings settings, int partitions, int parameters, Relayed progress) throws IOException {
        this.partitions = partitions;
        this.maxGreeting = 2 * partitions + 16;
        this.parameters = parameters;
        this.progress = progress;
        this.server = bind(settings, partitions * 2);
        this.acceptor = new Thread(this::acceptLoop, "convspark-gradient-hub-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private static ServerSocket bind(HubSettings settings, int backlog) throws IOException {
        InetAddress host = InetAddress.getByName(settings.bindHost());
        BindException taken = null;
        for (int port = settings.port(); port <= settings.lastPort(); port++) {
            ServerSocket socket = new ServerSocket();
            // Each round opens the hub anew: the last round's connections may hold the port in TIME_WAIT.
            socket.setReuseAddress(true);
            try {
                socket.bind(new InetSocketAddress(host, port), backlog);
                return socket;
            } catch (BindException e) {
                socket.close();
                taken = e;
            }
        }
        throw new BindException("no free port for the gradient hub on " + settings.bindHost() + " in "
                + settings.port() + "-" + settings.lastPort() + " (" + HubSettings.PORT
                + " and spark.port.maxRetries): " + taken.getMessage());
    }

    int port() {
        return server.getLocalPort();
    }

    long token() {
        return token;
    }

    /**
     * The first exception or error {@link Relayed} threw, or null: the driver rethrows it after the
     * round. Complete only once {@link #close()} has returned.
     */
    Throwable progressFailure() {
        return progressFailure;
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                // Closed, or the listening socket broke: either way no more tasks can join, so the
                // round's connected tasks are let go (they fail and Spark reruns the round) instead
                // of waiting for partners that can never reach the hub.
                closeQuietly(server);
                synchronized (this) {
                    if (current != null) {
                        current.close();
                    }
                }
                return;
            }
            // A hello is read on its own thread: a client that connects and says nothing must not
            // hold up the round's tasks behind it. Bounded, so a flood of such clients costs
            // connections, not the driver's threads.
            if (greeting.incrementAndGet() > maxGreeting) {
                greeting.decrementAndGet();
                closeQuietly(socket);
                continue;
            }
            Thread hello = new Thread(() -> {
                try {
                    greet(socket);
                } finally {
                    greeting.decrementAndGet();
                }
            }, "convspark-gradient-hub-hello");
            hello.setDaemon(true);
            hello.start();
        }
    }

    private void greet(Socket socket) {
        try {
            socket.setSoTimeout(HELLO_TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), BUFFER));
            if (in.readInt() != HubFrames.MAGIC || in.readLong() != token) {
                socket.close();
                return;
            }
            int partition = in.readInt();
            int attempt = in.readInt();
            socket.setSoTimeout(0); // a step may compute for minutes
            admit(new Peer(socket, in), partition, attempt);
        } catch (IOException e) {
            closeQuietly(socket);
        }
    }

    private synchronized void admit(Peer peer, int partition, int attempt) {
        if (closed || partition < 0 || partition >= partitions || current != null && attempt < current.number) {
            peer.close();
            return;
        }
        if (current == null || attempt > current.number) {
            if (current != null) {
                current.close();
            }
            current = new Attempt(attempt, new Peer[partitions]);
        }
        if (current.relaying) {
            // The attempt's streams are being read: a second hello for it is nobody the round waits for.
            peer.close();
            return;
        }
        if (current.peers[partition] != null) {
            current.peers[partition].close();
        }
        current.peers[partition] = peer;
        for (Peer p : current.peers) {
            if (p == null) {
                return;
            }
        }
        Attempt ready = current;
        ready.relaying = true;
        Thread relay = new Thread(() -> relay(ready), "convspark-gradient-hub-relay-" + attempt);
        relay.setDaemon(true);
        relays.add(relay);
        relay.start();
    }

    /** Serves the steps of one attempt until a connection ends (the round's end, or a failure). */
    private void relay(Attempt attempt) {
        float[] scratch = new float[parameters];
        float[] mean = new float[parameters];
        try {
            for (int index = 0; !closed; index++) {
                StepAggregate sum = new StepAggregate();
                for (Peer peer : attempt.peers) {
                    HubFrames.readPartialInto(peer.in, sum, scratch);
                }
                sum.vectorDividedBy(Math.max(1, sum.count()), mean, 0, parameters);
                for (Peer peer : attempt.peers) {
                    HubFrames.writeMean(peer.out, sum, mean);
                }
                report(index, sum);
            }
        } catch (IOException e) {
            // The round ended or one of its tasks failed: either way its other tasks must not wait.
        } finally {
            attempt.close();
        }
    }

    /** A failing listener must not stop the round: its failure waits for the driver's thread. */
    private void report(int index, StepAggregate sum) {
        synchronized (reporting) {
            if (progressFailure != null) {
                return;
            }
            try {
                progress.step(index, sum.lossSum(), sum.count());
            } catch (Throwable t) {
                progressFailure = t;
            }
        }
    }

    /**
     * Ends the round's connections and waits for its relays: a relay may still be reporting the
     * last step after its tasks got their means and the job finished.
     */
    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        List<Thread> running;
        synchronized (this) {
            if (current != null) {
                current.close();
            }
            running = List.copyOf(relays);
        }
        boolean interrupted = false;
        for (Thread relay : running) {
            while (relay.isAlive()) {
                try {
                    relay.join();
                } catch (InterruptedException e) {
                    interrupted = true; // the wait is short: a closed socket ends the relay's read
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing is all that is left to do
        }
    }

    private static final class Attempt {
        final int number;
        final Peer[] peers;
        /** Set, under the hub's monitor, once every partition said hello and the relay started. */
        boolean relaying;

        Attempt(int number, Peer[] peers) {
            this.number = number;
            this.peers = peers;
        }

        void close() {
            for (Peer p : peers) {
                if (p != null) {
                    p.close();
                }
            }
        }
    }

    private static final class Peer {
        final Socket socket;
        final DataInputStream in;
        final DataOutputStream out;

        Peer(Socket socket, DataInputStream in) throws IOException {
            this.socket = socket;
            this.in = in;
            this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), BUFFER));
        }

        void close() {
            closeQuietly(socket);
        }
    }
}
