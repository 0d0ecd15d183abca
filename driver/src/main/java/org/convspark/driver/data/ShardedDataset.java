package org.convspark.driver.data;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.storage.StorageLevel;
import org.convspark.engine.UserInputException;
import org.convspark.engine.data.LabelledImages;
import org.convspark.engine.gemm.KernelReport;
import org.convspark.engine.json.Json;
import org.convspark.engine.json.JsonObject;
import org.convspark.engine.tensor.Shape;
import scala.Tuple2;

/**
 * Labelled images spread over P cached partitions, each one {@link Shard} of consecutive global
 * indices (partition p holds {@code [floor(pN/P), floor((p+1)N/P))}). Built once, with one shuffle
 * that routes every sample to its partition, validated while packing (sample sizes, label range,
 * finite values) and materialized at construction, so a bad sample fails the load, not step 4,000.
 * Steps never move data: each takes the samples of its batch that a shard already holds.
 *
 * <p>The job that materializes the shards also brings back each executor's {@link KernelReport}
 * (which GEMM kernel the engine runs there), so a run can log it without a job of its own; it
 * loads the native BLAS on every executor before the first step, too.
 */
public final class ShardedDataset {
    /**
     * Driver-held data travels inside the loading tasks, one chunk each: 200,000 floats (800 KB)
     * keep a task under the 1000 KiB above which Spark warns of a very large task on every load
     * (4 MB chunks did, on the embedded subset of the README's first command).
     */
    static final int CHUNK_FLOATS = 200_000;

    private final JavaRDD<Shard> shards;
    private final int count;
    private final Shape sampleShape;
    private final int numClasses;
    private final List<JsonObject> kernels;
    private final ShardStorage storage;
    private final long largestShardBytes;
    private final boolean eightBit;

    private ShardedDataset(JavaRDD<Shard> shards, int count, Shape sampleShape, int numClasses,
                           List<JsonObject> kernels, ShardStorage storage, long largestShardBytes, boolean eightBit) {
        this.shards = shards;
        this.count = count;
        this.sampleShape = sampleShape;
        this.numClasses = numClasses;
        this.kernels = List.copyOf(kernels);
        this.storage = storage;
        this.largestShardBytes = largestShardBytes;
        this.eightBit = eightBit;
    }

    /**
     * Arrays held by the driver (for example {@link org.convspark.engine.data.EmbeddedMnist}),
     * stored as {@link ShardStorage#decide} finds from the session's settings.
     */
    public static ShardedDataset fromArrays(JavaSparkContext sc, LabelledImages data, int partitions) {
        checkPartitions(partitions, data.count());
        List<Tuple2<Integer, Shard>> pieces = pieces(data, partitions);
        // The pieces found their encoding as they were made: the estimate needs no pass of its own.
        int width = pieces.stream().allMatch(t -> t._2().samples().encoding() == SampleChunks.Encoding.BYTES) ? 1 : 4;
        return pack(sc, pieces, data, partitions, ShardStorage.decide(sc, data.count(), data.sampleSize(), width));
    }

    /** Arrays held by the driver, stored as {@code storage} says. */
    public static ShardedDataset fromArrays(JavaSparkContext sc, LabelledImages data, int partitions,
                                            ShardStorage storage) {
        checkPartitions(partitions, data.count());
        return pack(sc, pieces(data, partitions), data, partitions, storage);
    }

