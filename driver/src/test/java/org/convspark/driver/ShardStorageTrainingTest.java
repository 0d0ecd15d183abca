package org.convspark.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.convspark.driver.data.ReadAhead;
import org.convspark.driver.data.ShardStorage;
import org.convspark.driver.data.ShardedDataset;
import org.convspark.engine.UserInputException;
import org.convspark.engine.data.LabelledImages;
import org.convspark.engine.optim.OptimizerConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Where the shards keep their samples changes nothing the network sees: a run from shards on disk
 * (files read per batch, chunks of a few samples, read ahead) trains the parameters of the same run from
 * shards in memory, for 8-bit and float data on 1, 2 and 3 partitions.
 */
class ShardStorageTrainingTest {
    private static final int STEPS = 20;
    /** Three 8-bit samples of 1x8x8 a chunk: a batch of 32 spans many chunks. */
    private static final ShardStorage DISK = new ShardStorage(true, 3 * 64 + 5);
    private static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        sc = SparkTestSupport.context(SparkTestSupport.local());
    }

    /** The bands data with every pixel rounded to 8 bits, as an image reader would give it. */
    static LabelledImages eightBit(LabelledImages data) {
        float[] pixels = data.pixels().clone();
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (Math.min(255, Math.round(pixels[i] / 1.5f * 255)) & 0xff) / 255f;
        }
        return new LabelledImages(data.sampleShape(), pixels, data.labels(), data.numClasses());
    }

    private static float[] fit(LabelledImages data, int partitions, ShardStorage storage) {
        ShardedDataset shards = ShardedDataset.fromArrays(sc, data, partitions, storage);
        try {
            assertEquals(List.of(storage.onDisk()), shards.shards().map(shard -> shard.samples().onDisk()).distinct()
                    .collect(), "every shard's chunks where the storage says");
            TrainerConfig config = TrainerConfig.builder().epochs(3).maxSteps(STEPS).batchSize(32).seed(5)
                    .optimizer(OptimizerConfig.of("adam", 0.01)).build();
            return new DistributedTrainer(sc, TestData.smallConvNet(), config).withLog(line -> { }).fit(shards)
                    .params();
        } finally {
            shards.release();
        }
    }

    @Test
    void onDiskAndInMemoryShardsTrainTheSameParameters() {
        LabelledImages floats = TestData.bands(200, 8, 3, 11);
        for (LabelledImages data : List.of(eightBit(floats), floats)) {
            for (int partitions = 1; partitions <= 3; partitions++) {
                float[] memory = fit(data, partitions, ShardStorage.MEMORY);
                float[] disk = fit(data, partitions, DISK);
                double worst = 0;
                double scale = 0;
                for (int i = 0; i < memory.length; i++) {
                    worst = Math.max(worst, Math.abs(memory[i] - disk[i]));
                    scale = Math.max(scale, Math.abs(memory[i]));
                }
                System.out.printf("%s data, %d partitions: on disk vs in memory after %d steps, max |difference| %.3g"
                        + " (max |parameter| %.3g)%n", data == floats ? "float" : "8-bit", partitions, STEPS, worst,
                        scale);
                assertEquals(0.0, worst, "the same floats reach the network: the same parameters");
            }
        }
        assertTrue(ReadAhead.nanos()[0] > 0, "the on-disk runs read their next batches ahead");
    }

    @Test
    void eightBitShardsTakeAQuarterOfTheBytesOfFloatShards() {
        LabelledImages floats = TestData.bands(200, 8, 3, 11);
        ShardedDataset bytes = ShardedDataset.fromArrays(sc, eightBit(floats), 2, ShardStorage.MEMORY);
        ShardedDataset full = ShardedDataset.fromArrays(sc, floats, 2, ShardStorage.MEMORY);
        try {
            assertTrue(bytes.eightBit());
            assertFalse(full.eightBit());
            assertEquals(100L * 64, bytes.largestShardBytes());
            assertEquals(4 * bytes.largestShardBytes(), full.largestShardBytes());
        } finally {
            bytes.release();
            full.release();
        }
    }

    @Test
    void theSettingChoosesAndAutoGoesToDiskPastHalfTheStorageMemory() {
        SparkConf conf = new SparkConf(false);
        assertFalse(ShardStorage.decide(conf, 1000, 10, 40, 1).onDisk(), "400 bytes of 1000");
        assertTrue(ShardStorage.decide(conf, 1000, 20, 40, 1).onDisk(), "800 bytes of 1000");
        assertFalse(ShardStorage.decide(conf, 0, 20, 40, 1).onDisk(), "storage memory not known: memory");
        assertTrue(ShardStorage.decide(conf.clone().set(ShardStorage.STORAGE, "disk"), 1000, 1, 1, 1).onDisk());
        assertFalse(ShardStorage.decide(conf.clone().set(ShardStorage.STORAGE, "memory"), 10, 20, 40, 4)
                .onDisk());
        assertEquals(4096, ShardStorage.decide(conf.clone().set(ShardStorage.CHUNK_BYTES, "4k"), 0, 1, 1, 1)
                .chunkBytes());
        UserInputException e = assertThrows(UserInputException.class,
                () -> ShardStorage.decide(conf.clone().set(ShardStorage.STORAGE, "ssd"), 0, 1, 1, 1));
        assertEquals("spark.convspark.shards.storage must be auto, memory or disk, got \"ssd\"", e.getMessage());
        e = assertThrows(UserInputException.class,
                () -> ShardStorage.decide(conf.clone().set(ShardStorage.CHUNK_BYTES, "3g"), 0, 1, 1, 1));
        assertEquals("spark.convspark.shards.chunkBytes must be between 1 byte and 2047m, got 3g", e.getMessage());
    }
}
