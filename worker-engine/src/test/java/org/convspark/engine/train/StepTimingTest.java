package org.convspark.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.convspark.engine.spec.ModelZoo;
import org.convspark.engine.model.Network;
import org.junit.jupiter.api.Test;

/** The timing reports the model's size and positive, finite times; nonsense arguments are refused. */
class StepTimingTest {
    @Test
    void timesAStepOfTheModel() {
        StepTiming t = StepTiming.measure(ModelZoo.get("lenet5"), 8, 3);
        assertEquals(new Network(ModelZoo.get("lenet5")).parameterCount(), t.parameters());
        assertTrue(t.secondsPerSample() > 0 && t.secondsPerSample() < 1, "seconds per sample " + t.secondsPerSample());
        assertTrue(t.optimizerSeconds() > 0 && t.optimizerSeconds() < 1, "optimizer " + t.optimizerSeconds());
    }

    @Test
    void needsABatchAndRepeats() {
        assertThrows(IllegalArgumentException.class, () -> StepTiming.measure(ModelZoo.get("lenet5"), 0, 3));
        assertThrows(IllegalArgumentException.class, () -> StepTiming.measure(ModelZoo.get("lenet5"), 8, 0));
    }
}
