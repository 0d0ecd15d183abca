package org.convspark.engine.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each optimizer against values worked out from PyTorch's update formulas (in double, by hand
 * script) for three steps from {@code p = [1, -2, 0.5]} with the gradients {@link #GRADIENTS}.
 */
class OptimizerTest {
    private static final float[] START = {1f, -2f, 0.5f};
    private static final float[][] GRADIENTS = {{0.5f, -0.25f, 0f}, {0.1f, 0.3f, -0.2f}, {-0.4f, 0.05f, 0.6f}};

    static Stream<Arguments> handComputed() {
        LearningRateSchedule lr01 = LearningRateSchedule.constant(0.1);
        LearningRateSchedule lr001 = LearningRateSchedule.constant(0.01);
        return Stream.of(
                Arguments.of(new Sgd(lr01, 0.01, 0), new double[][] {
                    {0.949, -1.973, 0.4995},
                    {0.938051, -2.001027, 0.5190005},
                    {0.977112949, -2.00402597, 0.458481499}}),
                Arguments.of(new Momentum(lr01, 0.9, 0.01, 0), new double[][] {
                    {0.949, -1.973, 0.4995},
                    {0.892151, -1.976727, 0.5185505},
                    {0.880094749, -1.98310457, 0.4751774}}),
                Arguments.of(new Nesterov(lr01, 0.9, 0.01, 0), new double[][] {
                    {0.9031, -1.9487, 0.49905},
                    {0.84107411, -1.98012747, 0.535696805},
                    {0.869465558, -1.98890378, 0.436110251}}),
                Arguments.of(new Adam(lr001, 0.9, 0.999, 1e-8, 0.01, 0), new double[][] {
                    {0.99, -1.99, 0.49000002},
                    {0.981881612, -1.99070979, 0.497267368},
                    {0.980686251, -1.99174985, 0.492911426}}),
                Arguments.of(new AdamW(lr001, 0.9, 0.999, 1e-8, 0.1, 0), new double[][] {
                    {0.989, -1.988, 0.4995},
                    {0.979980591, -1.98744145, 0.506441868},
                    {0.978063616, -1.98736187, 0.501692991}}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("handComputed")
    void threeStepsMatchPyTorchsFormulas(Optimizer optimizer, double[][] expected) {
        float[] p = START.clone();
        for (int t = 0; t < 3; t++) {
            float[] g = GRADIENTS[t].clone();
            optimizer.step(p, g, t);
            assertArrayEquals(GRADIENTS[t], g, "the gradient is not modified");
            for (int i = 0; i < p.length; i++) {
                assertEquals(expected[t][i], p[i], 1e-6, "step " + t + ", parameter " + i);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("handComputed")
    void stateRoundTripContinuesExactly(Optimizer optimizer, double[][] unused) {
        Random rng = new Random(1);
        float[] p = new float[50];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) rng.nextGaussian();
        }
        float[][] gradients = new float[6][p.length];
        for (float[] g : gradients) {
            for (int i = 0; i < g.length; i++) {
                g[i] = (float) rng.nextGaussian();
            }
        }
        for (int t = 0; t < 3; t++) {
            optimizer.step(p, gradients[t], t);
        }
        Optimizer resumed = optimizer.copy();
        for (float[] s : resumed.state()) {
            assertEquals(0, s.length, "a copy starts with fresh state");
        }
        resumed.restoreState(optimizer.state());
        float[] q = p.clone();
        for (int t = 3; t < 6; t++) {
            optimizer.step(p, gradients[t], t);
            resumed.step(q, gradients[t], t);
        }
        assertArrayEquals(p, q);
    }

    @Test
    void stateIsValidated() {
        Adam adam = new Adam(LearningRateSchedule.constant(0.1), 0.9, 0.999, 1e-8, 0, 0);
        assertMessage("Adam has 2 state arrays, got 1", () -> adam.restoreState(new float[1][3]));
        assertMessage("state array 1 has length 2, array 0 has 3",
                () -> adam.restoreState(new float[][] {new float[3], new float[2]}));
        adam.restoreState(new float[2][3]);
        assertMessage("state holds 3 parameters, this step has 4", () -> adam.step(new float[4], new float[4], 0));
        assertMessage("gradient has length 2, params 4", () -> adam.step(new float[4], new float[2], 0));
        assertMessage("step must be >= 0", () -> adam.step(new float[3], new float[3], -1));
    }

    @Test
    void clippingScalesByTheGlobalNormAndLeavesTheGradientAlone() {
        float[] g = {3f, 4f};
        Sgd clipped = new Sgd(LearningRateSchedule.constant(1), 0, 1);
        float[] p = new float[2];
        clipped.step(p, g, 0);
        assertEquals(-0.6f, p[0], 1e-6);
        assertEquals(-0.8f, p[1], 1e-6);
        assertArrayEquals(new float[] {3f, 4f}, g);
        Sgd loose = new Sgd(LearningRateSchedule.constant(1), 0, 10);
        float[] q = new float[2];
        loose.step(q, g, 0);
        assertArrayEquals(new float[] {-3f, -4f}, q);
        assertEquals(5, GradientClipping.norm(g), 1e-12);
        assertEquals(1, GradientClipping.scale(g, 0));
    }

    @Test
    void theLearningRateFollowsTheScheduleAtEachStep() {
        Sgd sgd = new Sgd(LearningRateSchedule.step(0.1, 0.5, 2), 0, 0);
        float[] p = {0f};
        float[] one = {1f};
        double[] expected = {-0.1, -0.2, -0.25, -0.3, -0.325};
        for (int t = 0; t < expected.length; t++) {
            sgd.step(p, one, t);
            assertEquals(expected[t], p[0], 1e-6, "after step " + t);
        }
    }

    @Test
    void toStringPrintsTheHyperParameters() {
        String adam = new Adam(LearningRateSchedule.cosine(0.01, 0, 100), 0.9, 0.98, 1e-6, 0.001, 2).toString();
        assertEquals("Adam(lr=cosine(0.01 -> 0.0 over 100 steps), beta1=0.9, beta2=0.98, eps=1.0E-6,"
                + " weightDecay=0.001, clipNorm=2.0)", adam);
        assertEquals("Nesterov(lr=warmup(5 steps, constant(0.1)), momentum=0.8, weightDecay=0.0, clipNorm=off)",
                new Nesterov(LearningRateSchedule.warmup(LearningRateSchedule.constant(0.1), 5), 0.8, 0, 0)
                        .toString());
        assertTrue(new AdamW(LearningRateSchedule.constant(1e-3), 0.9, 0.999, 1e-8, 0.01, 0).toString()
                .startsWith("AdamW(lr=constant(0.001), beta1=0.9"));
    }

    static void assertMessage(String fragment, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().contains(fragment), "expected \"" + fragment + "\" in: " + e.getMessage());
    }
}
