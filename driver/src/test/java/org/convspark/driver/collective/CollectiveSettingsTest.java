package org.convspark.driver.collective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.SparkConf;
import org.convspark.engine.UserInputException;
import org.junit.jupiter.api.Test;

/** The collective's Spark settings: their defaults, and one clear message naming a bad one. */
class CollectiveSettingsTest {
    @Test
    void defaultsFollowSparksOwnSettings() {
        CollectiveSettings s = CollectiveSettings.of(new SparkConf(false).set("spark.driver.host", "10.0.0.5")
                .set("spark.network.timeout", "90s"));
        assertEquals("10.0.0.5", s.driverBindHost());
        assertEquals(0, s.port());
        assertEquals(16, s.portRetries());
        assertEquals(90_000, s.timeoutMillis());
        assertEquals(Collective.Algorithm.AUTO, s.algorithm());
        assertFalse(s.overlap(), "overlap is off by default");
    }

    @Test
    void everySettingIsRead() {
        CollectiveSettings s = CollectiveSettings.of(new SparkConf(false).set(CollectiveSettings.ALGORITHM, " Star ")
                .set(CollectiveSettings.OVERLAP, "TRUE").set(CollectiveSettings.PORT, "41000")
                .set(CollectiveSettings.TIMEOUT, "2min"));
        assertEquals(Collective.Algorithm.STAR, s.algorithm());
        assertTrue(s.overlap());
        assertEquals(41000, s.port());
        assertEquals(120_000, s.timeoutMillis());
    }

    @Test
    void aBadSettingIsNamed() {
        assertEquals("spark.convspark.collective.overlap yes: must be true or false",
                assertThrows(UserInputException.class, () -> CollectiveSettings.of(new SparkConf(false)
                        .set(CollectiveSettings.OVERLAP, "yes"))).getMessage());
        assertEquals("spark.convspark.collective.algorithm ring: unknown; choose auto, tree, scatter or star",
                assertThrows(UserInputException.class, () -> CollectiveSettings.of(new SparkConf(false)
                        .set(CollectiveSettings.ALGORITHM, "ring"))).getMessage());
        assertEquals("spark.convspark.collective.timeout soon: not a duration (e.g. 120s, 2min)",
                assertThrows(UserInputException.class, () -> CollectiveSettings.of(new SparkConf(false)
                        .set(CollectiveSettings.TIMEOUT, "soon"))).getMessage());
    }
}
