package org.convspark.engine.layers;

import java.util.Random;

/**
 * PyTorch's default initialisation of conv and linear layers: {@code kaiming_uniform(a = sqrt 5)}
 * for the weights, which works out to {@code U(-1/sqrt(fan_in), 1/sqrt(fan_in))}, and the same
 * bound for the biases; so a model initialised here trains like its PyTorch twin.
 */
final class FanInUniform {
    private FanInUniform() {
    }

    static void fill(float[] params, int offset, int count, int fanIn, Random rng) {
        double bound = 1 / Math.sqrt(fanIn);
        for (int i = 0; i < count; i++) {
            params[offset + i] = (float) ((2 * rng.nextDouble() - 1) * bound);
        }
    }
}
