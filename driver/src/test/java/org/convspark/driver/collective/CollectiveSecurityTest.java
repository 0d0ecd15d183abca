package org.convspark.driver.collective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The collective under Spark's security settings, on endpoints standing for two executor JVMs: with
 * {@code spark.authenticate} and {@code spark.network.crypto.enabled} a proxy between two tasks sees
 * none of the gradient's float values in plain form (and sees them without encryption, so the check
 * can fail); a client with another secret is refused before any message; garbage, a frame claiming
 * 2^31-1 bytes, forged messages and 200 idle connections during a round leave its result unchanged.
 */
class CollectiveSecurityTest {
    private static final String HOST = CollectiveTest.HOST;
    private static final float GRADIENT = 1234.5677f;
    private static final int N = 4096;

    /** Forwards one TCP connection at a time to {@code target}, keeping every byte that passes. */
    static final class RecordingProxy implements AutoCloseable {
        final ServerSocket server = new ServerSocket(0, 50, java.net.InetAddress.getByName(HOST));
        final ByteArrayOutputStream seen = new ByteArrayOutputStream();
        final ExecutorService pumps = Executors.newCachedThreadPool();

        RecordingProxy(int target) throws IOException {
            pumps.submit(() -> {
                while (!server.isClosed()) {
                    Socket in = server.accept();
                    Socket out = new Socket(HOST, target);
                    pumps.submit(() -> pump(in.getInputStream(), out.getOutputStream()));
                    pumps.submit(() -> pump(out.getInputStream(), in.getOutputStream()));
                }
                return null;
            });
        }

        private Void pump(InputStream from, OutputStream to) throws IOException {
            byte[] buffer = new byte[1 << 16];
            for (int read; (read = from.read(buffer)) > 0; ) {
                synchronized (seen) {
                    seen.write(buffer, 0, read);
                }
                to.write(buffer, 0, read);
                to.flush();
            }
            return null;
        }

        int port() {
            return server.getLocalPort();
        }

        byte[] bytes() {
            synchronized (seen) {
                return seen.toByteArray();
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            pumps.shutdownNow();
        }
    }

    /** A 2-task scatter all-reduce: task 0 on {@code a} (with the coordinator), task 1 on {@code b} behind {@code proxyPort}. */
    private static float[] acrossTwoEndpoints(PeerTransport a, PeerTransport b, int proxyPort) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (RoundCoordinator coordinator = new RoundCoordinator(a, 2, 30_000, (i, t, w) -> { })) {
            List<Future<float[]>> tasks = new ArrayList<>();
            for (int p = 0; p < 2; p++) {
                int partition = p;
                tasks.add(threads.submit(() -> {
                    PeerTransport own = partition == 0 ? a : b;
                    int port = partition == 0 ? a.port() : proxyPort;
                    try (PeerGroup group = PeerGroup.join(own, HOST, coordinator.port(), coordinator.token(),
                            partition, HOST, port, () -> false)) {
                        float[] partial = new float[N];
                        java.util.Arrays.fill(partial, partition == 0 ? GRADIENT : -GRADIENT / 4);
                        float[] mean = new float[N];
                        new ScatterAllReduce(group, N).allReduce(0, partial, new StepTotals(1, 1, 2, 1, 1), mean);
                        group.finish();
                        return mean;
                    }
                }));
            }
            float[] mean = tasks.get(0).get();
            assertArrayEquals(mean, tasks.get(1).get());
            return mean;
        } finally {
            threads.shutdownNow();
        }
    }

