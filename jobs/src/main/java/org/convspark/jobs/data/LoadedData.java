package org.convspark.jobs.data;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.convspark.driver.ShardedDataset;
import org.convspark.engine.data.LabelledImages;
import org.convspark.engine.tensor.Shape;

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

    /** The samples as {@code (id, pixels, label)} rows in about {@code partitions} partitions. */
    public Dataset<Row> frame(SparkSession spark, int partitions) {
        if (frame != null) {
            return frame;
        }
        List<Row> rows = new ArrayList<>(local.count());
        int size = local.sampleSize();
        float[] pixels = local.pixels();
        for (int i = 0; i < local.count(); i++) {
            float[] sample = new float[size];
            System.arraycopy(pixels, i * size, sample, 0, size);
            rows.add(RowFactory.create(String.valueOf(i), sample, local.labels()[i]));
        }
        return spark.createDataFrame(rows, schema(idColumn)).repartition(partitions);
    }

    /** The schema of {@link #frame}. */
    public static StructType schema(String idColumn) {
        return new StructType()
                .add(idColumn, DataTypes.StringType, false)
                .add(PIXELS, DataTypes.createArrayType(DataTypes.FloatType, false), false)
                .add(LABEL, DataTypes.IntegerType, true);
    }

    /** Frees what the source cached. */
    public void release() {
        release.run();
    }

    @Override
    public String toString() {
        return description;
    }
}
