package org.convspark.ml;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;
import org.convspark.engine.UserInputException;
import scala.Tuple2;

/**
 * The training rows of a fit as (pixels, class index) pairs for the driver's {@code
 * ShardedDataset}, and the class names the label column's ML metadata gives (a {@code
 * StringIndexer}'s labels, for example). Labels are class indices: whole numbers in
 * {@code [0, numClasses)}, as Spark's classifiers take them.
 */
final class LabelledRows {
    private LabelledRows() {
    }

    /**
     * One pair per row, kept (serialized, memory then disk) so the rows are read once: (pixels,
     * class index), or (null, what is wrong) for a row that cannot be used. A bad row is a value,
     * not an exception in the task: Spark retries a failed task up to {@code spark.task.maxFailures}
     * times, which for bad data only repeats the failure. The value is an {@code Integer} or a
     * {@code String} because both are registered with Kryo (registration is required, and the
     * driver's registrator cannot name this module's classes).
     */
    static JavaPairRDD<float[], Object> read(Dataset<?> dataset, SampleReader reader, String labelCol,
                                             int numClasses) {
        int label = dataset.schema().fieldIndex(labelCol);
        return dataset.toDF().javaRDD().<float[], Object>mapToPair(row -> {
            try {
                float[] pixels = new float[reader.size];
                reader.read(row, pixels, 0);
                return new Tuple2<>(pixels, classIndex(row, label, labelCol, numClasses));
            } catch (UserInputException e) {
                return new Tuple2<>(null, e.getMessage());
            }
        }).persist(StorageLevel.MEMORY_AND_DISK_SER());
    }

    /**
     * The pairs of {@link #read}, after one job that refuses, on the driver, the first row (in
     * partition order) that cannot be used, with the param, column and problem in the message.
     */
    static JavaPairRDD<float[], Integer> checked(JavaPairRDD<float[], Object> rows) {
        // Each partition's first problem (at most P strings reach the driver), in one job: take(1)
        // would scan the partitions a few at a time in a series of jobs when all rows are good.
        List<String> firstPerPartition = rows.mapPartitions(pairs -> {
            while (pairs.hasNext()) {
                Tuple2<float[], Object> pair = pairs.next();
                if (pair._1() == null) {
                    return List.of((String) pair._2()).iterator();
                }
            }
            return java.util.Collections.<String>emptyIterator();
        }).collect();
        if (!firstPerPartition.isEmpty()) {
            throw new UserInputException(firstPerPartition.get(0));
        }
        return rows.mapValues(value -> (Integer) value);
    }

    static int classIndex(Row row, int column, String labelCol, int numClasses) {
        if (row.isNullAt(column)) {
            throw new UserInputException("labelCol '" + labelCol + "': a row has no label (null)");
        }
        double value = ((Number) row.get(column)).doubleValue();
        if (value != Math.rint(value) || value < 0 || value >= numClasses) {
            throw new UserInputException("labelCol '" + labelCol + "': label " + value + " is not a class index "
                    + "in [0, " + numClasses + ") (the model has " + numClasses + " outputs; index string labels with "
                    + "StringIndexer)");
        }
        return (int) value;
    }

    /**
     * A name per class: the label column's nominal values where its metadata has them, else the
     * index. Refuses metadata that declares more classes than the model outputs.
     */
    static List<String> classNames(StructField labelField, int numClasses, String modelName) {
        Attribute attribute = Attribute.fromStructField(labelField);
        String[] values = new String[0];
        if (attribute instanceof NominalAttribute nominal) {
            if (nominal.getNumValues().isDefined()) {
                int declared = (Integer) nominal.getNumValues().get();
                if (declared > numClasses) {
                    throw new IllegalArgumentException("labelCol '" + labelField.name() + "' has " + declared
                            + " classes (its metadata says so) but model " + modelName + " outputs " + numClasses
                            + "; change the last layer of modelSpec");
                }
            }
            if (nominal.values().isDefined()) {
                values = nominal.values().get();
            }
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < numClasses; c++) {
            names.add(c < values.length ? values[c] : Integer.toString(c));
        }
        return names;
    }
}