    /** Whether {@code bytes} holds {@code value} as 4 consecutive bytes, in either byte order. */
    private static boolean holds(byte[] bytes, float value) {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            byte[] p = ByteBuffer.allocate(4).order(order).putFloat(value).array();
            for (int i = 0; i + 4 <= bytes.length; i++) {
                if (bytes[i] == p[0] && bytes[i + 1] == p[1] && bytes[i + 2] == p[2] && bytes[i + 3] == p[3]) {
                    return true;
                }
            }
        }
        return false;
    }

    private static PeerTransport endpoint(TransportSecurity security) {
        return new PeerTransport(security, CollectiveTest.EPHEMERAL, HOST, Map.of());
    }

    @Test
    void withSparksAuthenticationAndEncryptionAProxyBetweenTasksSeesNoGradientValue() throws Exception {
        TransportSecurity secure = new TransportSecurity(true, true, "app-1", "the application's secret");
        for (TransportSecurity security : new TransportSecurity[] {secure, TransportSecurity.none()}) {
            try (PeerTransport a = endpoint(security); PeerTransport b = endpoint(security);
                 RecordingProxy proxy = new RecordingProxy(b.port())) {
                float[] mean = acrossTwoEndpoints(a, b, proxy.port());
                float expected = (float) (((double) GRADIENT - GRADIENT / 4) / 4);
                assertEquals(expected, mean[0]);
                byte[] seen = proxy.bytes();
                assertTrue(seen.length > 2 * N, "the proxy carried the round: " + seen.length + " bytes");
                boolean plain = holds(seen, GRADIENT) || holds(seen, expected);
                assertEquals(!security.encrypt(), plain,
                        security + ": gradient floats seen in the proxy's " + seen.length + " bytes: " + plain);
            }
        }
    }

    @Test
    void aClientWithAnotherSecretIsRefusedBeforeAnyMessage() throws Exception {
        try (PeerTransport a = endpoint(new TransportSecurity(true, true, "app-1", "secret one"));
             PeerTransport b = endpoint(new TransportSecurity(true, true, "app-1", "secret one"));
             PeerTransport intruder = endpoint(new TransportSecurity(true, true, "app-1", "secret two"));
             PeerTransport plain = endpoint(TransportSecurity.none());
             RoundCoordinator coordinator = new RoundCoordinator(a, 2, 30_000, (i, t, w) -> { })) {
            for (PeerTransport stranger : new PeerTransport[] {intruder, plain}) {
                assertThrows(Exception.class, () -> PeerGroup.join(stranger, HOST, coordinator.port(),
                        coordinator.token(), 1, HOST, () -> false), stranger.security() + " joined");
            }
            assertEquals(0, coordinator.driverBytes(), "no message of theirs reached the coordinator");
            float[] mean = acrossTwoEndpoints(a, b, b.port());
            assertEquals((float) (((double) GRADIENT - GRADIENT / 4) / 4), mean[0], "the right secret still works");
        }
    }

    @Test
    void garbageHugeFramesForgedMessagesAndIdleConnectionsLeaveARoundUnchanged() throws Exception {
        try (PeerTransport endpoint = endpoint(TransportSecurity.none());
             PeerTransport forger = endpoint(TransportSecurity.none())) {
            float[][][] partials = CollectiveTest.partials(20, 2, 50_000, 5);
            StepTotals[][] own = CollectiveTest.totals(20, 2);
            List<CollectiveTest.TaskResult> undisturbed = CollectiveTest.round(endpoint, Collective.Algorithm.SCATTER,
                    partials, own);
            long refusedBefore = endpoint.refused();
            List<Socket> idle = new ArrayList<>();
            ExecutorService attacker = Executors.newSingleThreadExecutor();
            Future<?> attack = attacker.submit(() -> {
                for (int i = 0; i < 200; i++) {
                    Socket s = new Socket();
                    s.connect(new InetSocketAddress(HOST, endpoint.port()), 5_000);
                    idle.add(s);
                }
                Random random = new Random(7);
                for (int i = 0; i < 5; i++) {
                    try (Socket s = new Socket(HOST, endpoint.port())) {
                        byte[] garbage = new byte[10_000];
                        random.nextBytes(garbage);
                        s.getOutputStream().write(garbage);
                    }
                    try (Socket s = new Socket(HOST, endpoint.port())) {
                        ByteBuffer huge = ByteBuffer.allocate(8 + 1 + 4 + 1000).putLong(Integer.MAX_VALUE).put((byte) 9)
                                .putInt(Integer.MAX_VALUE - 13);
                        s.getOutputStream().write(huge.array());
                        s.getOutputStream().flush();
                    }
                    ByteBuffer forged = PeerMessage.inMemory(PeerMessage.Kind.PARTIAL, random.nextLong(), 1, 0, 0, 0,
                            StepTotals.ZERO, new float[1000], null, 0, 1000).encodeVector();
                    forger.send(HOST, endpoint.port(), forged, e -> { });
                }
                return null;
            });
            List<CollectiveTest.TaskResult> attacked = CollectiveTest.round(endpoint, Collective.Algorithm.SCATTER,
                    partials, own);
            attack.get();
            attacker.shutdown();
            for (int p = 0; p < 2; p++) {
                for (int s = 0; s < 20; s++) {
                    assertArrayEquals(undisturbed.get(p).means().get(s), attacked.get(p).means().get(s));
                    assertEquals(undisturbed.get(p).totals().get(s), attacked.get(p).totals().get(s));
                }
            }
            long deadline = System.currentTimeMillis() + 10_000;
            while (endpoint.refused() - refusedBefore < 15 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(endpoint.refused() - refusedBefore >= 15,
                    "garbage, huge frames and forged messages counted: " + (endpoint.refused() - refusedBefore));
            for (Socket s : idle) {
                s.close();
            }
        }
    }
}
