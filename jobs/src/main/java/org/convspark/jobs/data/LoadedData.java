package org.convspark.jobs.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.convspark.driver.data.ShardedDataset;
import org.convspark.engine.data.LabelledImages;
import org.convspark.engine.tensor.Shape;
import scala.collection.immutable.ArraySeq;

/**
 * A data set as read and validated: samples of one shape with labels in {@code [0, numClasses)}
 * (or none, for scoring), either held by the driver (IDX, CIFAR-10, the embedded subset) or
 * defined as a Spark {@code Dataset} (image folders, Parquet). It becomes a {@link ShardedDataset}
 * for training, or a frame of {@code (id, pixels, label)} rows for evaluation and prediction.
 */
public final class LoadedData {
    public static final String PIXELS = "pixels";
    public static final String LABEL = "label";

    private final String description;
    private final Shape sampleShape;
    private final int numClasses;
    private final List<String> classNames;
    private final String idColumn;
    private final LabelledImages local;
    private final Dataset<Row> frame;
    private final long count;
    private final Runnable release;
    private final List<Broadcast<?>> broadcasts = new ArrayList<>();

    private LoadedData(String description, Shape sampleShape, int numClasses, List<String> classNames,
                       String idColumn, LabelledImages local, Dataset<Row> frame, long count, Runnable release) {
        this.description = description;
        this.sampleShape = sampleShape;
        this.numClasses = numClasses;
        this.classNames = List.copyOf(classNames);
        this.idColumn = idColumn;
        this.local = local;
        this.frame = frame;
        this.count = count;
        this.release = release;
    }

    /** Samples held by the driver; their ids are their indices. */
    public static LoadedData ofLocal(String description, LabelledImages images, List<String> classNames) {
        return new LoadedData(description, images.sampleShape(), images.numClasses(), classNames, "id", images, null,
                images.count(), () -> { });
    }

    /**
     * A frame of {@code (idColumn: string, pixels: array<float>, label: int)} rows, validated by
     * its source; {@code release} frees what the source cached.
     */
    public static LoadedData ofFrame(String description, Shape sampleShape, int numClasses, List<String> classNames,
                                     String idColumn, Dataset<Row> frame, long count, Runnable release) {
        return new LoadedData(description, sampleShape, numClasses, classNames, idColumn, null, frame, count, release);
    }

    public String description() {
        return description;
    }

    public Shape sampleShape() {
        return sampleShape;
    }

    public int numClasses() {
        return numClasses;
    }

    /** A name per class index; the indices themselves when the data names none. */
    public List<String> classNames() {
        return classNames;
    }

    /** {@code path} for image folders, {@code id} otherwise. */
    public String idColumn() {
        return idColumn;
    }

    public long count() {
        return count;
    }

    /** Packs the samples into {@code partitions} cached shards for training. */
    public ShardedDataset shard(JavaSparkContext sc, int partitions) {
        if (local != null) {
            return ShardedDataset.fromArrays(sc, local, partitions);
        }
        return ShardedDataset.fromDataset(frame, PIXELS, LABEL, sampleShape, numClasses, partitions);
    }

    /**
     * The samples as {@code (id, pixels, label)} rows. Driver-held samples are broadcast once (two
     * arrays, not a row object per sample) and cut into rows on the executors, in Spark's default
     * parallelism of contiguous ranges; a source's frame keeps the source's partitions.
     */
    public Dataset<Row> frame(SparkSession spark) {
        if (frame != null) {
            return frame;
        }
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<float[]> pixels = sc.broadcast(local.pixels());
        Broadcast<int[]> labels = sc.broadcast(local.labels());
        broadcasts.add(pixels);
        broadcasts.add(labels);
        int partitions = Math.max(1, Math.min(local.count(), sc.defaultParallelism()));
        return spark.range(0, partitions, 1, partitions)
                .mapPartitions(new SliceRows(pixels, labels, local.count(), local.sampleSize(), partitions),
                        Encoders.row(schema(idColumn)));
    }

    /** The schema of {@link #frame}. */
    public static StructType schema(String idColumn) {
        return new StructType()
                .add(idColumn, DataTypes.StringType, false)
                .add(PIXELS, DataTypes.createArrayType(DataTypes.FloatType, false), false)
                .add(LABEL, DataTypes.IntegerType, true);
    }

    /** Frees what the source cached and what {@link #frame} broadcast. */
    public void release() {
        release.run();
        broadcasts.forEach(b -> b.destroy());
        broadcasts.clear();
    }

    /** Executor side: partition p of P turns samples {@code [floor(pN/P), floor((p+1)N/P))} into rows. */
    private static final class SliceRows implements MapPartitionsFunction<Long, Row> {
        private static final long serialVersionUID = 1L;
        private final Broadcast<float[]> pixels;
        private final Broadcast<int[]> labels;
        private final int count;
        private final int sampleSize;
        private final int partitions;

        SliceRows(Broadcast<float[]> pixels, Broadcast<int[]> labels, int count, int sampleSize, int partitions) {
            this.pixels = pixels;
            this.labels = labels;
            this.count = count;
            this.sampleSize = sampleSize;
            this.partitions = partitions;
        }

        @Override
        public Iterator<Row> call(Iterator<Long> partitionIndex) {
            if (!partitionIndex.hasNext()) {
                return Collections.emptyIterator();
            }
            int p = partitionIndex.next().intValue();
            int from = (int) ((long) p * count / partitions);
            int to = (int) ((long) (p + 1) * count / partitions);
            float[] all = pixels.value();
            int[] allLabels = labels.value();
            return IntStream.range(from, to).mapToObj(i -> {
                float[] sample = Arrays.copyOfRange(all, i * sampleSize, (i + 1) * sampleSize);
                // A Seq, as Spark's row encoders produce: a row may reach readers without being re-encoded.
                return RowFactory.create(String.valueOf(i), ArraySeq.unsafeWrapArray(sample), allLabels[i]);
            }).iterator();
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
