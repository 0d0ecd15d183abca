package org.convspark.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.spark.api.java.JavaSparkContext;
import org.convspark.driver.collective.CollectiveSettings;
import org.convspark.driver.data.ShardedDataset;
import org.convspark.engine.UserInputException;
import org.convspark.engine.data.Augmentation;
import org.convspark.engine.data.LabelledImages;
import org.convspark.engine.optim.OptimizerConfig;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.spec.ModelSpecJson;
import org.convspark.engine.testing.TestArrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Batch norm keeps the project's promise: 1, 2 and 3 partitions in barrier rounds (statistics
 * summed among the tasks mid-step) end 20 steps of a graph with batch norm, a residual add, dropout
 * and augmentation
 * where the engine alone does, within float rounding; batches of 6 over 3 shards leave some task
 * without samples in many steps, which must still take part in the sums. The tree path cannot sum
 * mid-step and is refused with more than one partition. On {@code local[3,1]}: three slots.
 *
 * <p>The layers before batch norm have no bias, as in every network built with it: batch norm
 * removes the mean, so such a bias's gradient is 0 up to rounding, and Adam, which divides by the
 * gradient's own size, turns that rounding into full steps of either sign (with biases, 1
 * partition and the engine alone were 6e-8 apart after 1 step and 9e-6 after 20, the biases
 * furthest apart).
 */
class BatchNormTrainingTest {
    private static final int STEPS = 20;
    private static final int BATCH = 6;
    private static final long SEED = 5;
    private static final LabelledImages DATA = TestData.bands(150, 8, 3, 7);
    private static final OptimizerConfig ADAM = OptimizerConfig.of("adam", 0.01).withWeightDecay(1e-3);
    private static final Augmentation AUGMENT = Augmentation.parse("crop:2,flip");
    private static final ModelSpec SPEC = ModelSpecJson.parse("""
            {"name": "bn-net", "input": [1, 8, 8], "layers": [
              {"type": "conv", "out_channels": 4, "kernel": 3, "padding": 1, "bias": false}, {"type": "batchnorm"},
              {"name": "stem", "type": "relu"},
              {"type": "conv", "out_channels": 4, "kernel": 3, "padding": 1, "bias": false},
              {"name": "res.bn", "type": "batchnorm"},
              {"type": "add", "inputs": ["res.bn", "stem"]},
              {"type": "maxpool", "kernel": 2}, {"type": "flatten"},
              {"type": "dropout", "p": 0.2}, {"type": "linear", "out_features": 16, "bias": false},
              {"type": "batchnorm", "momentum": 0.3}, {"type": "relu"}, {"type": "linear", "out_features": 3}]}""",
            "bn-net.json");

    private static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        sc = SparkTestSupport.context(SparkTestSupport.session(SparkTestSupport.conf("local[3,1]")));
    }

    @AfterAll
    static void backToTheDefaultSession() {
        SparkTestSupport.stop();
    }

    private static TrainerConfig config(AllReduce mode) {
        return settings(mode).build();
    }

    private static TrainerConfig.Builder settings(AllReduce mode) {
        return TrainerConfig.builder().epochs(5).maxSteps(STEPS).batchSize(BATCH).seed(SEED).optimizer(ADAM)
                .augmentation(AUGMENT).allReduce(mode);
    }

    private static TrainingResult fit(int partitions, AllReduce mode) {
        return fit(partitions, config(mode));
    }

    /**
     * The first round's warm-up (its steps' statistics sums and gradients under keys of their own,
     * on copies) leaves a batch norm run as it is without it, bit for bit, over the tree and the
     * scatter collectives, on 3 partitions (some task without samples in many steps).
     */
    @Test
    void theFirstRoundsWarmUpLeavesTheRunBitForBitOverEitherCollective() {
        for (String algorithm : new String[] {"tree", "scatter"}) {
            sc.sc().conf().set(CollectiveSettings.ALGORITHM, algorithm);
            try {
                float[] warmed = fit(3, AllReduce.BARRIER).params();
                float[] cold = fit(3, settings(AllReduce.BARRIER).warmUpSteps(0).build()).params();
                org.junit.jupiter.api.Assertions.assertArrayEquals(cold, warmed, algorithm);
            } finally {
                sc.sc().conf().remove(CollectiveSettings.ALGORITHM);
            }
        }
    }

    private static TrainingResult fit(int partitions, TrainerConfig config) {
        ShardedDataset data = ShardedDataset.fromArrays(sc, DATA, partitions);
        try {
            return new DistributedTrainer(sc, SPEC, config).withLog(line -> { }).fit(data);
        } finally {
            data.release();
        }
    }

    @Test
    void aCheckpointKeepsTheRunningStatisticsAndResumesExactly(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        float[] uninterrupted = fit(2, AllReduce.AUTO).params();
        String checkpoints = dir.toUri().toString();
        TrainerConfig.Builder run = TrainerConfig.builder().epochs(5).batchSize(BATCH).seed(SEED).optimizer(ADAM)
                .augmentation(AUGMENT).checkpointDir(checkpoints);
        assertEquals(10, fit(2, run.maxSteps(10).build()).steps());
        TrainingResult resumed = fit(2, run.maxSteps(STEPS).resume(true).build());
        assertEquals(STEPS, resumed.steps());
        double difference = TestArrays.relativeDifference(resumed.params(), uninterrupted);
        assertTrue(difference <= 1e-5, "resumed at step 10, the running statistics included: " + difference);
    }

    @Test
    void oneTwoAndThreePartitionsInBarrierRoundsMatchTheEngineAlone() {
        float[] engine = new EngineAlone(SPEC, ADAM, DATA, BATCH, SEED, AUGMENT).train(STEPS);
        float[] initial = new org.convspark.engine.model.Network(SPEC).initialParameters(SEED);
        // The first batch norm's running variances (after the conv's 36 weights and its 4 scales, 4 shifts and
        // 4 means) moved from 1.
        int variances = 4 * 9 + 12;
        assertTrue(Arrays.stream(new int[] {0, 1, 2, 3}).allMatch(c -> engine[variances + c] != initial[variances + c]),
                "the running statistics follow the batches");
        for (int partitions : new int[] {1, 2, 3}) {
            TrainingResult result = fit(partitions, AllReduce.AUTO);
            assertEquals(AllReduce.BARRIER, result.allReduce().mode());
            assertEquals(STEPS, result.steps());
            double difference = TestArrays.relativeDifference(result.params(), engine);
            System.out.printf("batch norm, %d partitions (barrier) vs the engine alone after %d steps: "
                    + "max|a-b|/max|b| = %.3g%n", partitions, STEPS, difference);
            assertTrue(difference <= 1e-5, partitions + " partitions differ from the engine alone by " + difference);
        }
    }

    @Test
    void theTreePathIsRefusedWithMorePartitionsAndMatchesTheEngineOnOne() {
        UserInputException e = assertThrows(UserInputException.class, () -> fit(2, AllReduce.TREE));
        assertTrue(e.getMessage().contains("batchnorm") && e.getMessage().contains("barrier"), e.getMessage());
        float[] engine = new EngineAlone(SPEC, ADAM, DATA, BATCH, SEED, AUGMENT).train(STEPS);
        double difference = TestArrays.relativeDifference(fit(1, AllReduce.TREE).params(), engine);
        assertTrue(difference <= 1e-5, "one partition on the tree path differs by " + difference);
    }
}
