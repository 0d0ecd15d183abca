package org.convspark.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.spark.SparkConf;
import org.convspark.engine.UserInputException;
import org.junit.jupiter.api.Test;

class HubSettingsTest {
    private static SparkConf conf(String... keysAndValues) {
        SparkConf conf = new SparkConf(false).set("spark.driver.host", "driver.example");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            conf.set(keysAndValues[i], keysAndValues[i + 1]);
        }
        return conf;
    }

    private static String refusal(SparkConf conf) {
        return assertThrows(UserInputException.class, () -> DistributedTrainer.checkBarrier(conf, "yarn", 2))
                .getMessage();
    }

    @Test
    void defaultsToAnEphemeralPortOnTheDriversBindAddress() {
        assertEquals(new HubSettings("driver.example", 0, 16), HubSettings.of(conf()));
        assertEquals(new HubSettings("10.0.0.5", 7078, 3), HubSettings.of(conf("spark.driver.bindAddress",
                "10.0.0.5", "spark.convspark.hub.port", " 7078", "spark.port.maxRetries", "3")));
        assertEquals(7081, new HubSettings("h", 7078, 3).lastPort());
        assertEquals(0, new HubSettings("h", 0, 16).lastPort());
        assertEquals(65535, new HubSettings("h", 65530, 16).lastPort());
    }

    @Test
    void refusesBarrierWithSparkEncryptionUnlessPlaintextIsAccepted() {
        for (String option : new String[] {"spark.network.crypto.enabled", "spark.ssl.enabled",
                "spark.ssl.rpc.enabled"}) {
            assertEquals("all_reduce barrier sends gradients to the driver's gradient hub unencrypted, and " + option
                    + " is true: use all_reduce tree, or set spark.convspark.hub.allowPlaintext=true to accept "
                    + "plaintext gradients", refusal(conf(option, "true")));
            DistributedTrainer.checkBarrier(conf(option, "true", "spark.convspark.hub.allowPlaintext", "TRUE"),
                    "yarn", 2);
        }
        DistributedTrainer.checkBarrier(conf("spark.network.crypto.enabled", "false"), "yarn", 2);
    }

    @Test
    void badValuesNameTheirOption() {
        assertEquals("spark.convspark.hub.port 70000: must be 0 (an ephemeral port) or a TCP port 1-65535",
                refusal(conf("spark.convspark.hub.port", "70000")));
        assertEquals("spark.convspark.hub.port -1: must be 0 (an ephemeral port) or a TCP port 1-65535",
                refusal(conf("spark.convspark.hub.port", "-1")));
        assertEquals("spark.convspark.hub.port 7o78: not a whole number",
                refusal(conf("spark.convspark.hub.port", "7o78")));
        assertEquals("spark.port.maxRetries -2: must be >= 0", refusal(conf("spark.port.maxRetries", "-2")));
        assertEquals("spark.convspark.hub.allowPlaintext yes: must be true or false",
                refusal(conf("spark.ssl.enabled", "true", "spark.convspark.hub.allowPlaintext", "yes")));
        assertEquals("all_reduce barrier needs a fixed set of executors; spark.dynamicAllocation.enabled is true "
                + "(disable it or use all_reduce tree)", refusal(conf("spark.dynamicAllocation.enabled", "true")));
    }
}
