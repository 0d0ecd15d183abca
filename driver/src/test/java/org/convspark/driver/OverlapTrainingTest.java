package org.convspark.driver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.api.java.JavaSparkContext;
import org.convspark.driver.collective.CollectiveSettings;
import org.convspark.driver.collective.OverlappedAllReduce;
import org.convspark.driver.data.ShardedDataset;
import org.convspark.engine.data.LabelledImages;
import org.convspark.engine.model.Network;
import org.convspark.engine.optim.OptimizerConfig;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.spec.ModelSpecJson;
import org.convspark.engine.testing.TestArrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Barrier rounds with the all-reduce overlapped with backward ({@value CollectiveSettings#OVERLAP})
 * end with the parameters of rounds without, bit for bit: three partitions, a model large enough
 * for the scatter algorithm and cut into two buckets, dropout, Adam, twelve steps over two epochs.
 */
class OverlapTrainingTest {
    private static final LabelledImages DATA = TestData.bands(210, 8, 3, 5);
    private static final ModelSpec SPEC = ModelSpecJson.parse("""
            {"name": "overlap", "input": [1, 8, 8], "layers": [
              {"type": "conv", "out_channels": 8, "kernel": 3, "padding": 1}, {"type": "relu"},
              {"type": "flatten"},
              {"type": "linear", "out_features": 160}, {"type": "relu"}, {"type": "dropout", "p": 0.2},
              {"type": "linear", "out_features": 3}]}""", "overlap.json");

    @AfterAll
    static void backToTheDefaultSession() {
        SparkTestSupport.stop();
    }

    /** Trains in a fresh session on {@code master} with the overlap setting {@code overlap}. */
    private static TrainingResult train(String master, boolean overlap) {
        JavaSparkContext sc = SparkTestSupport.context(SparkTestSupport.session(SparkTestSupport.conf(master)
                .set(CollectiveSettings.ALGORITHM, "scatter").set(CollectiveSettings.OVERLAP, String.valueOf(overlap))));
        ShardedDataset data = ShardedDataset.fromArrays(sc, DATA, 3);
        try {
            TrainerConfig config = TrainerConfig.builder().epochs(2).maxSteps(12).batchSize(30).seed(4)
                    .optimizer(OptimizerConfig.of("adam", 0.01)).allReduce(AllReduce.BARRIER).build();
            return new DistributedTrainer(sc, SPEC, config).withLog(line -> { }).fit(data);
        } finally {
            data.release();
        }
    }

    @Test
    void overlappingTheAllReduceChangesNoBit() {
        assertTrue(new Network(SPEC).parameterCount() > 16_384, "large enough for the scatter algorithm");
        long before = OverlappedAllReduce.bucketsReduced();
        TrainingResult plain = train("local[3]", false);
        assertEquals(before, OverlappedAllReduce.bucketsReduced(), "no bucket without overlap");
        TrainingResult overlapped = train("local[3,1]", true);
        // Every task reduces each of the two buckets every step (more if a round were rerun): the overlapped
        // path was taken. (Byte counts cannot tell: what a task has received when an epoch ends is timing.)
        long buckets = OverlappedAllReduce.bucketsReduced() - before;
        assertTrue(buckets >= 12 * 3 * 2, buckets + " buckets all-reduced with overlap, expected 12 steps x 3 "
                + "tasks x 2");
        assertArrayEquals(plain.params(), overlapped.params(), "the parameters with and without overlap");
        assertTrue(TestArrays.relativeDifference(new Network(SPEC).initialParameters(4), plain.params()) > 1e-2,
                "training moved the parameters");
    }
}
