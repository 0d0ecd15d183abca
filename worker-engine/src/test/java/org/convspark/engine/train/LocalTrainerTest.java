package org.convspark.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.convspark.engine.data.LabelledImages;
import org.convspark.engine.spec.ActivationSpec;
import org.convspark.engine.spec.ActivationSpec.Kind;
import org.convspark.engine.layers.BatchResult;
import org.convspark.engine.spec.DropoutSpec;
import org.convspark.engine.spec.FlattenSpec;
import org.convspark.engine.spec.LinearSpec;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.model.Network;
import org.convspark.engine.optim.Optimizer;
import org.convspark.engine.optim.OptimizerConfig;
import org.convspark.engine.optim.Optimizers;
import org.convspark.engine.tensor.Shape;
import org.junit.jupiter.api.Test;

class LocalTrainerTest {
    private static final int CLASSES = 4;
    private static final int SIZE = 16;

    static ModelSpec mlp() {
        return new ModelSpec("mlp", Shape.of(1, 4, 4), List.of(new FlattenSpec(), new LinearSpec(32, true),
                ActivationSpec.of(Kind.RELU), new DropoutSpec(0.1), new LinearSpec(CLASSES, true)));
    }

    /** Four Gaussian blobs in 16 dimensions, centres 3 apart per axis, unit noise: separable with high margin. */
    static LabelledImages blobs(int count, long seed) {
        Random centres = new Random(99);
        float[][] centre = new float[CLASSES][SIZE];
        for (float[] c : centre) {
            for (int i = 0; i < SIZE; i++) {
                c[i] = (float) (1.5 * centres.nextGaussian());
            }
        }
        Random rng = new Random(seed);
        float[] images = new float[count * SIZE];
        int[] labels = new int[count];
        for (int j = 0; j < count; j++) {
            labels[j] = rng.nextInt(CLASSES);
            for (int i = 0; i < SIZE; i++) {
                images[j * SIZE + i] = centre[labels[j]][i] + (float) rng.nextGaussian();
            }
        }
        return new LabelledImages(Shape.of(1, 4, 4), images, labels, CLASSES);
    }

    @Test
    void anMlpLearnsSeparableBlobs() {
        LocalTrainer trainer = new LocalTrainer(mlp(), OptimizerConfig.of("adam", 0.01), 1);
        LabelledImages test = blobs(200, 3);
        BatchResult before = trainer.network().evaluate(trainer.parameters(), test.pixels(), 0, test.labels(), 0, 200);
        assertTrue(before.accuracy() < 0.6, "an untrained net is near chance (0.25), got " + before.accuracy());
        List<EpochStats> history = trainer.fit(blobs(800, 2), test, 4, 32);
        assertEquals(4, history.size());
        assertEquals(25, history.get(0).steps());
        assertEquals(100, trainer.step());
        EpochStats first = history.get(0);
        EpochStats last = history.get(3);
        assertTrue(last.train().meanLoss() < 0.5 * first.train().meanLoss(), history.toString());
        assertTrue(last.test().accuracy() >= 0.95, history.toString());
        assertEquals(200, last.test().count());
    }

    @Test
    void sameSeedSameParametersOtherSeedOthers() {
        LabelledImages data = blobs(100, 4);
        float[] a = train(7, data);
        assertArrayEquals(a, train(7, data));
        assertFalse(Arrays.equals(a, train(8, data)));
    }

    private static float[] train(long seed, LabelledImages data) {
        LocalTrainer trainer = new LocalTrainer(mlp(), OptimizerConfig.of("momentum", 0.05), seed);
        trainer.fit(data, null, 2, 16);
        return trainer.parameters();
    }

    @Test
    void fitIsTheDocumentedSequenceOfSteps() {
        LabelledImages data = blobs(37, 5);
        long seed = 11;
        LocalTrainer trainer = new LocalTrainer(mlp(), OptimizerConfig.of("adamw", 0.01), seed);
        List<EpochStats> history = trainer.fit(data, null, 2, 10);
        assertEquals(4, history.get(1).steps(), "37 samples in batches of 10: the last batch has 7");

        Network network = new Network(mlp());
        Optimizer optimizer = Optimizers.create(OptimizerConfig.of("adamw", 0.01));
        float[] params = network.initialParameters(seed);
        long step = 0;
        for (int epoch = 0; epoch < 2; epoch++) {
            int[] order = EpochOrder.permutation(seed, epoch, 37);
            for (int start = 0; start < 37; start += 10, step++) {
                int n = Math.min(10, 37 - start);
                float[] images = new float[n * SIZE];
                int[] labels = new int[n];
                for (int k = 0; k < n; k++) {
                    System.arraycopy(data.pixels(), order[start + k] * SIZE, images, k * SIZE, SIZE);
                    labels[k] = data.labels()[order[start + k]];
                }
                float[] grad = new float[params.length];
                network.trainBatch(params, images, 0, labels, 0, n, grad, seed, step * 10);
                for (int i = 0; i < grad.length; i++) {
                    grad[i] *= 1f / n;
                }
                optimizer.step(params, grad, step);
            }
        }
        assertArrayEquals(params, trainer.parameters());
    }

    @Test
    void epochOrderIsAPermutationDependingOnSeedAndEpoch() {
        int[] order = EpochOrder.permutation(3, 0, 50);
        int[] sorted = order.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 50; i++) {
            assertEquals(i, sorted[i]);
        }
        assertArrayEquals(order, EpochOrder.permutation(3, 0, 50));
        assertFalse(Arrays.equals(order, EpochOrder.permutation(3, 1, 50)));
        assertFalse(Arrays.equals(order, EpochOrder.permutation(4, 0, 50)));
    }

    @Test
    void trainingResultsAreSumsOverTheEpoch() {
        LocalTrainer trainer = new LocalTrainer(mlp(), OptimizerConfig.of("sgd", 0.1), 1);
        BatchResult seen = trainer.fit(blobs(45, 6), null, 1, 20).get(0).train();
        assertEquals(45, seen.count());
        assertTrue(seen.lossSum() > 0 && seen.correct() <= 45);
    }

    @Test
    void badArgumentsAreNamed() {
        LocalTrainer trainer = new LocalTrainer(mlp(), OptimizerConfig.of("sgd", 0.1), 1);
        LabelledImages data = blobs(10, 1);
        assertMessage("training data: samples of shape 16, but model mlp takes 1x4x4",
                () -> trainer.fit(new LabelledImages(Shape.of(16), new float[48], new int[3], CLASSES), null, 1, 2));
        assertMessage("test data: samples of shape 1x4x3", () -> trainer.fit(data,
                new LabelledImages(Shape.of(1, 4, 3), new float[12], new int[1], CLASSES), 1, 2));
        assertMessage("global batch must be >= 1", () -> trainer.fit(data, null, 1, 0));
        assertMessage("epochs must be >= 0", () -> trainer.fit(data, null, -1, 4));
        assertMessage("training data is empty", () -> trainer.fit(
                new LabelledImages(Shape.of(1, 4, 4), new float[0], new int[0], CLASSES), null, 1, 4));
    }

    private static void assertMessage(String fragment, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().contains(fragment), "expected \"" + fragment + "\" in: " + e.getMessage());
    }
}
