package org.convspark.driver.collective;

import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.network.sasl.SecretKeyHolder;

/**
 * What Spark's own security settings ask of the collective's connections, and the secret they
 * prove: with {@code spark.authenticate} every connection runs Spark's handshake before any message
 * is accepted (the application's secret, never sent), and with {@code spark.network.crypto.enabled}
 * too the channel is then AES-encrypted by the same code that protects Spark's RPC and block
 * transfers. The secret is the one Spark's {@code SecurityManager} holds on the driver and on each
 * executor. {@link #toString()} never shows it.
 */
public record TransportSecurity(boolean authenticate, boolean encrypt, String appId, String secret)
        implements SecretKeyHolder {
    private static final String SASL_USER = "sparkSaslUser"; // what Spark's SecurityManager uses

    public TransportSecurity {
        if (encrypt && !authenticate) {
            throw new IllegalArgumentException("spark.network.crypto.enabled needs spark.authenticate");
        }
        if (authenticate && (secret == null || secret.isEmpty())) {
            throw new IllegalArgumentException("spark.authenticate is on but this JVM holds no secret");
        }
    }

    /** No handshake, no encryption: peers prove themselves only with the round's token. */
    public static TransportSecurity none() {
        return new TransportSecurity(false, false, "convspark", null);
    }

    /** This JVM's Spark settings and secret (driver or executor); needs a running {@link SparkEnv}. */
    public static TransportSecurity ofSpark(SparkConf conf) {
        boolean authenticate = conf.getBoolean("spark.authenticate", false);
        boolean encrypt = authenticate && conf.getBoolean("spark.network.crypto.enabled", false);
        String secret = authenticate ? SparkEnv.get().securityManager().getSecretKey() : null;
        return new TransportSecurity(authenticate, encrypt, conf.get("spark.app.id", "convspark"), secret);
    }

    @Override
    public String getSaslUser(String ignoredAppId) {
        return SASL_USER;
    }

    @Override
    public String getSecretKey(String ignoredAppId) {
        return secret;
    }

    @Override
    public String toString() {
        return authenticate ? (encrypt ? "authenticated and encrypted" : "authenticated, not encrypted")
                : "token only (spark.authenticate is off)";
    }
}
