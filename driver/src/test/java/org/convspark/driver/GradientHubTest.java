package org.convspark.driver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.convspark.engine.model.BatchResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The hub alone, with plain sockets standing in for a round's tasks. */
@Timeout(60)
class GradientHubTest {
    private static final String HOST = "127.0.0.1";
    private static final HubSettings EPHEMERAL = new HubSettings(HOST, 0, 16);

    /** A task's end of the connection. */
    private static final class Task implements AutoCloseable {
        final Socket socket;
        final DataOutputStream out;
        final DataInputStream in;

        Task(GradientHub hub, long token, int partition, int attempt) throws IOException {
            socket = new Socket(HOST, hub.port());
            socket.setSoTimeout(20_000); // a hub that never answers fails the test instead of hanging it
            out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
            in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            HubFrames.writeHello(out, token, partition, attempt);
        }

        StepAggregate exchange(float[] gradient, BatchResult result, float[] mean) throws IOException {
            HubFrames.writePartial(out, 5, result, gradient, gradient.length);
            return HubFrames.readMean(in, mean);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void sumsThePartialsInDoubleAndSendsEveryTaskTheSameMean() throws Exception {
        List<String> progress = new CopyOnWriteArrayList<>();
        try (GradientHub hub = new GradientHub(EPHEMERAL, 2, 3,
                (index, loss, count) -> progress.add(index + ":" + loss + "/" + count));
             Socket silent = new Socket(HOST, hub.port());
             Task zero = new Task(hub, hub.token(), 0, 0);
             Task one = new Task(hub, hub.token(), 1, 0)) {
            // the silent connection above must not hold the round up
            float[] meanOne = new float[3];
            Thread second = new Thread(() -> {
                try {
                    one.exchange(new float[] {3f, 1e-8f, -1f}, new BatchResult(2.0, 1, 3), meanOne);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            second.start();
            float[] meanZero = new float[3];
            StepAggregate totals = zero.exchange(new float[] {1f, 1f, 1f}, new BatchResult(1.0, 1, 1), meanZero);
            second.join();
            assertEquals(4, totals.count());
            assertEquals(3.0, totals.lossSum());
            assertEquals(2, totals.correct());
            assertEquals(10, totals.computeNanos());
            float[] expected = {1f, (float) ((1.0 + 1e-8f) / 4), 0f};
            assertArrayEquals(expected, meanZero);
            assertArrayEquals(meanZero, meanOne, "both tasks step with the same numbers");
        }
        // The hub reports a step after sending its mean; closing waits for that report.
        assertEquals(List.of("0:3.0/4"), progress);
    }

    @Test
    void aListenerFailingOnTheLastStepIsThereOnceTheHubIsClosed() throws Exception {
        List<Integer> reported = new CopyOnWriteArrayList<>();
        GradientHub hub = new GradientHub(EPHEMERAL, 1, 1, (index, loss, count) -> {
            sleep(300); // slower than the task: the round is over before the listener returns
            reported.add(index);
            throw new IllegalStateException("listener failed at step " + index);
        });
        try (Task only = new Task(hub, hub.token(), 0, 0)) {
            only.exchange(new float[] {1f}, new BatchResult(1, 0, 1), new float[1]);
        }
        hub.close();
        assertEquals(List.of(0), reported);
        assertEquals("listener failed at step 0", hub.progressFailure().getMessage());
    }

    @Test
    void aSecondHelloForARunningAttemptIsHungUpOnAndTheRoundGoesOn() throws Exception {
        try (GradientHub hub = new GradientHub(EPHEMERAL, 1, 1, (index, loss, count) -> { });
             Task only = new Task(hub, hub.token(), 0, 0)) {
            float[] mean = new float[1];
            only.exchange(new float[] {2f}, new BatchResult(0, 0, 1), mean); // the relay is running
            try (Task duplicate = new Task(hub, hub.token(), 0, 0)) {
                duplicate.out.flush();
                assertEquals(-1, duplicate.in.read(), "the duplicate is closed by the hub");
            }
            only.exchange(new float[] {6f}, new BatchResult(0, 0, 1), mean);
            assertArrayEquals(new float[] {6f}, mean, "the running attempt keeps its own connection");
        }
    }

    @Test
    void silentConnectionsBeyondTheBoundAreHungUpOnAndTheRoundGoesOnOnceTheyLeave() throws Exception {
        List<Socket> silent = new java.util.ArrayList<>();
        try (GradientHub hub = new GradientHub(EPHEMERAL, 1, 1, (index, loss, count) -> { })) {
            for (int i = 0; i < 2 * 1 + 16; i++) { // the bound for one partition
                silent.add(new Socket(HOST, hub.port()));
            }
            try (Socket oneTooMany = new Socket(HOST, hub.port())) {
                oneTooMany.setSoTimeout(20_000);
                assertEquals(-1, oneTooMany.getInputStream().read(), "closed at once, not read on a new thread");
            }
            for (Socket s : silent) {
                s.close();
            }
            // Their hello threads see the end of stream soon, but on a loaded machine not at once:
            // until then a task is hung up on as one too many; the round then goes on.
            float[] mean = new float[1];
            for (long deadline = System.nanoTime() + 20_000_000_000L; ; sleep(100)) {
                try (Task task = new Task(hub, hub.token(), 0, 0)) {
                    task.exchange(new float[] {5f}, new BatchResult(0, 0, 1), mean);
                    break;
                } catch (IOException e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                }
            }
            assertArrayEquals(new float[] {5f}, mean);
        } finally {
            for (Socket s : silent) {
                s.close();
            }
        }
    }

    @Test
    void aFixedPortThatIsTakenMovesToTheNextFreeOneWithinTheRetries() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            int port = taken.getLocalPort();
            try (GradientHub hub = new GradientHub(new HubSettings(HOST, port, 16), 1, 1, (i, l, c) -> { })) {
                assertTrue(hub.port() > port && hub.port() <= port + 16, "bound to " + hub.port());
            }
            BindException e = assertThrows(BindException.class,
                    () -> new GradientHub(new HubSettings(HOST, port, 0), 1, 1, (i, l, c) -> { }));
            assertTrue(e.getMessage().startsWith("no free port for the gradient hub on 127.0.0.1 in " + port + "-"
                    + port + " (spark.convspark.hub.port and spark.port.maxRetries)"), e.getMessage());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aWrongTokenIsHungUpOn() throws Exception {
        try (GradientHub hub = new GradientHub(EPHEMERAL, 1, 1, (index, loss, count) -> { });
             Task intruder = new Task(hub, hub.token() + 1, 0, 0)) {
            assertThrows(IOException.class,
                    () -> intruder.exchange(new float[] {1f}, new BatchResult(1, 1, 1), new float[1]));
        }
    }

    @Test
    void aNewerStageAttemptClosesTheOldOnesConnections() throws Exception {
        try (GradientHub hub = new GradientHub(EPHEMERAL, 2, 1, (index, loss, count) -> { });
             Task stale = new Task(hub, hub.token(), 0, 0)) {
            Thread.sleep(200); // the stale hello is admitted first
            try (Task zero = new Task(hub, hub.token(), 0, 1); Task one = new Task(hub, hub.token(), 1, 1)) {
                assertThrows(IOException.class, () -> {
                    stale.out.writeLong(0);
                    stale.out.flush();
                    if (stale.in.read() < 0) {
                        throw new EOFException("closed by the hub");
                    }
                });
                float[] mean = new float[1];
                Thread other = new Thread(() -> {
                    try {
                        one.exchange(new float[] {4f}, new BatchResult(0, 0, 1), new float[1]);
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                });
                other.start();
                zero.exchange(new float[] {2f}, new BatchResult(0, 0, 1), mean);
                other.join();
                assertArrayEquals(new float[] {3f}, mean);
            }
        }
    }
}
