package org.convspark.engine.layers;

/**
 * A counter-based random source: each number is a pure function of (key, counter), so any
 * sample's draws can be recomputed without replaying a sequence. The mixer is SplitMix64's
 * finaliser (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", 2014),
 * whose avalanche makes consecutive counters independent-looking.
 */
final class CounterRandom {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private CounterRandom() {
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A key for the stream {@code index} under {@code seed}. */
    static long key(long seed, long index) {
        return mix(mix(seed) + index * GOLDEN_GAMMA);
    }

    /**
     * 24 random bits for counter {@code counter} of stream {@code key}: {@code bits * 2^-24} is a
     * uniform number in [0, 1) on a grid of 2^-24.
     */
    static int bits24(long key, long counter) {
        return (int) (mix(key + counter * GOLDEN_GAMMA) >>> 40);
    }
}
