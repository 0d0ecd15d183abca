package org.convspark.engine.layers;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link BatchNorm}'s per-plane loops on the Vector API: the sums {@code (sum x, sum x^2)}
 * forward and {@code (sum dy, sum dy * x^)} backward, and the input gradient behind a fused ReLU. Each lane accumulates in float over a block of at most
 * {@link #BLOCK} values (so at most {@code BLOCK / lanes} terms per lane), and every block's lanes
 * are added into the double sums: as accurate as the double scalar loop for planes of these sizes
 * (each float partial sum has at most 64 terms), and about ten times faster. The scalar loops, one
 * double add per value with a four-cycle dependency, took 15% of a ResNet-20 training step.
 *
 * <p>Only loaded when the {@code jdk.incubator.vector} module is present (see
 * {@link DirectConv#available()}).
 */
final class MomentKernels {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** Values per float block before its lanes are added into the double sums. */
    static final int BLOCK = 64 * LANES;

    private MomentKernels() {
    }

    /**
     * Adds {@code sum dy[i]} to {@code sums[first]} and {@code sum dy[i] * h[i]} to {@code sums[second]},
     * {@code i in [from, from + n)}; with {@code h == dy}, the sum and the sum of squares.
     */
    static void addProducts(float[] dy, float[] h, int from, int n, double[] sums, int first, int second) {
        double s1 = 0;
        double s2 = 0;
        int end = from + n;
        for (int block = from; block < end; block += BLOCK) {
            int blockEnd = Math.min(end, block + BLOCK);
            int vectorEnd = block + SPECIES.loopBound(blockEnd - block);
            FloatVector a = FloatVector.zero(SPECIES);
            FloatVector b = FloatVector.zero(SPECIES);
            for (int i = block; i < vectorEnd; i += LANES) {
                FloatVector g = FloatVector.fromArray(SPECIES, dy, i);
                a = a.add(g);
                b = g.fma(FloatVector.fromArray(SPECIES, h, i), b);
            }
            s1 += a.reduceLanes(VectorOperators.ADD);
            s2 += b.reduceLanes(VectorOperators.ADD);
            for (int i = vectorEnd; i < blockEnd; i++) {
                s1 += dy[i];
                s2 += (double) dy[i] * h[i];
            }
        }
        sums[first] += s1;
        sums[second] += s2;
    }

    /**
     * {@link #addProducts} of {@code dy} masked by a fused ReLU: lanes where {@code h * gamma + beta}
     * is not positive count as 0, by the same bit test as {@link Activation}'s (a NaN passes).
     */
    static void addMaskedProducts(float[] dy, float[] h, int from, int n, float gamma, float beta, double[] sums,
                                  int first, int second) {
        double s1 = 0;
        double s2 = 0;
        int end = from + n;
        for (int block = from; block < end; block += BLOCK) {
            int blockEnd = Math.min(end, block + BLOCK);
            int vectorEnd = block + SPECIES.loopBound(blockEnd - block);
            FloatVector a = FloatVector.zero(SPECIES);
            FloatVector b = FloatVector.zero(SPECIES);
            for (int i = block; i < vectorEnd; i += LANES) {
                FloatVector x = FloatVector.fromArray(SPECIES, h, i);
                IntVector bits = x.mul(gamma).add(beta).reinterpretAsInts();
                IntVector keep = bits.neg().and(bits.not()).lanewise(VectorOperators.ASHR, 31);
                FloatVector g = FloatVector.fromArray(SPECIES, dy, i).reinterpretAsInts().and(keep)
                        .reinterpretAsFloats();
                a = a.add(g);
                b = g.fma(x, b);
            }
            s1 += a.reduceLanes(VectorOperators.ADD);
            s2 += b.reduceLanes(VectorOperators.ADD);
            for (int i = vectorEnd; i < blockEnd; i++) {
                float g = BatchNorm.reluGradient(dy[i], h[i], gamma, beta);
                s1 += g;
                s2 += (double) g * h[i];
            }
        }
        sums[first] += s1;
        sums[second] += s2;
    }

    /**
     * {@code dx[i] = scale * (g - meanDy - h[i] * meanDyX)} for {@code i in [from, from + n)},
     * where {@code g} is {@code dy[i]} masked by the fused ReLU as in {@link #addMaskedProducts}:
     * the same operations in the same order as the scalar loop, so the same floats. C2 did not
     * vectorize that loop (its bit test moves floats to ints): batch norm with its ReLU at
     * 128x16x28x28, forward+backward, 1.45-1.97 ms against 2.28-2.65 (alternating runs).
     */
    static void maskedInputGradient(float[] dy, float[] h, int from, int n, float gamma, float beta, float scale,
                                    float meanDy, float meanDyX, float[] dx) {
        int end = from + n;
        int vectorEnd = from + SPECIES.loopBound(n);
        for (int i = from; i < vectorEnd; i += LANES) {
            FloatVector x = FloatVector.fromArray(SPECIES, h, i);
            IntVector bits = x.mul(gamma).add(beta).reinterpretAsInts();
            IntVector keep = bits.neg().and(bits.not()).lanewise(VectorOperators.ASHR, 31);
            FloatVector g = FloatVector.fromArray(SPECIES, dy, i).reinterpretAsInts().and(keep).reinterpretAsFloats();
            g.sub(meanDy).sub(x.mul(meanDyX)).mul(scale).intoArray(dx, i);
        }
        for (int i = vectorEnd; i < end; i++) {
            float g = BatchNorm.reluGradient(dy[i], h[i], gamma, beta);
            dx[i] = scale * (g - meanDy - h[i] * meanDyX);
        }
    }
}
