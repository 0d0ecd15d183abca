package org.convspark.engine.optim;

import static org.convspark.engine.optim.OptimizerTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;

class OptimizersTest {
    @Test
    void eachNameBuildsItsOptimizerWithPyTorchsDefaults() {
        assertInstanceOf(Sgd.class, Optimizers.create(OptimizerConfig.of("sgd", 0.1)));
        assertEquals("Momentum(lr=constant(0.1), momentum=0.9, weightDecay=0.0, clipNorm=off)",
                Optimizers.create(OptimizerConfig.of("momentum", 0.1)).toString());
        assertInstanceOf(Nesterov.class, Optimizers.create(OptimizerConfig.of("nesterov", 0.1)));
        assertEquals("Adam(lr=constant(0.001), beta1=0.9, beta2=0.999, eps=1.0E-8, weightDecay=0.0, clipNorm=off)",
                Optimizers.create(OptimizerConfig.of("adam", 0.001)).toString());
        assertEquals("AdamW(lr=constant(0.001), beta1=0.9, beta2=0.999, eps=1.0E-8, weightDecay=0.01, clipNorm=off)",
                Optimizers.create(OptimizerConfig.of("adamw", 0.001)).toString());
    }

    @Test
    void everyFieldReachesTheOptimizer() {
        OptimizerConfig c = OptimizerConfig.of("adam", 0.01).withBetas(0.8, 0.9).withEps(1e-4).withWeightDecay(0.1)
                .withClipNorm(3).withSchedule(ScheduleConfig.cosine(50, 0.001).withWarmup(5));
        assertEquals("Adam(lr=warmup(5 steps, cosine(0.01 -> 0.001 over 50 steps)), beta1=0.8, beta2=0.9, eps=1.0E-4,"
                + " weightDecay=0.1, clipNorm=3.0)", Optimizers.create(c).toString());
        assertEquals("Nesterov(lr=step(0.1, gamma=0.5 every 10 steps), momentum=0.5, weightDecay=0.0, clipNorm=off)",
                Optimizers.create(OptimizerConfig.of("nesterov", 0.1).withMomentum(0.5)
                        .withSchedule(ScheduleConfig.step(10, 0.5))).toString());
    }

    @Test
    void aConfiguredOptimizerStepsLikeOneBuiltByHand() {
        OptimizerConfig c = OptimizerConfig.of("momentum", 0.1).withWeightDecay(0.01);
        float[] a = {1f, -2f};
        float[] b = a.clone();
        float[] g = {0.5f, 0.25f};
        Optimizer configured = Optimizers.create(c);
        Optimizer byHand = new Momentum(LearningRateSchedule.constant(0.1), 0.9, 0.01, 0);
        for (int t = 0; t < 3; t++) {
            configured.step(a, g, t);
            byHand.step(b, g, t);
        }
        assertArrayEquals(b, a);
    }

    @Test
    void badFieldsAreNamed() {
        assertMessage("optimizer must be one of [sgd, momentum, nesterov, adam, adamw], got rmsprop",
                () -> OptimizerConfig.of("rmsprop", 0.1));
        assertMessage("lr must be a finite number > 0, got -1.0", () -> OptimizerConfig.of("sgd", -1));
        assertMessage("lr must be a finite number > 0, got NaN", () -> OptimizerConfig.of("sgd", Double.NaN));
        assertMessage("momentum must be in [0, 1), got 1.0", () -> OptimizerConfig.of("momentum", 0.1).withMomentum(1));
        assertMessage("nesterov needs momentum > 0", () -> OptimizerConfig.of("nesterov", 0.1).withMomentum(0));
        assertMessage("weight_decay must be a finite number >= 0", () -> OptimizerConfig.of("sgd", 0.1)
                .withWeightDecay(-0.1));
        assertMessage("beta2 must be in [0, 1), got 1.5", () -> OptimizerConfig.of("adam", 0.1).withBetas(0.9, 1.5));
        assertMessage("eps must be a finite number > 0", () -> OptimizerConfig.of("adam", 0.1).withEps(0));
        assertMessage("clip_norm must be a finite number >= 0", () -> OptimizerConfig.of("sgd", 0.1).withClipNorm(-1));
        assertMessage("floor 0.5 must not exceed lr 0.1", () -> OptimizerConfig.of("sgd", 0.1)
                .withSchedule(ScheduleConfig.cosine(10, 0.5)));
        assertMessage("schedule must be one of [constant, step, cosine], got linear",
                () -> new ScheduleConfig("linear", 0, 0, 0, 0, 0));
        assertMessage("warmup_steps must be >= 0", () -> ScheduleConfig.constant().withWarmup(-1));
        assertMessage("schedule must be given", () -> OptimizerConfig.of("sgd", 0.1).withSchedule(null));
    }
}
