package org.convspark.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.convspark.engine.UserInputException;
import org.convspark.engine.json.JsonObject;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.model.Network;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad input to a fit: each error names the param or column and says what is wrong. */
class ConvNetFitErrorsTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = TestSpark.session();
    }

    static ConvNetClassifier classifier() {
        return new ConvNetClassifier().setModelSpec(Bars.SPEC).setEpochs(1).setBatchSize(8).setPartitions(2);
    }

    /** The message of {@code action}'s exception or of one of its causes (Spark wraps task failures). */
    static void assertFailsWith(String expected, Executable action) {
        Throwable e = assertThrows(Exception.class, action);
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
            if (t.getMessage() != null && t.getMessage().contains(expected)) {
                return;
            }
        }
        throw new AssertionError("expected '" + expected + "' in:\n" + messages);
    }

    static Dataset<Row> rows(double label, int size) {
        StructType schema = new StructType().add("features", SQLDataTypes.VectorType())
                .add("label", DataTypes.DoubleType);
        return spark.createDataFrame(List.of(RowFactory.create(Vectors.dense(new double[size]), 0.0),
                RowFactory.create(Vectors.dense(new double[size]), label)), schema);
    }

    @Test
    void vectorsOfTheWrongSizeNameTheColumnAndTheShape() {
        assertFailsWith("featuresCol 'features': a vector of 63 values, the model's input 1x8x8 takes 64",
                () -> classifier().setBatchSize(2).fit(rows(1, 63)));
    }

    @Test
    void vectorSizesKnownFromMetadataAreCheckedBeforeAnyJob() {
        StructType schema = new StructType().add("a", DataTypes.DoubleType).add("b", DataTypes.DoubleType)
                .add("label", DataTypes.DoubleType);
        Dataset<Row> two = new VectorAssembler().setInputCols(new String[] {"a", "b"}).setOutputCol("features")
                .transform(spark.createDataFrame(List.of(RowFactory.create(1.0, 2.0, 0.0)), schema));
        assertFailsWith("featuresCol 'features' holds vectors of 2 values (its metadata says so) but the model's "
                + "input 1x8x8 takes 64", () -> classifier().fit(two));
    }

    @Test
    void labelsMustBeClassIndicesOfTheModel() {
        assertFailsWith("labelCol 'label': label 3.0 is not a class index in [0, 3)",
                () -> classifier().setBatchSize(2).fit(rows(3, 64)));
    }

    @Test
    void aBadRowFailsTheFitOnTheDriverWithTheColumnFirstAndNoFailedTask() {
        StructType schema = new StructType().add("features", SQLDataTypes.VectorType())
                .add("label", DataTypes.DoubleType);
        Dataset<Row> nullLabel = spark.createDataFrame(List.of(RowFactory.create(Vectors.dense(new double[64]), 0.0),
                RowFactory.create(Vectors.dense(new double[64]), null)), schema);
        UserInputException e = assertThrows(UserInputException.class,
                () -> classifier().setBatchSize(2).fit(nullLabel));
        assertEquals("labelCol 'label': a row has no label (null)", e.getMessage());
        // Made on the driver from the checking job's result: a failed task (which Spark would retry)
        // would have arrived as a SparkException around it.
        assertNull(e.getCause());
    }

    @Test
    void aLabelIsAWholeNumberInRange() {
        Row row = RowFactory.create(1.0, null, -1.0, 1.5, 2.0, 7);
        assertTrue(LabelledRows.classIndex(row, 0, "label", 3) == 1);
        assertTrue(LabelledRows.classIndex(row, 4, "label", 3) == 2);
        assertFailsWith("labelCol 'y': a row has no label (null)", () -> LabelledRows.classIndex(row, 1, "y", 3));
        assertFailsWith("labelCol 'y': label -1.0 is not a class index in [0, 3)",
                () -> LabelledRows.classIndex(row, 2, "y", 3));
        assertFailsWith("label 1.5 is not a class index", () -> LabelledRows.classIndex(row, 3, "y", 3));
        assertFailsWith("label 7.0 is not a class index", () -> LabelledRows.classIndex(row, 5, "y", 3));
    }

    @Test
    void missingAndMistypedColumnsAreNamed() {
        assertFailsWith("features", () -> classifier().setFeaturesCol("pixels").fit(rows(1, 64)));
        assertFailsWith("imageCol 'features' must be a struct of Spark's image data source",
                () -> classifier().setImageCol("features").fit(rows(1, 64)));
        assertFailsWith("labelCol 'digit': the input needs a numeric column of that name",
                () -> classifier().setImageCol("image").setLabelCol("digit").fit(Bars.images(spark, 3, 1, 1, 8)));
    }

    @Test
    void moreRowsThanPartitionsAndBatchesTheSizeOfTheDataAreNeeded() {
        assertFailsWith("batchSize 8 is larger than the 2 training rows", () -> classifier().fit(rows(1, 64)));
        assertFailsWith("2 samples cannot fill 3 partitions",
                () -> classifier().setBatchSize(1).setPartitions(3).fit(rows(1, 64)));
    }

    @Test
    void aModelWhoseLastLayerIsNotAClassVectorIsRefused() {
        ConvNetClassifier c = classifier().setModelSpec("{\"name\": \"no-head\", \"input\": [1, 8, 8], "
                + "\"layers\": [{\"type\": \"relu\"}]}");
        assertFailsWith("must end in a flat vector of >= 2 class scores", () -> c.fit(rows(1, 64)));
    }

    @Test
    void outputColumnsMayNotOverwriteInputColumns() {
        ModelSpec spec = SpecParam.parse(Bars.SPEC);
        ConvNetClassificationModel model = ConvNetClassificationModel.create("convnet_untrained", spec,
                new Network(spec).initialParameters(1), List.of("a", "b", "c"), JsonObject.builder().build(),
                List.of());
        assertFailsWith("predictionCol 'label': the input already has a column of that name",
                () -> model.copy(new org.apache.spark.ml.param.ParamMap()).setPredictionCol("label")
                        .transform(rows(1, 64)));
        assertTrue(model.transform(rows(1, 64)).count() == 2);
    }
}
