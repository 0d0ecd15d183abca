package org.convspark.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.convspark.engine.testing.TestArrays.relativeDifference;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.convspark.engine.data.LabelledImages;
import org.convspark.engine.layers.BatchResult;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.spec.ModelSpecJson;
import org.convspark.engine.model.Network;
import org.convspark.engine.optim.OptimizerConfig;
import org.junit.jupiter.api.Test;

class ThreadedBatchTest {
    /** A conv net with dropout, so a split that moved dropout masks would show. */
    private static final ModelSpec NET = ModelSpecJson.parse("{\"name\": \"bars-dropout\", \"input\": [1, 8, 8],"
            + " \"layers\": [{\"type\": \"conv\", \"out_channels\": 6, \"kernel\": 3, \"padding\": 1},"
            + " {\"type\": \"relu\"}, {\"type\": \"maxpool\", \"kernel\": 2}, {\"type\": \"flatten\"},"
            + " {\"type\": \"dropout\", \"p\": 0.3}, {\"type\": \"linear\", \"out_features\": 3}]}", "bars-dropout.json");
    /** With batch norm after the conv and after a linear layer, and dropout between. */
    private static final ModelSpec BN_NET = ModelSpecJson.parse("{\"name\": \"bars-bn\", \"input\": [1, 8, 8],"
            + " \"layers\": [{\"type\": \"conv\", \"out_channels\": 6, \"kernel\": 3, \"padding\": 1},"
            + " {\"type\": \"batchnorm\"}, {\"type\": \"relu\"}, {\"type\": \"maxpool\", \"kernel\": 2},"
            + " {\"type\": \"flatten\"}, {\"type\": \"dropout\", \"p\": 0.3}, {\"type\": \"linear\", \"out_features\": 8},"
            + " {\"type\": \"batchnorm\", \"momentum\": 0.3}, {\"type\": \"relu\"},"
            + " {\"type\": \"linear\", \"out_features\": 3}]}", "bars-bn.json");
    private static final LabelledImages DATA = ConvTrainingTest.bars(101, 5);
    private static final long SEED = 3;
    private static final double TOLERANCE = 1e-5;

    private static float[] gradient(int threads, int count, BatchResult[] result) {
        Network reference = new Network(NET);
        float[] params = reference.initialParameters(SEED);
        float[] gradSum = new float[params.length];
        try (ThreadedBatch batch = new ThreadedBatch(NET, threads)) {
            result[0] = batch.trainBatch(params, DATA.pixels(), 0, DATA.labels(), 0, count, gradSum, SEED, 1000);
        }
        return gradSum;
    }

    @Test
    void oneTwoAndThreeThreadsGiveTheSingleNetworksGradientSum() {
        Network network = new Network(NET);
        float[] params = network.initialParameters(SEED);
        float[] expected = new float[params.length];
        BatchResult single = network.trainBatch(params, DATA.pixels(), 0, DATA.labels(), 0, DATA.count(), expected,
                SEED, 1000);
        for (int threads : new int[] {1, 2, 3}) {
            BatchResult[] result = new BatchResult[1];
            float[] got = gradient(threads, DATA.count(), result);
            double difference = relativeDifference(got, expected);
            assertTrue(difference <= TOLERANCE, threads + " threads: gradient differs by " + difference);
            assertEquals(single.count(), result[0].count());
            assertEquals(single.correct(), result[0].correct());
            assertEquals(single.lossSum(), result[0].lossSum(), 1e-4 * Math.abs(single.lossSum()));
        }
    }

    @Test
    void aSplitIsTheSameOnEveryCallAndAddsToWhatTheArrayHeld() {
        BatchResult[] result = new BatchResult[1];
        float[] first = gradient(3, DATA.count(), result);
        assertArrayEquals(first, gradient(3, DATA.count(), result), "the same thread count, bit for bit");
        Network network = new Network(NET);
        float[] params = network.initialParameters(SEED);
        float[] twice = new float[params.length];
        try (ThreadedBatch batch = new ThreadedBatch(NET, 3)) {
            for (int call = 0; call < 2; call++) {
                batch.trainBatch(params, DATA.pixels(), 0, DATA.labels(), 0, DATA.count(), twice, SEED, 1000);
            }
        }
        for (int i = 0; i < twice.length; i++) {
            assertEquals(2 * first[i], twice[i], 1e-5 * (1 + Math.abs(first[i])), "element " + i);
        }
    }

    @Test
    void fewerSamplesThanThreadsUseFewerThreads() {
        BatchResult[] one = new BatchResult[1];
        BatchResult[] three = new BatchResult[1];
        float[] expected = gradient(1, 2, one);
        float[] got = gradient(3, 2, three);
        assertTrue(relativeDifference(got, expected) <= TOLERANCE);
        assertEquals(2, three[0].count());
    }

