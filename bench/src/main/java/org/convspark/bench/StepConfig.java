package org.convspark.bench;

import java.util.Random;
import org.convspark.engine.data.EmbeddedMnist;
import org.convspark.engine.data.LabelledImages;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.spec.ModelZoo;
import org.convspark.engine.tensor.Shape;

/**
 * One training-step configuration of {@link TrainStepBenchmark}, written {@code model:batch:threads}
 * (one JMH parameter, since JMH runs every combination of separate ones). Models: {@code lenet5}
 * and {@code resnet20-28} on the embedded MNIST (1x28x28, Fashion-MNIST's shape), {@code
 * resnet20-32} at the zoo's CIFAR shape, 3x32x32, on random images (no CIFAR is embedded, and the
 * pixels do not change the work). The ResNets have a PyTorch counterpart ({@code bench/resnet/resnet.py
 * step}, on random data of the same shape).
 */
record StepConfig(String model, int batch, int threads) {
    private static final int RANDOM_SAMPLES = 1024;

    /** Parses {@code model:batch:threads}. */
    static StepConfig parse(String text) {
        String[] f = text.split(":");
        if (f.length != 3) {
            throw new IllegalArgumentException("a training-step config is model:batch:threads, got " + text);
        }
        StepConfig c = new StepConfig(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]));
        c.input(); // rejects unknown models
        return c;
    }

    /** The per-sample input shape, written {@code CxHxW} as resnet.py's {@code --input} takes it. */
    String input() {
        return switch (model) {
            case "lenet5", "resnet20-28" -> "1x28x28";
            case "resnet20-32" -> "3x32x32";
            default -> throw new IllegalArgumentException("unknown model " + model
                    + " (lenet5, resnet20-28, resnet20-32)");
        };
    }

    boolean resnet() {
        return model.startsWith("resnet20");
    }

    ModelSpec spec() {
        return resnet() ? ModelZoo.get("resnet20").withInput(shape()) : ModelZoo.get(model);
    }

    LabelledImages data() {
        if (!model.equals("resnet20-32")) {
            return EmbeddedMnist.train();
        }
        Random rng = new Random(1);
        float[] pixels = new float[RANDOM_SAMPLES * shape().size()];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = rng.nextFloat();
        }
        int[] labels = rng.ints(RANDOM_SAMPLES, 0, 10).toArray();
        return new LabelledImages(shape(), pixels, labels, 10);
    }

    /** The {@code --shapes} line ({@code step CONFIG CxHxW batch threads}) for resnet.py, or null for LeNet-5. */
    String pytorchLine() {
        return resnet() ? String.join(" ", "step", toString(), input(), Integer.toString(batch),
                Integer.toString(threads)) : null;
    }

    @Override
    public String toString() {
        return model + ":" + batch + ":" + threads;
    }

    private Shape shape() {
        String[] d = input().split("x");
        return Shape.of(Integer.parseInt(d[0]), Integer.parseInt(d[1]), Integer.parseInt(d[2]));
    }
}
