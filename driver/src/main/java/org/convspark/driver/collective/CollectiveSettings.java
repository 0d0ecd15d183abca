package org.convspark.driver.collective;

import java.io.Serializable;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.SparkConf;
import org.convspark.engine.UserInputException;

/**
 * How barrier rounds' collectives connect, read from the Spark configuration and checked before
 * any job:
 * <ul>
 *   <li>{@value #PORT}: the port every JVM's {@link PeerTransport} listens on (0, the default: an
 *       ephemeral port; a fixed port for firewalls and network policies, the next {@code
 *       spark.port.maxRetries} tried when it is taken, as Spark does for its own ports);</li>
 *   <li>{@value #TIMEOUT}: how long a round waits for all its tasks to join once the first has
 *       (default {@code spark.network.timeout}, 120 s); a task that never joins fails the round
 *       after it, and the driver reruns the round up to {@code
 *       spark.stage.maxConsecutiveAttempts} times;</li>
 *   <li>{@value #ALGORITHM}: {@code auto} (the default), {@code tree}, {@code scatter} or {@code star} (see
 *       {@link Collective#choose});</li>
 *   <li>{@value #OVERLAP}: all-reduce the gradient in buckets while backward still computes the
 *       earlier layers' ({@link OverlappedAllReduce}; with the scatter algorithm and one engine
 *       thread per task; default off); the parameters are bit-identical either way;</li>
 *   <li>{@value #ALLOW_PLAINTEXT}: Spark's TLS ({@code spark.ssl.*}) does not cover the
 *       collective, which is encrypted by Spark's AES handshake ({@code
 *       spark.network.crypto.enabled}) or not at all: with TLS on and that off, a barrier run
 *       needs this set to accept unencrypted gradients.</li>
 * </ul>
 * The driver's bind address is Spark's ({@code spark.driver.bindAddress}, else {@code
 * spark.driver.host}).
 */
public record CollectiveSettings(String driverBindHost, int port, int portRetries, long timeoutMillis,
                                 Collective.Algorithm algorithm, boolean overlap) implements Serializable {
    public static final String PORT = "spark.convspark.collective.port";
    public static final String TIMEOUT = "spark.convspark.collective.timeout";
    public static final String ALGORITHM = "spark.convspark.collective.algorithm";
    public static final String ALLOW_PLAINTEXT = "spark.convspark.collective.allowPlaintext";
    public static final String OVERLAP = "spark.convspark.collective.overlap";
    private static final long serialVersionUID = 1L;
    private static final String[] TLS = {"spark.ssl.enabled", "spark.ssl.rpc.enabled"};

    public CollectiveSettings {
        if (port < 0 || port > 65535) {
            throw new UserInputException(PORT + " " + port + ": must be 0 (an ephemeral port) or a TCP port 1-65535");
        }
        if (portRetries < 0) {
            throw new UserInputException("spark.port.maxRetries " + portRetries + ": must be >= 0");
        }
        if (timeoutMillis <= 0) {
            throw new UserInputException(TIMEOUT + " " + timeoutMillis + " ms: must be positive");
        }
    }

    /** The settings, or a {@link UserInputException} naming the setting that is wrong. */
    public static CollectiveSettings of(SparkConf conf) {
        String host = conf.get("spark.driver.bindAddress", conf.get("spark.driver.host", "localhost"));
        long timeout;
        String timeoutText = conf.get(TIMEOUT, conf.get("spark.network.timeout", "120s"));
        try {
            timeout = org.apache.spark.network.util.JavaUtils.timeStringAsMs(timeoutText);
        } catch (RuntimeException e) {
            throw new UserInputException(TIMEOUT + " " + timeoutText + ": not a duration (e.g. 120s, 2min)");
        }
        String algorithm = conf.get(ALGORITHM, "auto").trim().toLowerCase(Locale.ROOT);
        Collective.Algorithm chosen;
        try {
            chosen = Collective.Algorithm.valueOf(algorithm.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserInputException(ALGORITHM + " " + algorithm + ": unknown; choose auto, tree, scatter or star");
        }
        flag(conf, ALLOW_PLAINTEXT);
        return new CollectiveSettings(host, number(conf, PORT, 0), number(conf, "spark.port.maxRetries", 16),
                timeout, chosen, flag(conf, OVERLAP));
    }

    /**
     * Why the collective cannot run under {@code conf}'s security settings, if it cannot: Spark's
     * TLS is on, its AES encryption off, and plaintext was not accepted.
     */
    public static Optional<String> securityObstacle(SparkConf conf) {
        if (flag(conf, "spark.network.crypto.enabled") || flag(conf, ALLOW_PLAINTEXT)) {
            return Optional.empty();
        }
        for (String option : TLS) {
            if (flag(conf, option)) {
                return Optional.of(option + " is true, but Spark's TLS does not cover the collective among "
                        + "barrier tasks: set spark.network.crypto.enabled=true (with spark.authenticate) to "
                        + "encrypt it, or " + ALLOW_PLAINTEXT + "=true to accept plaintext gradients");
            }
        }
        return Optional.empty();
    }

    /** The ports to try in order: the configured one and its retries, or just 0 (ephemeral). */
    int lastPort() {
        return port == 0 ? 0 : Math.min(65535, port + portRetries);
    }

    private static boolean flag(SparkConf conf, String option) {
        String value = conf.get(option, "false").trim();
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new UserInputException(option + " " + value + ": must be true or false");
        }
        return value.equalsIgnoreCase("true");
    }

    private static int number(SparkConf conf, String option, int fallback) {
        String value = conf.get(option, Integer.toString(fallback)).trim();
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UserInputException(option + " " + value + ": not a whole number");
        }
    }
}
