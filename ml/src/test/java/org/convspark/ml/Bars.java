package org.convspark.ml;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.image.ImageSchema;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Synthetic 8x8 gray images a small conv net tells apart in a few epochs: a horizontal bar, a
 * vertical bar or a diagonal, at a random place, with Gaussian noise. Deterministic per seed.
 */
final class Bars {
    static final int SIZE = 8;
    static final List<String> SHAPES = List.of("horizontal", "vertical", "diagonal");
    /** conv 3x3 (6 channels), relu, 2x2 max pooling, flatten, linear to the 3 classes. */
    static final String SPEC = "{\"name\": \"bars\", \"input\": [1, 8, 8], \"layers\": ["
            + "{\"type\": \"conv\", \"out_channels\": 6, \"kernel\": 3, \"padding\": 1}, {\"type\": \"relu\"}, "
            + "{\"type\": \"maxpool\", \"kernel\": 2}, {\"type\": \"flatten\"}, "
            + "{\"type\": \"linear\", \"out_features\": 3}]}";

    private Bars() {
    }

    /** One image, row-major, values near 0 (background) and 1 (the bar). */
    static float[] image(int shape, Random rng) {
        float[] x = new float[SIZE * SIZE];
        int a = 1 + rng.nextInt(SIZE - 2);
        int from = rng.nextInt(3);
        for (int i = from; i < from + 5; i++) {
            int row = shape == 0 ? a : shape == 1 ? i : i;
            int col = shape == 0 ? i : shape == 1 ? a : (i + a) % SIZE;
            x[row * SIZE + col] = 1;
        }
        for (int i = 0; i < x.length; i++) {
            x[i] += (float) (0.15 * rng.nextGaussian());
        }
        return x;
    }

    private static double[] doubles(float[] x, int from, int to) {
        double[] d = new double[to - from];
        for (int i = from; i < to; i++) {
            d[i - from] = x[i];
        }
        return d;
    }

    /** Columns {@code top} and {@code bottom} (vectors of 32: the image's halves) and {@code shape} (a name). */
    static Dataset<Row> halves(SparkSession spark, int count, long seed) {
        Random rng = new Random(seed);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int shape = i % 3;
            float[] x = image(shape, rng);
            rows.add(RowFactory.create(Vectors.dense(doubles(x, 0, 32)), Vectors.dense(doubles(x, 32, 64)),
                    SHAPES.get(shape)));
        }
        StructType schema = new StructType()
                .add("top", SQLDataTypes.VectorType())
                .add("bottom", SQLDataTypes.VectorType())
                .add("shape", DataTypes.StringType);
        return spark.createDataFrame(rows, schema);
    }

    /** Columns {@code features} (vector of 64) and {@code label} (class index as a double). */
    static Dataset<Row> vectors(SparkSession spark, int count, long seed) {
        Random rng = new Random(seed);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int shape = i % 3;
            rows.add(RowFactory.create(Vectors.dense(doubles(image(shape, rng), 0, 64)), (double) shape));
        }
        StructType schema = new StructType()
                .add("features", SQLDataTypes.VectorType())
                .add("label", DataTypes.DoubleType);
        return spark.createDataFrame(rows, schema);
    }

    /**
     * Columns {@code image} (structs as Spark's image source makes them: interleaved bytes, BGR
     * order for colour) and {@code label} (an int). {@code channels} is 1 (gray) or 3 (the bar in
     * every colour channel).
     */
    static Dataset<Row> images(SparkSession spark, int count, long seed, int channels, int size) {
        Random rng = new Random(seed);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int shape = i % 3;
            float[] x = image(shape, rng);
            byte[] data = new byte[size * size * channels];
            for (int p = 0; p < size * size; p++) {
                int r = p / size;
                int c = p % size;
                float v = r < SIZE && c < SIZE ? x[r * SIZE + c] : 0;
                byte b = (byte) Math.round(255 * Math.min(1, Math.max(0, v)));
                for (int ch = 0; ch < channels; ch++) {
                    data[p * channels + ch] = b;
                }
            }
            Row image = RowFactory.create("memory:/bars/" + i + ".png", size, size, channels,
                    channels == 1 ? 0 : 16, data);
            rows.add(RowFactory.create(image, shape));
        }
        StructType schema = new StructType()
                .add("image", ImageSchema.columnSchema())
                .add("label", DataTypes.IntegerType);
        return spark.createDataFrame(rows, schema);
    }
}
