package org.convspark.driver;

import java.util.SplittableRandom;
import org.convspark.engine.data.LabelledImages;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.spec.ModelSpecJson;
import org.convspark.engine.tensor.Shape;

/** Learnable synthetic images and the small networks the driver tests train. */
public final class TestData {
    private TestData() {
    }

    /**
     * {@code n} images of {@code 1 x side x side}: class {@code c} lights a horizontal band at a
     * class-specific height, plus uniform noise, so a small net learns it within a few steps.
     */
    public static LabelledImages bands(int n, int side, int classes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] pixels = new float[n * side * side];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int label = random.nextInt(classes);
            labels[i] = label;
            int row = label * side / classes;
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    float noise = (float) random.nextDouble() * 0.5f;
                    pixels[i * side * side + y * side + x] = (y == row ? 1f : 0f) + noise;
                }
            }
        }
        return new LabelledImages(Shape.of(1, side, side), pixels, labels, classes);
    }

    /** A small conv net for 1x8x8 inputs and 3 classes, with dropout so masks are part of the check. */
    public static ModelSpec smallConvNet() {
        return ModelSpecJson.parse(String.format(SMALL_CONV, "small-conv", "{\"type\": \"dropout\", \"p\": 0.2},"),
                "small-conv.json");
    }

    /** The same net without dropout: any order of a batch's samples gives the same gradient sum. */
    static ModelSpec smallConvNetWithoutDropout() {
        return ModelSpecJson.parse(String.format(SMALL_CONV, "small-conv-no-dropout", ""), "small-conv.json");
    }

    private static final String SMALL_CONV = """
            {"name": "%s", "input": [1, 8, 8], "layers": [
              {"type": "conv", "out_channels": 4, "kernel": 3, "padding": 1},
              {"type": "relu"},
              {"type": "maxpool", "kernel": 2},
              {"type": "flatten"},
              %s
              {"type": "linear", "out_features": 3}]}
            """;
}
