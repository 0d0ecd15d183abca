package org.convspark.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.convspark.driver.MemoryBudget.Limits;
import org.convspark.driver.data.ShardedDataset;
import org.convspark.engine.UserInputException;
import org.convspark.engine.data.LabelledImages;
import org.convspark.engine.optim.OptimizerConfig;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.spec.ModelSpecJson;
import org.convspark.engine.spec.ModelZoo;
import org.convspark.engine.tensor.Shape;
import org.junit.jupiter.api.Test;

class MemoryBudgetTest {
    private static final long GIB = 1L << 30;
    /** 512 channels of 1024x1024 per sample: 2 GiB of activations for one image. */
    private static final ModelSpec HUGE_CONV = ModelSpecJson.parse("{\"name\": \"huge-conv\", \"input\": [3, 1024, 1024],"
            + " \"layers\": [{\"type\": \"conv\", \"out_channels\": 512, \"kernel\": 3, \"padding\": 1},"
            + " {\"type\": \"relu\"}, {\"type\": \"globalavgpool\"}, {\"type\": \"linear\", \"out_features\": 10}]}",
            "huge-conv.json");
    /** 10,000 inputs to 20,000 outputs: 200 million parameters, 800 MB per parameter-sized array. */
    private static final ModelSpec WIDE = ModelSpecJson.parse("{\"name\": \"wide\", \"input\": [1, 100, 100],"
            + " \"layers\": [{\"type\": \"flatten\"}, {\"type\": \"linear\", \"out_features\": 20000}]}", "wide.json");

    private static TrainerConfig config(int batch, String optimizer) {
        return TrainerConfig.builder().batchSize(batch).optimizer(OptimizerConfig.of(optimizer, 0.01)).build();
    }

    @Test
    void aConvWorkspaceLargerThanAnExecutorIsRefusedWithItsSizes() {
        Limits cluster = new Limits(4 * GIB, GIB, 1, false, 1);
        UserInputException e = assertThrows(UserInputException.class,
                () -> MemoryBudget.check(HUGE_CONV, config(32, "sgd"), 2, 1000, cluster));
        String m = e.getMessage();
        assertTrue(m.startsWith("model huge-conv does not fit an executor: each task needs "), m);
        // one sample at a time: the conv output and relu buffers alone are 2 GiB each
        assertTrue(m.contains("for 1 sample(s) at a time"), m);
        // im2col: 28 x 1024x1024 columns (112 MiB) are too many to keep: tiles of 2 x 256 Ki floats
        assertTrue(m.contains("im2col 2.0 MiB, largest 2.0 MiB in layer 0"), m);
        assertTrue(m.contains("but spark.executor.memory 1.0 GiB leaves 724.0 MiB after Spark's 300 MiB"), m);
        assertTrue(m.contains("raise spark.executor.memory, lower spark.executor.cores, or use a smaller batch size "
                + "or more partitions"), m);
        assertEquals(-1, m.indexOf('\n'));
    }

    @Test
    void everyEngineThreadOfATaskCountsWithItsOwnNetwork() {
        Limits oneThread = new Limits(4 * GIB, 12 * GIB, 1, false, 1);
        Limits fourThreads = new Limits(4 * GIB, 12 * GIB, 1, false, 4);
        // 64 samples per task: 4 threads hold 4 networks of 16 samples each, and 4 gradient sums
        MemoryBudget.check(HUGE_CONV, config(128, "sgd"), 2, 100, oneThread);
        UserInputException e = assertThrows(UserInputException.class,
                () -> MemoryBudget.check(HUGE_CONV, config(128, "sgd"), 2, 100, fourThreads));
        assertTrue(e.getMessage().contains("(4 engine threads, each: gradient "), e.getMessage());
        assertTrue(e.getMessage().contains("input 16 samples"), e.getMessage());
    }

    @Test
    void leNetFitsTheSmallestExecutorAndTheDriver() {
        MemoryBudget.check(ModelZoo.get("lenet5"), config(256, "adam"), 2, 60_000, new Limits(GIB, GIB, 1, false, 1));
        MemoryBudget.check(ModelZoo.get("lenet5"), config(256, "adam"), 2, 60_000, new Limits(GIB, GIB, 2, true, 1));
    }

    @Test
    void parametersLargerThanTheDriverAreRefusedNamingTheDriverSetting() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> MemoryBudget.check(WIDE, config(32, "adam"), 4, 1000, new Limits(2 * GIB, 64 * GIB, 1, false, 1)));
        assertTrue(e.getMessage().startsWith("model wide does not fit the driver: it needs about 6.0 GiB (200020000 "
                + "parameters x 4 bytes x 8 arrays"), e.getMessage());
        assertTrue(e.getMessage().endsWith("raise spark.driver.memory (--driver-memory)"), e.getMessage());
        MemoryBudget.check(WIDE, config(32, "adam"), 4, 1000, new Limits(8 * GIB, 64 * GIB, 1, false, 1));
    }

    @Test
    void inLocalModeTheHugeModelIsRefusedBeforeAnySparkJob() throws Exception {
        JavaSparkContext sc = SparkTestSupport.context(SparkTestSupport.local());
        ShardedDataset data = ShardedDataset.fromArrays(sc,
                new LabelledImages(Shape.of(3, 1024, 1024), new float[2 * 3 * 1024 * 1024], new int[2], 10), 2);
        AtomicInteger jobs = new AtomicInteger();
        SparkListener listener = new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart start) {
                jobs.incrementAndGet();
            }
        };
        sc.sc().addSparkListener(listener);
        try {
            UserInputException e = assertThrows(UserInputException.class,
                    () -> new DistributedTrainer(sc, HUGE_CONV, config(2, "sgd")).withLog(line -> { }).fit(data));
            assertTrue(e.getMessage().startsWith("model huge-conv does not fit the driver JVM, which runs the tasks in "
                    + "local mode"), e.getMessage());
            assertTrue(e.getMessage().contains("raise spark.driver.memory"), e.getMessage());
            sc.sc().listenerBus().waitUntilEmpty();
            assertEquals(0, jobs.get(), "no Spark job ran");
        } finally {
            sc.sc().removeSparkListener(listener);
            data.release();
        }
    }

    @Test
    void sizesReadAsPeopleWriteThem() {
        assertEquals("512 B", MemoryBudget.size(512));
        assertEquals("1.5 KiB", MemoryBudget.size(1536));
        assertEquals("724.0 MiB", MemoryBudget.size(GIB - (300L << 20)));
        assertEquals("8.0 EiB", MemoryBudget.size(Long.MAX_VALUE));
    }
}
