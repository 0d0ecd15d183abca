package org.convspark.jobs.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.convspark.engine.tensor.Shape;
import org.convspark.jobs.testing.TestSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetReaderTest {
    private static final Shape SHAPE = Shape.of(1, 2, 2);

    @TempDir
    Path tmp;

    private final SparkSession spark = TestSpark.session();

    /** Writes rows (features, label) with the given column types as a Parquet directory. */
    private Path write(String name, DataType featuresType, DataType labelType, List<Row> rows) {
        StructType schema = new StructType().add("features", featuresType).add("label", labelType);
        Path out = tmp.resolve(name);
        spark.createDataFrame(rows, schema).coalesce(1).write().parquet(out.toString());
        return out;
    }

    private static List<Row> vectorRows(int n) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(RowFactory.create(Vectors.dense(i, 0.5, 0.25, 1), i % 3));
        }
        return rows;
    }

    private LoadedData read(Path path, ParquetReader.Columns columns, boolean labelled) {
        return new ParquetReader(spark).read(DataLocation.of(path.toString(), new Configuration()), columns, SHAPE,
                3, List.of("a", "b", "c"), labelled);
    }

    private String error(Path path) {
        return assertThrows(DataException.class, () -> read(path, ParquetReader.Columns.defaults(), true))
                .getMessage();
    }

    @Test
    void vectorColumnBecomesSamplesNumberedByRow() {
        Path path = write("vectors", SQLDataTypes.VectorType(), DataTypes.IntegerType, vectorRows(5));
        LoadedData data = read(path, ParquetReader.Columns.defaults(), true);
        assertEquals(5, data.count());
        assertEquals(SHAPE, data.sampleShape());
        List<Row> rows = data.frame(spark).orderBy("label", "id").collectAsList();
        Row first = rows.get(0);
        assertEquals("0", first.getString(0));
        assertEquals(List.of(0f, 0.5f, 0.25f, 1f), first.getList(1));
        assertEquals(0, first.getInt(2));
    }

    @Test
    void doubleArraysWithAnIdColumnAndOtherColumnNames() {
        StructType schema = new StructType().add("key", DataTypes.LongType)
                .add("x", DataTypes.createArrayType(DataTypes.DoubleType)).add("y", DataTypes.DoubleType);
        List<Row> rows = List.of(RowFactory.create(42L, List.of(1.0, 2.0, 3.0, 4.0).toArray(new Double[0]), 2.0));
        Path path = tmp.resolve("arrays");
        spark.createDataFrame(rows, schema).write().parquet(path.toString());
        LoadedData data = read(path, new ParquetReader.Columns("x", "y", "key", Shape.of(1, 2, 2)), true);
        Row row = data.frame(spark).first();
        assertEquals("key", data.idColumn());
        assertEquals("42", row.getString(0));
        assertEquals(List.of(1f, 2f, 3f, 4f), row.getList(1));
        assertEquals(2, row.getInt(2));
    }

    @Test
    void missingAndMistypedColumnsAreNamed() {
        Path path = write("vectors", SQLDataTypes.VectorType(), DataTypes.IntegerType, vectorRows(2));
        DataException e = assertThrows(DataException.class,
                () -> read(path, new ParquetReader.Columns("pixels", "label", null, null), true));
        assertEquals(path + ": no column 'pixels' (--features-column); the columns are features, label",
                e.getMessage());
        Path strings = write("strings", DataTypes.StringType, DataTypes.IntegerType,
                List.of(RowFactory.create("1,2,3,4", 0)));
        assertEquals(strings + ": column 'features' is string; the features must be a vector or an "
                + "array<float|double>", error(strings));
        Path textLabels = write("text-labels", SQLDataTypes.VectorType(), DataTypes.StringType,
                List.of(RowFactory.create(Vectors.dense(1, 2, 3, 4), "cat")));
        assertEquals(textLabels + ": column 'label' is string; labels must be whole numbers (class indices)",
                error(textLabels));
    }

    @Test
    void badRowsAreFoundBeforePacking() {
        Path ragged = write("ragged", SQLDataTypes.VectorType(), DataTypes.IntegerType, List.of(
                RowFactory.create(Vectors.dense(1, 2, 3, 4), 0), RowFactory.create(Vectors.dense(1, 2, 3), 1)));
        assertEquals(ragged + ": column 'features' has rows of 3 to 4 values; every sample needs the same length",
                error(ragged));
        Path wrongLength = write("long", SQLDataTypes.VectorType(), DataTypes.IntegerType,
                List.of(RowFactory.create(Vectors.dense(1, 2, 3, 4, 5), 0)));
        assertEquals(wrongLength + ": column 'features' has 5 values per row, but the model's input 1x2x2 needs 4",
                error(wrongLength));
        Path nan = write("nan", SQLDataTypes.VectorType(), DataTypes.IntegerType,
                List.of(RowFactory.create(Vectors.dense(1, Double.NaN, 3, 4), 0)));
        assertEquals(nan + ": 1 rows have NaN or null values in column 'features'", error(nan));
        Path fractional = write("fractional", SQLDataTypes.VectorType(), DataTypes.DoubleType,
                List.of(RowFactory.create(Vectors.dense(1, 2, 3, 4), 0.5)));
        assertEquals(fractional + ": 1 labels in column 'label' are not whole numbers", error(fractional));
        Path outside = write("outside", SQLDataTypes.VectorType(), DataTypes.IntegerType,
                List.of(RowFactory.create(Vectors.dense(1, 2, 3, 4), 3)));
        assertEquals(outside + ": label 3 in column 'label' is outside the model's 3 classes [0, 3)", error(outside));
        Path empty = write("empty", SQLDataTypes.VectorType(), DataTypes.IntegerType, List.of());
        assertEquals(empty + ": the table has no rows", error(empty));
    }

    @Test
    void statedShapeMustFitTheRows() {
        Path path = write("vectors", SQLDataTypes.VectorType(), DataTypes.IntegerType, vectorRows(2));
        DataException e = assertThrows(DataException.class,
                () -> read(path, new ParquetReader.Columns("features", "label", null, Shape.of(1, 3, 3)), true));
        assertEquals(path + ": column 'features' has 4 values per row, but --input-shape 1x3x3 needs 9",
                e.getMessage());
    }

    @Test
    void notParquetIsNamedBeforeSparkReadsIt() throws IOException {
        Path file = Files.writeString(tmp.resolve("fake.parquet"), "hello");
        assertEquals(file + ": not a Parquet file (it does not start with PAR1; is --format right?)", error(file));
        Path dir = Files.createDirectories(tmp.resolve("dir"));
        Files.writeString(dir.resolve("a.txt"), "x");
        assertEquals(dir + ": no *.parquet files in the directory (is --format right?)", error(dir));
    }

    @Test
    void unlabelledReadingLeavesLabelsEmpty() {
        StructType schema = new StructType().add("features", SQLDataTypes.VectorType());
        Path path = tmp.resolve("unlabelled");
        spark.createDataFrame(List.of(RowFactory.create(Vectors.dense(1, 2, 3, 4))), schema).write()
                .parquet(path.toString());
        Row row = read(path, ParquetReader.Columns.defaults(), false).frame(spark).first();
        assertEquals(true, row.isNullAt(2));
    }
}
