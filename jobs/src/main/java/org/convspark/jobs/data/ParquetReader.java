package org.convspark.jobs.data;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.convspark.engine.tensor.Shape;

/**
 * Reads a Parquet table (a file, or a directory as Spark writes it) with one sample per row: a
 * features column that is an ML {@code Vector} ({@code org.apache.spark.ml.linalg}) or an
 * {@code array<float|double>}, a label column of whole numbers, and optionally an id column.
 *
 * <p>The per-sample shape: {@code --input-shape C,H,W} when given, otherwise the model's input
 * shape; either way the row length must equal its size. One job checks, before any sample is
 * packed, that there are rows, that no features are null or NaN, that every row has the same
 * length and that labels are whole numbers in the model's range; each failure names the path
 * and the column.
 */
public final class ParquetReader {
    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

    /** Column names and the stated shape, from the command line. */
    public record Columns(String features, String label, String id, Shape inputShape) {
        public static final String DEFAULT_FEATURES = "features";
        public static final String DEFAULT_LABEL = "label";
        public static final String DEFAULT_ID = "id";

        public static Columns defaults() {
            return new Columns(DEFAULT_FEATURES, DEFAULT_LABEL, null, null);
        }
    }

    private final SparkSession spark;

    public ParquetReader(SparkSession spark) {
        this.spark = spark;
    }

