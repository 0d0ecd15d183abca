package org.convspark.driver.data;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.convspark.engine.UserInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Where the shards keep their samples: in the executors' heaps (cached by Spark, spilled whole
 * under {@code MEMORY_AND_DISK}), or in files on the executors' local disks ({@link ShardFile}), read per
 * batch, for data larger than the executors' storage memory. {@value #STORAGE} is {@code auto}
 * (the default: on disk when the shards would take more than half of the executors' storage
 * memory, {@link #DISK_SHARE}), {@code memory} or {@code disk}; {@value #CHUNK_BYTES} (default
 * 64m) bounds every chunk. Decided once per data set on the driver and logged in one line.
 *
 * <p>The files go to Spark's own local directories through the executor's {@code
 * DiskBlockManager} (Spark-internal, but the one way to the directories YARN and Kubernetes give
 * an executor, removed by Spark with the application); a lost executor's shards are rebuilt from
 * the source like any lost cached partition.
 */
public record ShardStorage(boolean onDisk, long chunkBytes) implements Serializable {
    public static final String STORAGE = "spark.convspark.shards.storage";
    public static final String CHUNK_BYTES = "spark.convspark.shards.chunkBytes";
    /** Past this share of the executors' storage memory, {@code auto} keeps shards on disk. */
    static final double DISK_SHARE = 0.5;
    private static final long serialVersionUID = 1L;
    /** 2047m: a heap chunk is one array, and the JVM's largest is a little under 2^31 bytes. */
    static final long MAX_CHUNK_BYTES = 2047L << 20;
    private static final Logger LOG = LoggerFactory.getLogger(ShardStorage.class);

    /** Heap, with the default chunk size: for pieces and tests. */
    public static final ShardStorage MEMORY = new ShardStorage(false, 64L << 20);

    /**
     * The storage for {@code count} samples of {@code sampleSize} values, {@code width} bytes each
     * (1 for 8-bit data), by the settings of {@code sc}; logs the choice.
     */
    static ShardStorage decide(JavaSparkContext sc, long count, int sampleSize, int width) {
        return decide(sc.getConf(), storageMemory(sc), count, sampleSize, width);
    }

    /** As above, for executors with {@code storageMemory} bytes of storage memory in all (0: unknown). */
    public static ShardStorage decide(SparkConf conf, long storageMemory, long count, int sampleSize, int width) {
        long chunkBytes = conf.getSizeAsBytes(CHUNK_BYTES, "64m");
        if (chunkBytes < 1 || chunkBytes > MAX_CHUNK_BYTES) {
            // A heap chunk is one array: Java indexes it with an int.
            throw new UserInputException(CHUNK_BYTES + " must be between 1 byte and 2047m, got " + conf.get(CHUNK_BYTES));
        }
        String mode = conf.get(STORAGE, "auto").trim().toLowerCase(Locale.ROOT);
        long bytes = count * sampleSize * width;
        boolean disk = switch (mode) {
            case "memory" -> false;
            case "disk" -> true;
            case "auto" -> storageMemory > 0 && bytes > DISK_SHARE * storageMemory;
            default -> throw new UserInputException(STORAGE + " must be auto, memory or disk, got \""
                    + conf.get(STORAGE) + "\"");
        };
        LOG.info("shards: {} samples x {} values x {} byte{} = {}; executors' storage memory {}; {}={}: {}, chunks of "
                        + "at most {}", count, sampleSize, width, width == 1 ? " (8-bit)" : "s", size(bytes),
                storageMemory > 0 ? size(storageMemory) : "not known yet", STORAGE, mode,
                disk ? "on the executors' local disks, read per batch" : "in memory", size(chunkBytes));
        return new ShardStorage(disk, chunkBytes);
    }

    /** The executors' memory for cached blocks, summed (the driver's in local mode); 0 when none is known. */
    public static long storageMemory(JavaSparkContext sc) {
        java.util.Map<String, Tuple2<Object, Object>> status = CollectionConverters.asJava(
                sc.sc().getExecutorMemoryStatus());
        // On a cluster the driver's block manager holds no shards.
        String driver = sc.isLocal() ? null : SparkEnv.get().blockManager().blockManagerId().hostPort();
        long sum = 0;
        for (java.util.Map.Entry<String, Tuple2<Object, Object>> e : status.entrySet()) {
            if (!e.getKey().equals(driver)) {
                sum += (Long) e.getValue()._1();
            }
        }
        return sum;
    }

    /** A new file for one shard's chunks in this executor's local directories. */
    static Path newFile() {
        return SparkEnv.get().blockManager().diskBlockManager().createTempLocalBlock()._2().toPath();
    }

    private static String size(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20));
    }
}
