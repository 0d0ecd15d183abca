package org.convspark.driver.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.convspark.driver.AllReduce;
import org.convspark.driver.TrainerConfig;
import org.convspark.engine.UserInputException;
import org.convspark.engine.json.JsonObject;
import org.junit.jupiter.api.Test;

class TrainingSettingsTest {
    private static String error(Map<TrainingOption<?>, ?> given, Surface surface) {
        return assertThrows(UserInputException.class, () -> TrainingSettings.of(given, surface)).getMessage();
    }

    @Test
    void everyOptionHasOneNameEachSurfaceDerives() {
        Set<String> names = new HashSet<>();
        for (TrainingOption<?> o : TrainingOptions.ALL) {
            assertTrue(names.add(o.name()), "declared twice: " + o);
            assertTrue(o.name().matches("[a-z][A-Za-z]*"), o.name());
            assertFalse(o.doc().isBlank(), o.name());
            assertFalse(o.defaultText() == null || o.defaultText().isBlank(), o.name());
            assertEquals(o, TrainingOptions.named(o.name()));
        }
        assertEquals("--threads-per-task", TrainingOptions.THREADS_PER_TASK.cliName());
        assertEquals("threads_per_task", TrainingOptions.THREADS_PER_TASK.jsonName());
        assertEquals("threadsPerTask", Surface.SPARK_ML.spell(TrainingOptions.THREADS_PER_TASK));
        assertNull(TrainingOptions.named("learningRate"));
    }

    @Test
    void theDefaultsAreTheTunedOnes() {
        TrainingSettings d = TrainingSettings.of(Map.of(), Surface.CLI);
        TrainerConfig c = d.trainerConfig(8000);
        assertEquals(12, c.epochs());
        assertEquals(128, c.batchSize());
        assertEquals("adam", c.optimizer().name());
        assertEquals(0.004, c.optimizer().lr());
        assertEquals("cosine", c.optimizer().schedule().kind());
        assertEquals(12 * 63, c.optimizer().schedule().totalSteps());
        assertEquals(0.0, c.optimizer().clipNorm());
        assertEquals(AllReduce.AUTO, c.allReduce());
        assertNull(d.partitions());
        assertEquals(0.05, TrainingSettings.of(Map.of(TrainingOptions.OPTIMIZER, "sgd"), Surface.CLI).lr());
    }

    @Test
    void eachSurfaceNamesTheOptionItsWay() {
        assertEquals("--batch-size 0: must be >= 1", error(Map.of(TrainingOptions.BATCH_SIZE, 0), Surface.CLI));
        assertEquals("batchSize 0: must be >= 1", error(Map.of(TrainingOptions.BATCH_SIZE, 0), Surface.SPARK_ML));
        assertEquals("syncEvery 4 (local steps) and allReduce barrier (exact synchronous steps) exclude each "
                + "other; choose one", error(Map.of(TrainingOptions.SYNC_EVERY, 4, TrainingOptions.ALL_REDUCE,
                "barrier"), Surface.SPARK_ML));
        assertEquals("resume needs checkpointDir", error(Map.of(TrainingOptions.RESUME, true), Surface.SPARK_ML));
        assertEquals("momentum applies to the momentum and nesterov optimizers, not adam",
                error(Map.of(TrainingOptions.MOMENTUM, 0.5), Surface.SPARK_ML));
        assertEquals("--clip-norm -1.0: must be >= 0", error(Map.of(TrainingOptions.CLIP_NORM, -1.0), Surface.CLI));
    }

    @Test
    void metricsRecordEveryOptionWithAValueUnderItsJsonName() {
        JsonObject json = TrainingSettings.of(Map.of(TrainingOptions.CLIP_NORM, 2.5,
                TrainingOptions.CHECKPOINT_DIR, "ckpt"), Surface.CLI).toJson().build();
        for (TrainingOption<?> o : TrainingOptions.ALL) {
            assertEquals(o != TrainingOptions.PARTITIONS, json.keys().contains(o.jsonName()), o.jsonName());
        }
        assertEquals(2.5, json.get("clip_norm").asDouble());
        assertEquals(0.004, json.get("lr").asDouble());
        assertEquals("cosine:0.0", json.get("schedule").asString());
    }
}
