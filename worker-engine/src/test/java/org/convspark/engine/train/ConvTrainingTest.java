package org.convspark.engine.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.convspark.engine.data.LabelledImages;
import org.convspark.engine.spec.ModelSpecJson;
import org.convspark.engine.optim.OptimizerConfig;
import org.convspark.engine.tensor.Shape;
import org.junit.jupiter.api.Test;

/** A small conv net learns to tell bar orientations apart wherever the bar is: what convolution is for. */
class ConvTrainingTest {
    private static final int SIDE = 8;
    private static final String BARS_NET = "{\"name\": \"bars\", \"input\": [1, 8, 8], \"layers\": ["
            + "{\"type\": \"conv\", \"out_channels\": 6, \"kernel\": 3, \"padding\": 1}, {\"type\": \"relu\"},"
            + "{\"type\": \"maxpool\", \"kernel\": 2},"
            + "{\"type\": \"conv\", \"out_channels\": 8, \"kernel\": 3}, {\"type\": \"relu\"},"
            + "{\"type\": \"globalavgpool\"},"
            + "{\"type\": \"linear\", \"out_features\": 3}]}";

    /** Class 0: a horizontal bar, 1: a vertical bar, 2: a diagonal one; random place, length 5, noise 0.3. */
    static LabelledImages bars(int count, long seed) {
        Random rng = new Random(seed);
        float[] images = new float[count * SIDE * SIDE];
        int[] labels = new int[count];
        for (int j = 0; j < count; j++) {
            int base = j * SIDE * SIDE;
            for (int i = 0; i < SIDE * SIDE; i++) {
                images[base + i] = (float) (0.3 * rng.nextGaussian());
            }
            int label = rng.nextInt(3);
            labels[j] = label;
            int r = rng.nextInt(SIDE - 4);
            int c = rng.nextInt(SIDE - 4);
            for (int k = 0; k < 5; k++) {
                int row = label == 1 ? r + k : r + (label == 2 ? k : 0);
                int col = label == 0 ? c + k : c + (label == 2 ? k : 0);
                images[base + row * SIDE + col] += 1f;
            }
        }
        return new LabelledImages(Shape.of(1, SIDE, SIDE), images, labels, 3);
    }

    @Test
    void aConvNetLearnsBarOrientation() {
        LocalTrainer trainer = new LocalTrainer(ModelSpecJson.parse(BARS_NET, "bars.json"),
                OptimizerConfig.of("adam", 0.01), 3);
        List<EpochStats> history = trainer.fit(bars(600, 1), bars(300, 2), 8, 32);
        EpochStats first = history.get(0);
        EpochStats last = history.get(history.size() - 1);
        assertTrue(last.train().meanLoss() < 0.5 * first.train().meanLoss(), history.toString());
        assertTrue(last.test().accuracy() >= 0.95, history.toString());
    }
}
