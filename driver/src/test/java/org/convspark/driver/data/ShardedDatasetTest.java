package org.convspark.driver.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.convspark.driver.SparkTestSupport;
import org.convspark.driver.TestData;
import org.convspark.engine.data.LabelledImages;
import org.convspark.engine.tensor.Shape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

class ShardedDatasetTest {
    private static final LabelledImages DATA = TestData.bands(23, 4, 3, 7);
    private static SparkSession spark;
    private static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        spark = SparkTestSupport.local();
        sc = SparkTestSupport.context(spark);
    }

    private static void assertHolds(ShardedDataset dataset, int partitions) {
        assertEquals(DATA.count(), dataset.count());
        assertEquals(partitions, dataset.partitions());
        List<Shard> shards = dataset.shards().collect();
        int next = 0;
        for (Shard shard : shards) {
            assertEquals(next, shard.start(), "contiguous, in partition order");
            LabelledImages expected = DATA.slice(shard.start(), shard.end());
            float[] values = new float[shard.count() * shard.sampleSize()];
            shard.copy(0, shard.count(), values);
            assertArrayEquals(expected.pixels(), values);
            assertArrayEquals(expected.labels(), shard.labels());
            assertTrue(Math.abs(shard.count() - DATA.count() / (double) partitions) < 1);
            next = shard.end();
        }
        assertEquals(DATA.count(), next);
    }

    private static JavaPairRDD<float[], Integer> samplesRdd(LabelledImages data, int slices) {
        List<Tuple2<float[], Integer>> samples = new ArrayList<>();
        for (int i = 0; i < data.count(); i++) {
            samples.add(new Tuple2<>(data.slice(i, i + 1).pixels(), data.labels()[i]));
        }
        return sc.parallelizePairs(samples, slices);
    }

    @Test
    void arraysRddsAndDataFramesPackIntoTheSameContiguousShards() {
        for (int partitions : new int[] {1, 3, 7}) {
            ShardedDataset fromArrays = ShardedDataset.fromArrays(sc, DATA, partitions);
            assertHolds(fromArrays, partitions);
            fromArrays.release();
        }
        ShardedDataset fromRdd = ShardedDataset.fromRdd(samplesRdd(DATA, 5), DATA.sampleShape(), 3, 4);
        assertHolds(fromRdd, 4);
        fromRdd.release();

        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < DATA.count(); i++) {
            double[] pixels = new double[DATA.sampleSize()];
            for (int j = 0; j < pixels.length; j++) {
                pixels[j] = DATA.pixels()[i * pixels.length + j];
            }
            rows.add(RowFactory.create(Arrays.stream(pixels).boxed().toList(), (long) DATA.labels()[i]));
        }
        StructType schema = new StructType()
                .add("image", DataTypes.createArrayType(DataTypes.DoubleType))
                .add("label", DataTypes.LongType);
        Dataset<Row> frame = spark.createDataFrame(rows, schema).repartition(1);
        ShardedDataset fromFrame = ShardedDataset.fromDataset(frame, "image", "label", DATA.sampleShape(), 3, 2);
        assertHolds(fromFrame, 2);
        fromFrame.release();
    }

    @Test
    void badSamplesFailTheLoadNamingTheSample() {
        int[] labels = DATA.labels().clone();
        labels[11] = 5;
        LabelledImages badLabel = new LabelledImages(DATA.sampleShape(), DATA.pixels(), labels, 6);
        Exception label = assertThrows(Exception.class,
                () -> ShardedDataset.fromRdd(samplesRdd(badLabel, 2), DATA.sampleShape(), 3, 2));
        assertTrue(label.getMessage().contains("label 5 of sample 11 is outside [0, 3)"), label.getMessage());
        Exception size = assertThrows(Exception.class,
                () -> ShardedDataset.fromRdd(samplesRdd(DATA, 2), Shape.of(1, 5, 5), 3, 2));
        assertTrue(size.getMessage().contains("has 16 values, the sample shape needs 25"), size.getMessage());
        assertEquals("23 samples cannot fill 24 partitions", assertThrows(IllegalArgumentException.class,
                () -> ShardedDataset.fromArrays(sc, DATA, 24)).getMessage());
    }

    @Test
    void dataFrameColumnsAreChecked() {
        StructType schema = new StructType().add("image", DataTypes.StringType).add("label", DataTypes.IntegerType);
        Dataset<Row> frame = spark.createDataFrame(List.of(RowFactory.create("x", 1)), schema);
        assertEquals("column 'image' must be an array of numbers, it is string", assertThrows(
                IllegalArgumentException.class,
                () -> ShardedDataset.fromDataset(frame, "image", "label", Shape.of(1), 2, 1)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ShardedDataset.fromDataset(frame, "pixels", "label", Shape.of(1), 2, 1)).getMessage()
                .startsWith("no column 'pixels'"));
    }
}
