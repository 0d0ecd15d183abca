package org.convspark.driver;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.api.java.JavaSparkContext;
import org.convspark.engine.data.EmbeddedMnist;
import org.convspark.engine.model.ModelZoo;
import org.convspark.engine.optim.OptimizerConfig;
import org.junit.jupiter.api.Test;

/**
 * Acceptance: LeNet-5 on the embedded MNIST subset (8,000 train, 2,000 test) in {@code local[2]}
 * reaches at least 97% test accuracy. Adam at 1e-3 with global batch 64 for 4 epochs (500 steps);
 * the per-epoch lines are printed, so the run's speed is visible in the test output.
 */
class LeNetMnistTest {
    @Test
    void lenet5ReachesNinetySevenPercentOnTheEmbeddedSubset() {
        JavaSparkContext sc = SparkTestSupport.context(SparkTestSupport.local());
        ShardedDataset train = ShardedDataset.fromArrays(sc, EmbeddedMnist.train(), 2);
        ShardedDataset test = ShardedDataset.fromArrays(sc, EmbeddedMnist.test(), 2);
        try {
            TrainerConfig config = TrainerConfig.builder().epochs(4).batchSize(64).seed(1)
                    .optimizer(OptimizerConfig.of("adam", 1e-3)).build();
            TrainingResult result = new DistributedTrainer(sc, ModelZoo.get("lenet5"), config)
                    .withLog(System.out::println).fit(train, test);
            double accuracy = result.last().testAccuracy();
            assertTrue(accuracy >= 0.97, "test accuracy " + accuracy);
        } finally {
            train.release();
            test.release();
        }
    }
}
