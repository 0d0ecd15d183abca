package org.convspark.driver;

import org.apache.spark.SparkConf;
import org.convspark.engine.UserInputException;

/**
 * Where the {@link GradientHub} of an {@link AllReduce#BARRIER} round listens, read from the Spark
 * configuration and checked before any job: the driver's bind address (as Spark's own driver
 * services), and {@value #PORT} (0, the default: an ephemeral port; a fixed port for firewalls
 * and network policies, trying the next {@code spark.port.maxRetries} ports when it is taken,
 * as Spark does for its own ports).
 *
 * <p>The hub's traffic (gradients, means) is not encrypted: with Spark's RPC encryption or SSL on,
 * a barrier run is refused unless {@value #ALLOW_PLAINTEXT} says that is acceptable, so nobody who
 * asked Spark to encrypt finds out later that gradients crossed the network in the clear.
 */
record HubSettings(String bindHost, int port, int portRetries) {
    static final String PORT = "spark.convspark.hub.port";
    static final String ALLOW_PLAINTEXT = "spark.convspark.hub.allowPlaintext";
    private static final String[] ENCRYPTION = {"spark.network.crypto.enabled", "spark.ssl.enabled",
            "spark.ssl.rpc.enabled"};

    HubSettings {
        if (port < 0 || port > 65535) {
            throw new UserInputException(PORT + " " + port + ": must be 0 (an ephemeral port) or a TCP port 1-65535");
        }
        if (portRetries < 0) {
            throw new UserInputException("spark.port.maxRetries " + portRetries + ": must be >= 0");
        }
    }

    static HubSettings of(SparkConf conf) {
        for (String option : ENCRYPTION) {
            if (flag(conf, option) && !flag(conf, ALLOW_PLAINTEXT)) {
                throw new UserInputException("all_reduce barrier sends gradients to the driver's gradient hub "
                        + "unencrypted, and " + option + " is true: use all_reduce tree, or set "
                        + ALLOW_PLAINTEXT + "=true to accept plaintext gradients");
            }
        }
        String host = conf.get("spark.driver.bindAddress", conf.get("spark.driver.host", "localhost"));
        return new HubSettings(host, number(conf, PORT, 0), number(conf, "spark.port.maxRetries", 16));
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
