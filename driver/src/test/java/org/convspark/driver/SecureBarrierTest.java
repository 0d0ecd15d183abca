package org.convspark.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.convspark.driver.collective.PeerTransport;
import org.convspark.driver.data.ShardedDataset;
import org.convspark.engine.data.LabelledImages;
import org.convspark.engine.optim.OptimizerConfig;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.testing.TestArrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Training under Spark's authentication and encryption ({@code spark.authenticate} with a secret,
 * {@code spark.network.crypto.enabled}): the default all-reduce takes the barrier collective, whose
 * endpoint runs Spark's handshake and AES encryption (the proxy and wrong-secret checks are
 * {@code CollectiveSecurityTest}'s), and reaches the tree path's parameters. Its own session, stopped
 * at the end so that later test classes get the plain one.
 */
class SecureBarrierTest {
    private static final LabelledImages DATA = TestData.bands(210, 8, 3, 5);
    private static final ModelSpec SPEC = TestData.smallConvNet();
    private static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        SparkTestSupport.stop();
        SparkSession spark = SparkTestSupport.session(SparkTestSupport.conf(SparkTestSupport.LOCAL_MASTER)
                .set("spark.authenticate", "true")
                .set("spark.authenticate.secret", "a test secret")
                .set("spark.network.crypto.enabled", "true"));
        sc = SparkTestSupport.context(spark);
    }

    @AfterAll
    static void stop() {
        SparkTestSupport.stop();
    }

    @Test
    void theDefaultTakesTheEncryptedCollectiveAndReachesTheTreePathsParameters() {
        ShardedDataset data = ShardedDataset.fromArrays(sc, DATA, 2);
        ShardedDataset test = ShardedDataset.fromArrays(sc, TestData.bands(60, 8, 3, 6), 2);
        try {
            TrainerConfig.Builder config = TrainerConfig.builder().epochs(3).maxSteps(20).batchSize(32).seed(4)
                    .optimizer(OptimizerConfig.of("adam", 0.005));
            List<String> log = new ArrayList<>();
            TrainingResult collective = new DistributedTrainer(sc, SPEC, config.build()).withLog(log::add)
                    .fit(data, test);
            TrainingResult tree = new DistributedTrainer(sc, SPEC, config.allReduce(AllReduce.TREE).build())
                    .withLog(line -> { }).fit(data, test);
            assertEquals(AllReduce.BARRIER, collective.allReduce().mode(), log.toString());
            PeerTransport transport = PeerTransport.ofThisJvm().orElseThrow();
            assertTrue(transport.security().authenticate() && transport.security().encrypt(),
                    "the collective's endpoint is " + transport.security());
            assertTrue(TestArrays.relativeDifference(collective.params(), tree.params()) <= 1e-5);
            assertEquals(tree.history().size(), collective.history().size());
            for (int e = 0; e < tree.history().size(); e++) {
                assertEquals(tree.history().get(e).testAccuracy(), collective.history().get(e).testAccuracy(), 1e-9,
                        "epoch " + (e + 1) + "'s test accuracy, evaluated inside the round");
            }
        } finally {
            data.release();
            test.release();
        }
    }
}