    @Test
    void evaluationOverThreadsMatchesOneNetwork() {
        Network network = new Network(NET);
        float[] params = network.initialParameters(SEED);
        BatchResult expected = network.evaluate(params, DATA.pixels(), 0, DATA.labels(), 0, DATA.count());
        try (ThreadedBatch batch = new ThreadedBatch(NET, 2)) {
            BatchResult got = batch.evaluate(params, DATA.pixels(), 0, DATA.labels(), 0, DATA.count());
            assertEquals(expected.correct(), got.correct());
            assertEquals(expected.lossSum(), got.lossSum(), 1e-4 * Math.abs(expected.lossSum()));
        }
    }

    @Test
    void batchNormOverOneTwoAndThreeThreadsGivesTheSingleNetworksGradientSum() {
        Network network = new Network(BN_NET);
        float[] params = network.initialParameters(SEED);
        float[] expected = new float[params.length];
        network.trainBatch(params, DATA.pixels(), 0, DATA.labels(), 0, DATA.count(), expected, SEED, 1000);
        for (int threads : new int[] {1, 2, 3}) {
            float[] got = new float[params.length];
            try (ThreadedBatch batch = new ThreadedBatch(BN_NET, threads)) {
                batch.trainBatch(params, DATA.pixels(), 0, DATA.labels(), 0, DATA.count(), got, SEED, 1000);
            }
            double difference = relativeDifference(got, expected);
            assertTrue(difference <= TOLERANCE, threads + " threads: gradient differs by " + difference);
        }
    }

    @Test
    void batchNormTrainersOnOneTwoAndThreeThreadsFollowTheSameTrajectoryForTwentySteps() {
        OptimizerConfig adam = OptimizerConfig.of("adam", 0.01).withWeightDecay(0.01);
        LocalTrainer reference = new LocalTrainer(BN_NET, adam, SEED);
        reference.fit(DATA, null, 4, 20);
        assertTrue(reference.step() >= 20, "steps: " + reference.step());
        for (int threads : new int[] {2, 3}) {
            LocalTrainer trainer = new LocalTrainer(BN_NET, adam, SEED, threads);
            trainer.fit(DATA, null, 4, 20);
            double difference = relativeDifference(trainer.parameters(), reference.parameters());
            assertTrue(difference <= TOLERANCE, threads + " threads after " + trainer.step() + " steps: " + difference);
        }
    }

    @Test
    void aHelperThreadsFailureInABatchNormNetworkReachesTheCallerInsteadOfAHang() {
        Network network = new Network(BN_NET);
        float[] params = network.initialParameters(SEED);
        int[] labels = DATA.labels().clone();
        labels[90] = 7;
        try (ThreadedBatch batch = new ThreadedBatch(BN_NET, 3)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> batch.trainBatch(params,
                    DATA.pixels(), 0, labels, 0, DATA.count(), new float[params.length], SEED, 0));
            assertTrue(e.getMessage().contains("7"), e.getMessage());
            // The batch is usable again afterwards.
            float[] again = new float[params.length];
            batch.trainBatch(params, DATA.pixels(), 0, DATA.labels(), 0, DATA.count(), again, SEED, 0);
        }
    }

    @Test
    void aHelperThreadsFailureReachesTheCaller() {
        Network network = new Network(NET);
        float[] params = network.initialParameters(SEED);
        int[] labels = DATA.labels().clone();
        labels[90] = 7;
        try (ThreadedBatch batch = new ThreadedBatch(NET, 2)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> batch.trainBatch(params,
                    DATA.pixels(), 0, labels, 0, DATA.count(), new float[params.length], SEED, 0));
            assertTrue(e.getMessage().contains("7"), e.getMessage());
        }
    }

    @Test
    void localTrainersOnOneTwoAndThreeThreadsFollowTheSameTrajectory() {
        OptimizerConfig momentum = OptimizerConfig.of("momentum", 0.05);
        LocalTrainer reference = new LocalTrainer(NET, momentum, SEED);
        reference.fit(DATA, null, 3, 16);
        for (int threads : new int[] {2, 3}) {
            LocalTrainer trainer = new LocalTrainer(NET, momentum, SEED, threads);
            trainer.fit(DATA, null, 3, 16);
            assertEquals(reference.step(), trainer.step());
            double difference = relativeDifference(trainer.parameters(), reference.parameters());
            assertTrue(difference <= TOLERANCE, threads + " threads after " + trainer.step() + " steps: " + difference);
        }
    }

    @Test
    void threadsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new ThreadedBatch(NET, 0));
    }
}
