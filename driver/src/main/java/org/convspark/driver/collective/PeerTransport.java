package org.convspark.driver.collective;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.spark.network.TransportContext;
import org.apache.spark.network.buffer.NioManagedBuffer;
import org.apache.spark.network.client.RpcResponseCallback;
import org.apache.spark.network.client.TransportClient;
import org.apache.spark.network.client.TransportClientBootstrap;
import org.apache.spark.network.client.TransportClientFactory;
import org.apache.spark.network.crypto.AuthClientBootstrap;
import org.apache.spark.network.crypto.AuthServerBootstrap;
import org.apache.spark.network.protocol.OneWayMessage;
import org.apache.spark.network.server.OneForOneStreamManager;
import org.apache.spark.network.server.RpcHandler;
import org.apache.spark.network.server.StreamManager;
import org.apache.spark.network.server.TransportServer;
import org.apache.spark.network.server.TransportServerBootstrap;
import org.apache.spark.network.util.MapConfigProvider;
import org.apache.spark.network.util.TransportConf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JVM's endpoint for barrier rounds' collectives: one server and one client factory of Spark's
 * own network transport ({@code spark-network-common}, the library under Spark's RPC and block
 * transfers), shared by every round and every task of the JVM and by the driver's {@link
 * RoundCoordinator} (in local mode all live in one JVM). Spark's transport brings what a collective
 * on a cluster needs and a hand-written socket protocol would have to re-implement: Spark's
 * authentication handshake with the application's secret and AES encryption of the channel
 * ({@link TransportSecurity}), connection pooling and idle timeouts. A {@link FrameGuard} in front
 * of its frame decoder bounds what a connection can make it buffer.
 *
 * <p>Messages are routed by the round's token: vector messages to the {@link Inbox} of the
 * receiving partition, control messages to the round's coordinator. Anything else (garbage, a
 * wrong or stale token, a frame out of bounds, a failed handshake) is dropped, counted in {@link
 * #refused()} and logged; it cannot reach a round.
 */
public final class PeerTransport implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(PeerTransport.class);
    /** A vector piece plus header and Spark's framing, with room to spare. */
    static final long MAX_FRAME_BYTES = 2L * PeerMessage.PIECE_BYTES + 4096;
    /** A connection that has sent no frame this long after connecting is no peer: peers speak at once. */
    static final long SILENT_MILLIS = 30_000;
    private static PeerTransport jvmTransport;

    private final TransportSecurity security;
    private final Router router;
    private final TransportContext context;
    private final TransportServer server;
    private final TransportClientFactory clients;
    private final String host;
    private final Map<Long, RoundCoordinator> coordinators = new ConcurrentHashMap<>();
    private final Map<InboxKey, Inbox> inboxes = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    /** Tells peers in this JVM apart from others: they hand messages over in memory. */
    private final long id = new java.security.SecureRandom().nextLong();

    private record InboxKey(long token, int partition) {
    }

    /**
     * This JVM's endpoint, started on first use on {@code host} (the address others reach this JVM
     * by) and {@code settings}' port; restarted when the security settings differ (a new Spark
     * application in the same JVM, as in tests).
     */
    public static synchronized PeerTransport forJvm(TransportSecurity security, CollectiveSettings settings,
                                                    String host, Map<String, String> sparkConf) {
        if (jvmTransport != null && !jvmTransport.security.equals(security)) {
            jvmTransport.close();
            jvmTransport = null;
        }
        if (jvmTransport == null) {
            jvmTransport = new PeerTransport(security, settings, host, sparkConf);
        }
        return jvmTransport;
    }

    /** This JVM's endpoint if one was started (tests: to find its port). */
    public static synchronized java.util.Optional<PeerTransport> ofThisJvm() {
        return java.util.Optional.ofNullable(jvmTransport);
    }

    /** A Spark configuration as the map the transport reads its settings from. */
    public static Map<String, String> settingsOf(org.apache.spark.SparkConf conf) {
        Map<String, String> map = new HashMap<>();
        for (scala.Tuple2<String, String> entry : conf.getAll()) {
            map.put(entry._1(), entry._2());
        }
        return map;
    }

    /** A separate endpoint (tests: two "JVMs" with different secrets, a proxy between them). */
    public PeerTransport(TransportSecurity security, CollectiveSettings settings, String host,
                         Map<String, String> sparkConf) {
        this.security = security;
        this.host = host;
        TransportConf conf = new TransportConf("convspark", new MapConfigProvider(transportSettings(sparkConf,
                security, settings)));
        // Netty's threads keep the context class loader of the thread that starts them: a task thread
        // may carry a session's class loader that does not outlive its job.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(PeerTransport.class.getClassLoader());
        try {
            this.router = new Router();
            // Connections a round holds stay open however long a step or an evaluation takes (an idle
            // close racing a write would lose a message); strangers that never send a frame are closed
            // by the FrameGuard instead.
            this.context = new TransportContext(conf, router, false);
            List<TransportServerBootstrap> serverBootstraps = new ArrayList<>();
            serverBootstraps.add((channel, handler) -> {
                channel.pipeline().addFirst(FrameGuard.NAME, new FrameGuard(MAX_FRAME_BYTES, SILENT_MILLIS, this::refuse));
                return handler;
            });
            List<TransportClientBootstrap> clientBootstraps = new ArrayList<>();
            if (security.authenticate()) {
                serverBootstraps.add(new AuthServerBootstrap(conf, security));
                clientBootstraps.add(new AuthClientBootstrap(conf, security.appId(), security));
            }
            this.server = bind(settings, host, serverBootstraps);
            this.clients = context.createClientFactory(clientBootstraps);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * Spark's settings for the transport, with some of ours: encryption may not fall back to
     * unencrypted SASL (Spark's default allows it for old shuffle services; gradients must not),
     * no TLS settings (the channel is protected by Spark's AES handshake or not at all, see
     * {@link CollectiveSettings}), two I/O threads each way unless set, one connection per peer,
     * and a request timeout longer than the join timeout.
     */
    private static Map<String, String> transportSettings(Map<String, String> sparkConf, TransportSecurity security,
                                                         CollectiveSettings settings) {
        Map<String, String> map = new HashMap<>();
        sparkConf.forEach((k, v) -> {
            if (!k.startsWith("spark.ssl.")) {
                map.put(k, v);
            }
        });
        map.put("spark.authenticate", Boolean.toString(security.authenticate()));
        map.put("spark.network.crypto.enabled", Boolean.toString(security.encrypt()));
        map.put("spark.network.crypto.saslFallback", "false");
        map.putIfAbsent("spark.convspark.io.serverThreads", "2");
        map.putIfAbsent("spark.convspark.io.clientThreads", "2");
        // One connection per peer: a task's reports (progress, then an epoch's end, then its counts)
        // must arrive in the order they were sent.
        map.put("spark.convspark.io.numConnectionsPerPeer", "1");
        // A join waits on an outstanding request, which the transport gives up after this long.
        map.putIfAbsent("spark.convspark.io.connectionTimeout", (settings.timeoutMillis() + 30_000) + "ms");
        return map;
    }

    private TransportServer bind(CollectiveSettings settings, String host, List<TransportServerBootstrap> bootstraps) {
        RuntimeException taken = null;
        for (int port = settings.port(); port <= settings.lastPort(); port++) {
            try {
                return context.createServer(host, port, bootstraps);
            } catch (RuntimeException e) {
                taken = e;
            }
        }
        throw new IllegalStateException("no free port for the collective on " + host + " in " + settings.port() + "-"
                + settings.lastPort() + " (" + CollectiveSettings.PORT + " and spark.port.maxRetries)", taken);
    }

    public String host() {
        return host;
    }

    public int port() {
        return server.getPort();
    }

    public TransportSecurity security() {
        return security;
    }

    long id() {
        return id;
    }

    /** Whether this JVM hosts round {@code token}'s coordinator. */
    boolean hasRound(long token) {
        return coordinators.containsKey(token);
    }

    /**
     * Hands a message to a round of this JVM on the calling thread, as the server would on receipt:
     * tasks in one executor JVM (all of them in local mode) exchange gradients without the
     * network, its copies and its thread hand-offs, as NCCL and gloo use shared memory within a
     * node. Nothing leaves the process, so there is nothing to authenticate or encrypt.
     */
    void deliverHere(PeerMessage message, int wireBytes) {
        router.route(message, wireBytes, null);
    }

    /** Connections and messages dropped since this endpoint started: garbage, wrong tokens, oversized frames. */
    public long refused() {
        return refused.get();
    }

    void register(long token, RoundCoordinator coordinator) {
        coordinators.put(token, coordinator);
    }

    void unregister(long token, RoundCoordinator coordinator) {
        coordinators.remove(token, coordinator);
    }

    void register(long token, int partition, Inbox inbox) {
        inboxes.put(new InboxKey(token, partition), inbox);
    }

    void unregister(long token, int partition, Inbox inbox) {
        inboxes.remove(new InboxKey(token, partition), inbox);
    }

    /** A pooled, handshaken connection to {@code host:port}. */
    TransportClient client(String host, int port) throws IOException {
        try {
            return clients.createClient(host, port);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to " + host + ":" + port, e);
        }
    }

    /** Sends one message without waiting for it to leave; {@code onFailure} hears if it cannot be written. */
    void send(String host, int port, ByteBuffer message, Consumer<Throwable> onFailure) throws IOException {
        client(host, port).getChannel().writeAndFlush(new OneWayMessage(new NioManagedBuffer(message)))
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        onFailure.accept(f.cause());
                    }
                });
    }

    /** Counts a refusal and logs it: the first ten, then every thousandth, so a flood cannot flood the log. */
    void refuse(String what) {
        long count = refused.incrementAndGet();
        if (count <= 10 || count % 1000 == 0) {
            LOG.warn("convspark collective on {}:{} dropped {} ({} dropped so far)", host, port(), what, count);
        }
    }

    @Override
    public void close() {
        clients.close();
        server.close();
        context.close();
    }

    /** Every message the server receives passes here, on a transport thread: decode, check, hand on. */
    private final class Router extends RpcHandler {
        private final StreamManager streams = new OneForOneStreamManager();

        @Override
        public void receive(TransportClient client, ByteBuffer message, RpcResponseCallback callback) {
            PeerMessage m = decodeOrRefuse(client, message);
            RoundCoordinator coordinator = m == null ? null : coordinators.get(m.token);
            if (coordinator == null) {
                if (m != null) {
                    refuse("a " + m.kind + " request for an unknown round from " + client.getSocketAddress());
                }
                callback.onFailure(new IllegalStateException("no such round"));
                return;
            }
            coordinator.request(m, message.remaining(), callback);
        }

        @Override
        public void receive(TransportClient client, ByteBuffer message) {
            PeerMessage m = decodeOrRefuse(client, message);
            if (m != null) {
                route(m, message.remaining(), client);
            }
        }

        void route(PeerMessage m, int wireBytes, TransportClient client) {
            if (RoundCoordinator.reports(m.kind)) {
                RoundCoordinator coordinator = coordinators.get(m.token);
                if (coordinator != null) {
                    coordinator.progress(m, wireBytes);
                    return;
                }
            } else {
                Inbox inbox = inboxes.get(new InboxKey(m.token, m.to));
                if (inbox != null) {
                    inbox.deliver(m, wireBytes);
                    return;
                }
            }
            refuse("a " + m.kind + " message for no round of this JVM from " + from(client));
        }

        private PeerMessage decodeOrRefuse(TransportClient client, ByteBuffer message) {
            try {
                return PeerMessage.decode(message);
            } catch (IllegalArgumentException e) {
                refuse(e.getMessage() + " from " + from(client));
                return null;
            }
        }

        private String from(TransportClient client) {
            return client == null ? "this JVM" : String.valueOf(client.getSocketAddress());
        }

        @Override
        public void exceptionCaught(Throwable cause, TransportClient client) {
            refuse("a connection that failed (" + cause + ") from " + client.getSocketAddress());
        }

        @Override
        public StreamManager getStreamManager() {
            return streams;
        }
    }
}