    /** Refuses, by name, a path that holds no Parquet data (before Spark reads it). */
    public static void checkLooksLikeParquet(DataLocation location) {
        if (location.isDirectory()) {
            if (!containsParquet(location, 3)) {
                throw new DataException(location + ": no *.parquet files in the directory (is --format right?)");
            }
            return;
        }
        byte[] head = new byte[MAGIC.length];
        int n = 0;
        try (InputStream in = location.open()) {
            while (n < head.length) {
                int r = in.read(head, n, head.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        } catch (IOException e) {
            throw new DataException(location + ": cannot read: " + e.getMessage(), e);
        }
        if (n < head.length || !Arrays.equals(head, MAGIC)) {
            throw new DataException(location + ": not a Parquet file (it does not start with PAR1; is --format right?)");
        }
    }

    private static boolean containsParquet(DataLocation directory, int depth) {
        for (DataLocation child : directory.children()) {
            if (child.isDirectory() ? depth > 1 && containsParquet(child, depth - 1)
                    : child.name().endsWith(".parquet")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads {@code location} into samples of {@code modelInput}'s shape with labels in
     * {@code [0, numClasses)}; {@code labelled} false reads no labels (prediction).
     */
    public LoadedData read(DataLocation location, Columns columns, Shape modelInput, int numClasses,
                           List<String> classNames, boolean labelled) {
        checkLooksLikeParquet(location);
        Dataset<Row> table;
        try {
            table = spark.read().parquet(location.uri());
        } catch (RuntimeException e) {
            throw new DataException(location + ": cannot read as Parquet: " + SparkMessages.firstLine(e), e);
        }
        Column features = featuresAsFloatArray(location, table, columns.features());
        String idColumn = columns.id() != null ? columns.id()
                : List.of(table.columns()).contains(Columns.DEFAULT_ID) ? Columns.DEFAULT_ID : null;
        if (idColumn != null) {
            requireColumn(location, table, idColumn, "--id-column");
        }
        boolean hasLabels = labelled || List.of(table.columns()).contains(columns.label());
        Column label = hasLabels ? labelAsNumber(location, table, columns.label()) : null;

        Dataset<Row> selected = table.select(
                idColumn == null ? expr("CAST(NULL AS STRING)").as("id") : col(idColumn).cast("string").as("id"),
                features.as(LoadedData.PIXELS),
                hasLabels ? label.as(LoadedData.LABEL) : expr("CAST(NULL AS DOUBLE)").as(LoadedData.LABEL));
        Checked checked = check(location, selected, columns, modelInput, numClasses, hasLabels);
        Shape shape = checked.shape();
        // Numbering rows neither adds nor drops any: the validating job's count holds.
        long total = checked.rows();
        Dataset<Row> frame = withIds(selected, idColumn == null ? Columns.DEFAULT_ID : idColumn, idColumn == null);
        String description = location + " (" + total + " rows of " + shape + " from column '" + columns.features()
                + "'" + (hasLabels ? ", labels from '" + columns.label() + "'" : "") + ")";
        return LoadedData.ofFrame(description, shape, numClasses, classNames,
                idColumn == null ? Columns.DEFAULT_ID : idColumn, frame, total, () -> { });
    }

    private static Column featuresAsFloatArray(DataLocation location, Dataset<Row> table, String name) {
        DataType type = requireColumn(location, table, name, "--features-column");
        if (type.typeName().equals("vector")) {
            return org.apache.spark.ml.functions.vector_to_array(col(name), "float32");
        }
        if (type instanceof ArrayType array && array.elementType() instanceof NumericType) {
            return col(name).cast(DataTypes.createArrayType(DataTypes.FloatType));
        }
        throw new DataException(location + ": column '" + name + "' is " + type.simpleString()
                + "; the features must be a vector or an array<float|double>");
    }

    private static Column labelAsNumber(DataLocation location, Dataset<Row> table, String name) {
        DataType type = requireColumn(location, table, name, "--label-column");
        if (!(type instanceof NumericType)) {
            throw new DataException(location + ": column '" + name + "' is " + type.simpleString()
                    + "; labels must be whole numbers (class indices)");
        }
        return col(name).cast("double");
    }

    private static DataType requireColumn(DataLocation location, Dataset<Row> table, String name, String option) {
        if (!List.of(table.columns()).contains(name)) {
            throw new DataException(location + ": no column '" + name + "' (" + option + "); the columns are "
                    + String.join(", ", table.columns()));
        }
        return table.schema().apply(name).dataType();
    }

    /** What the validating job found: the per-sample shape and the row count. */
    private record Checked(Shape shape, long rows) {
    }

    /** The one validating job. */
    private static Checked check(DataLocation location, Dataset<Row> selected, Columns columns, Shape modelInput,
                               int numClasses, boolean hasLabels) {
        Column pixels = col(LoadedData.PIXELS);
        Column label = col(LoadedData.LABEL);
        Row stats = selected.agg(
                count("*"),
                sum(when(pixels.isNull(), 1).otherwise(0)),
                min(size(pixels)),
                max(size(pixels)),
                sum(when(expr("exists(" + LoadedData.PIXELS + ", x -> isnan(x) OR x IS NULL)"), 1).otherwise(0)),
                sum(when(label.isNull(), 1).otherwise(0)),
                min(label),
                max(label),
                sum(when(label.notEqual(expr("floor(" + LoadedData.LABEL + ")")), 1).otherwise(0))).first();
        String features = "column '" + columns.features() + "'";
        long rows = stats.getLong(0);
        if (rows == 0) {
            throw new DataException(location + ": the table has no rows");
        }
        if (stats.getLong(1) > 0) {
            throw new DataException(location + ": " + stats.getLong(1) + " of " + rows + " rows have a null "
                    + features);
        }
        int shortest = stats.getInt(2);
        int longest = stats.getInt(3);
        if (shortest != longest) {
            throw new DataException(location + ": " + features + " has rows of " + shortest + " to " + longest
                    + " values; every sample needs the same length");
        }
        if (stats.getLong(4) > 0) {
            throw new DataException(location + ": " + stats.getLong(4) + " rows have NaN or null values in "
                    + features);
        }
        Shape shape = columns.inputShape() != null ? columns.inputShape() : modelInput;
        if (shape.size() != longest) {
            throw new DataException(location + ": " + features + " has " + longest + " values per row, but "
                    + (columns.inputShape() != null ? "--input-shape " : "the model's input ") + shape + " needs "
                    + shape.size());
        }
        if (hasLabels) {
            if (stats.getLong(5) > 0) {
                throw new DataException(location + ": " + stats.getLong(5) + " rows have a null label in column '"
                        + columns.label() + "'");
            }
            if (stats.getLong(8) > 0) {
                throw new DataException(location + ": " + stats.getLong(8) + " labels in column '" + columns.label()
                        + "' are not whole numbers");
            }
            double low = stats.getDouble(6);
            double high = stats.getDouble(7);
            if (low < 0 || high >= numClasses) {
                throw new DataException(location + ": label " + (long) (low < 0 ? low : high) + " in column '"
                        + columns.label() + "' is outside the model's " + numClasses + " classes [0, " + numClasses
                        + ")");
            }
        }
        return new Checked(shape, rows);
    }

    /** The final frame: string id (the id column, or the row number), pixels, integer label. */
    private Dataset<Row> withIds(Dataset<Row> selected, String idColumn, boolean numberRows) {
        Dataset<Row> typed = selected.withColumn(LoadedData.LABEL, col(LoadedData.LABEL).cast("int"));
        if (!numberRows) {
            return typed.withColumnRenamed("id", idColumn);
        }
        // Row numbers follow the files' order, so ids are stable across runs over the same table.
        return spark.createDataFrame(typed.javaRDD().zipWithIndex().map(
                t -> RowFactory.create(String.valueOf(t._2()), t._1().get(1), t._1().get(2))),
                LoadedData.schema(idColumn));
    }
}
