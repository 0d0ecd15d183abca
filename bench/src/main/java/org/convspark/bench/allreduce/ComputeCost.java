package org.convspark.bench.allreduce;

import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.spec.ModelSpecJson;
import org.convspark.engine.spec.ModelZoo;
import org.convspark.engine.train.StepTiming;

/**
 * The compute side of the cost model for a named model ({@link StepTiming}, measured on this
 * machine on one thread): seconds per training sample and of the optimizer step.
 */
record ComputeCost(String model, StepTiming timing) {

    /**
     * A VGG-11 for 3x32x32 with a 4096-wide head: 11.4 million parameters, the size of ResNet-18
     * (11.2 million), which the engine cannot build yet (no residual connections): the third model
     * of the projection, for its parameter count and its compute per sample.
     */
    static final ModelSpec VGG11_SIZE = ModelSpecJson.parse("""
            {"name": "vgg11-cifar", "input": [3, 32, 32], "layers": [
             {"type": "conv", "out_channels": 64, "kernel": 3, "padding": "same"}, {"type": "relu"},
             {"type": "maxpool", "kernel": 2},
             {"type": "conv", "out_channels": 128, "kernel": 3, "padding": "same"}, {"type": "relu"},
             {"type": "maxpool", "kernel": 2},
             {"type": "conv", "out_channels": 256, "kernel": 3, "padding": "same"}, {"type": "relu"},
             {"type": "conv", "out_channels": 256, "kernel": 3, "padding": "same"}, {"type": "relu"},
             {"type": "maxpool", "kernel": 2},
             {"type": "conv", "out_channels": 512, "kernel": 3, "padding": "same"}, {"type": "relu"},
             {"type": "conv", "out_channels": 512, "kernel": 3, "padding": "same"}, {"type": "relu"},
             {"type": "maxpool", "kernel": 2},
             {"type": "conv", "out_channels": 512, "kernel": 3, "padding": "same"}, {"type": "relu"},
             {"type": "conv", "out_channels": 512, "kernel": 3, "padding": "same"}, {"type": "relu"},
             {"type": "maxpool", "kernel": 2},
             {"type": "flatten"},
             {"type": "linear", "out_features": 4096}, {"type": "relu"},
             {"type": "linear", "out_features": 10}]}""", "vgg11-cifar.json");

    static ModelSpec spec(String name) {
        return name.equals("vgg11-cifar") ? VGG11_SIZE : ModelZoo.get(name);
    }

    /** {@link StepTiming} of the named model, a batch of {@code batch} samples {@code repeats} times. */
    static ComputeCost measure(String name, int batch, int repeats) {
        return new ComputeCost(name, StepTiming.measure(spec(name), batch, repeats));
    }
}