    /** The driver's samples in pieces of at most {@link #CHUNK_FLOATS} values, each within one partition's range. */
    private static List<Tuple2<Integer, Shard>> pieces(LabelledImages data, int partitions) {
        int sampleSize = data.sampleSize();
        int perChunk = Math.max(1, CHUNK_FLOATS / sampleSize);
        List<Tuple2<Integer, Shard>> pieces = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            int end = ContiguousPartitioner.start(p + 1, data.count(), partitions);
            for (int from = ContiguousPartitioner.start(p, data.count(), partitions); from < end; from += perChunk) {
                int to = Math.min(end, from + perChunk);
                LabelledImages slice = data.slice(from, to);
                pieces.add(new Tuple2<>(from, Shard.of(from, sampleSize, slice.pixels(), slice.labels())));
            }
        }
        return pieces;
    }

    private static ShardedDataset pack(JavaSparkContext sc, List<Tuple2<Integer, Shard>> pieces, LabelledImages data,
                                       int partitions, ShardStorage storage) {
        JavaPairRDD<Integer, Shard> pairs = sc.parallelizePairs(pieces, Math.max(1, pieces.size()));
        return pack(pairs, data.count(), data.sampleShape(), data.numClasses(), partitions, storage);
    }

    /**
     * An RDD of (pixels, label) pairs, each pixel array of {@code sampleShape.size()} values.
     * Global indices follow the RDD's order ({@code zipWithIndex}), so a deterministic source
     * gives a reproducible run.
     */
    public static ShardedDataset fromRdd(JavaPairRDD<float[], Integer> samples, Shape sampleShape, int numClasses,
                                         int partitions) {
        // One job counts the samples and the 8-bit ones, for the storage's estimate.
        long[] counts = samples.map(t -> new long[] {1, SampleChunks.Encoding.of(t._1(), 0, t._1().length).width() == 1
                ? 1 : 0}).fold(new long[2], (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
        long total = counts[0];
        int width = counts[1] == total ? 1 : 4;
        return fromRdd(samples, sampleShape, numClasses, partitions, total, ShardStorage.decide(
                JavaSparkContext.fromSparkContext(samples.context()), total, sampleShape.size(), width));
    }

    /** As above, {@code total} samples stored as {@code storage} says. */
    public static ShardedDataset fromRdd(JavaPairRDD<float[], Integer> samples, Shape sampleShape, int numClasses,
                                         int partitions, long total, ShardStorage storage) {
        if (total > Integer.MAX_VALUE) {
            throw new UserInputException("at most 2^31-1 samples, got " + total);
        }
        checkPartitions(partitions, (int) total);
        JavaPairRDD<Integer, Shard> pairs = samples.zipWithIndex().mapToPair(t -> {
            int index = Math.toIntExact(t._2());
            float[] pixels = t._1()._1();
            return new Tuple2<>(index, Shard.of(index, pixels.length, pixels, new int[] {t._1()._2()}));
        });
        return pack(pairs, (int) total, sampleShape, numClasses, partitions, storage);
    }

    /**
     * A DataFrame with a numeric array column of pixels and an integer label column. (An ML
     * {@code Vector} column must first be turned into an array with
     * {@code org.apache.spark.ml.functions.vector_to_array}.)
     */
    public static ShardedDataset fromDataset(Dataset<Row> frame, String pixelsColumn, String labelColumn,
                                             Shape sampleShape, int numClasses, int partitions) {
        DataType pixelsType = columnType(frame, pixelsColumn);
        if (!(pixelsType instanceof ArrayType array) || !(array.elementType() instanceof NumericType)) {
            throw new UserInputException("column '" + pixelsColumn + "' must be an array of numbers, it is "
                    + pixelsType.simpleString() + (pixelsType.typeName().equals("vector")
                    ? " (convert it with org.apache.spark.ml.functions.vector_to_array)" : ""));
        }
        DataType labelType = columnType(frame, labelColumn);
        if (!(labelType instanceof NumericType)) {
            throw new UserInputException("column '" + labelColumn + "' must hold integer labels, it is "
                    + labelType.simpleString());
        }
        Dataset<Row> selected = frame.select(
                frame.col(pixelsColumn).cast(DataTypes.createArrayType(DataTypes.FloatType)),
                frame.col(labelColumn));
        JavaPairRDD<float[], Integer> samples = selected.javaRDD().mapToPair(row -> {
            if (row.isNullAt(0) || row.isNullAt(1)) {
                throw new UserInputException("a row has a null '" + pixelsColumn + "' or '" + labelColumn + "'");
            }
            List<Float> values = row.getList(0);
            float[] pixels = new float[values.size()];
            for (int i = 0; i < pixels.length; i++) {
                Float v = values.get(i);
                pixels[i] = v == null ? Float.NaN : v;
            }
            double label = ((Number) row.get(1)).doubleValue();
            if (label != Math.rint(label)) {
                throw new UserInputException("label " + label + " in column '" + labelColumn
                        + "' is not an integer");
            }
            return new Tuple2<>(pixels, (int) label);
        });
        return fromRdd(samples, sampleShape, numClasses, partitions);
    }

    private static DataType columnType(Dataset<Row> frame, String column) {
        if (!List.of(frame.columns()).contains(column)) {
            throw new UserInputException("no column '" + column + "'; columns: " + List.of(frame.columns()));
        }
        return frame.schema().apply(column).dataType();
    }

    private static void checkPartitions(int partitions, int samples) {
        if (partitions < 1) {
            throw new UserInputException("partitions must be >= 1, got " + partitions);
        }
        if (samples < partitions) {
            throw new UserInputException(samples + " samples cannot fill " + partitions + " partitions");
        }
    }

    private static ShardedDataset pack(JavaPairRDD<Integer, Shard> pairs, int count, Shape sampleShape,
                                       int numClasses, int partitions, ShardStorage storage) {
        ContiguousPartitioner partitioner = new ContiguousPartitioner(count, partitions);
        int sampleSize = sampleShape.size();
        JavaRDD<Shard> shards = pairs.partitionBy(partitioner).mapPartitionsWithIndex(
                (p, chunks) -> List.of(packShard(p, chunks, partitioner, sampleSize, numClasses, storage)).iterator(),
                true);
        // A shard on disk is its labels and its open file: small, and only valid in its executor, so never spilled
        // (evicted, it is rebuilt from the source). One in the heap spills whole, through its Kryo serializer.
        shards.persist(storage.onDisk() ? StorageLevel.MEMORY_ONLY() : StorageLevel.MEMORY_AND_DISK());
        List<Tuple2<String, long[]>> built = shards.map(shard -> new Tuple2<>(
                Json.write(KernelReport.current().toJson()), new long[] {shard.samples().bytes(),
                        shard.samples().encoding().width()})).collect();
        if (built.size() != partitions) {
            throw new IllegalStateException("expected " + partitions + " shards, built " + built.size());
        }
        List<JsonObject> kernels = built.stream().map(Tuple2::_1).distinct()
                .map(text -> Json.parse(text, "an executor's kernel report").asObject()).toList();
        long largest = built.stream().mapToLong(t -> t._2()[0]).max().orElse(0);
        boolean eightBit = built.stream().allMatch(t -> t._2()[1] == 1);
        return new ShardedDataset(shards, count, sampleShape, numClasses, kernels, storage, largest, eightBit);
    }

    /**
     * Writes the pieces (one per sample, or runs of samples) a partition received, in whatever
     * order they come, into its shard's chunks: 8-bit until a piece is not, in the heap or in a
     * file of this executor's local directories.
     */
    private static Shard packShard(int partition, Iterator<Tuple2<Integer, Shard>> chunks,
                                   ContiguousPartitioner partitioner, int sampleSize, int numClasses,
                                   ShardStorage storage) {
        int start = partitioner.start(partition);
        int size = partitioner.start(partition + 1) - start;
        SampleChunks.Builder builder = new SampleChunks.Builder(SampleChunks.Encoding.BYTES, sampleSize, size,
                storage.chunkBytes(), storage.onDisk() ? ShardStorage.newFile() : null);
        int[] labels = new int[size];
        try {
            fill(partition, chunks, start, size, sampleSize, numClasses, builder, labels);
        } catch (RuntimeException | Error e) {
            builder.abandon(); // a half-written shard file would stay until the application ends
            throw e;
        }
        return new Shard(start, builder.build(), labels);
    }

    /** Puts the pieces a partition received into {@code builder} and {@code labels}, checking each. */
    private static void fill(int partition, Iterator<Tuple2<Integer, Shard>> chunks, int start, int size,
                             int sampleSize, int numClasses, SampleChunks.Builder builder, int[] labels) {
        float[] sample = new float[sampleSize];
        int filled = 0;
        while (chunks.hasNext()) {
            Shard chunk = chunks.next()._2();
            int n = chunk.count();
            if (chunk.sampleSize() != sampleSize) {
                throw new UserInputException("sample " + chunk.start() + " has " + chunk.sampleSize()
                        + " values, the sample shape needs " + sampleSize);
            }
            for (int j = 0; j < n; j++) {
                int label = chunk.labels()[j];
                if (label < 0 || label >= numClasses) {
                    throw new UserInputException("label " + label + " of sample " + (chunk.start() + j)
                            + " is outside [0, " + numClasses + ")");
                }
                if (chunk.samples().encoding() == SampleChunks.Encoding.BYTES) {
                    builder.copyFrom(chunk.start() - start + j, chunk.samples(), j); // 8-bit: finite already
                    continue;
                }
                chunk.samples().read(j, sample, 0);
                for (int i = 0; i < sampleSize; i++) {
                    if (!Float.isFinite(sample[i])) {
                        throw new UserInputException("sample " + (chunk.start() + j)
                                + " has a non-finite or missing value at element " + i);
                    }
                }
                builder.put(chunk.start() - start + j, sample, 0);
            }
            System.arraycopy(chunk.labels(), 0, labels, chunk.start() - start, n);
            filled += n;
        }
        if (filled != size) {
            throw new IllegalStateException("partition " + partition + " received " + filled + " samples, expected "
                    + size);
        }
    }

    public JavaRDD<Shard> shards() {
        return shards;
    }

    public int count() {
        return count;
    }

    public Shape sampleShape() {
        return sampleShape;
    }

    public int numClasses() {
        return numClasses;
    }

    /** The distinct {@link KernelReport#toJson()}s of the executors holding the shards (one when all agree). */
    public List<JsonObject> kernels() {
        return kernels;
    }

    public int partitions() {
        return shards.getNumPartitions();
    }

    /** Where the shards keep their samples. */
    public ShardStorage storage() {
        return storage;
    }

    /** The bytes of samples the largest shard holds (in the heap, or on disk). */
    public long largestShardBytes() {
        return largestShardBytes;
    }

    /** Whether every shard keeps one byte per value. */
    public boolean eightBit() {
        return eightBit;
    }

    /**
     * Drops the cached shards. A shard's file on disk is deleted when the executor's collector
     * finds the dropped shard unreachable (no job runs for it: one would rebuild an evicted shard
     * just to delete its file), and with Spark's local directories at the application's end.
     */
    public void release() {
        shards.unpersist(false);
    }

    @Override
    public String toString() {
        return count + " samples of " + sampleShape + " in " + partitions() + " partitions" + (storage.onDisk()
                ? " on the executors' disks" : "");
    }
}
