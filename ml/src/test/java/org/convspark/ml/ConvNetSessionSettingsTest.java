package org.convspark.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.convspark.driver.testing.LocalSpark;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A fit on the session a user builds first, without convspark's Kryo settings, names
 * the setting before any Spark job (it failed inside a job with "not serializable result: Shard").
 */
class ConvNetSessionSettingsTest {
    @AfterAll
    static void backToTheTestsSession() {
        LocalSpark.stop();
    }

    @Test
    void aSessionWithoutKryoIsNamedBeforeAnyJob() {
        SparkSession plain = LocalSpark.session(LocalSpark.conf("local[1]", "convspark-ml-plain-session")
                .remove("spark.serializer").remove("spark.kryo.registrator"));
        Dataset<Row> data = Bars.vectors(plain, 24, 3).cache();
        data.count();
        AtomicInteger jobs = new AtomicInteger();
        SparkListener counter = new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart start) {
                jobs.incrementAndGet();
            }
        };
        plain.sparkContext().addSparkListener(counter);
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ConvNetClassifier()
                    .setModelSpec(Bars.SPEC).setEpochs(1).setBatchSize(8).setPartitions(2).fit(data));
            assertTrue(e.getMessage().startsWith("spark.serializer is org.apache.spark.serializer.JavaSerializer; "
                    + "convspark needs spark.serializer=org.apache.spark.serializer.KryoSerializer"), e.getMessage());
            plain.sparkContext().listenerBus().waitUntilEmpty();
            assertEquals(0, jobs.get(), "no Spark job ran before the check");
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(e);
        } finally {
            plain.sparkContext().removeSparkListener(counter);
        }
    }
}
