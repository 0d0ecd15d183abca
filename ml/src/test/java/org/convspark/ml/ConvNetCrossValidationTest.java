package org.convspark.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model selection with Spark's tuning: a two-point grid over the learning rate, two folds. */
class ConvNetCrossValidationTest {
    @TempDir
    Path tmp;

    @Test
    void crossValidationPicksTheLearningRateThatLearnsAndTheResultSavesAndLoads() throws IOException {
        SparkSession spark = TestSpark.session();
        Dataset<Row> data = Bars.vectors(spark, 240, 5).cache();
        ConvNetClassifier classifier = new ConvNetClassifier().setModelSpec(Bars.SPEC).setEpochs(8).setBatchSize(40)
                .setPartitions(2);
        ParamMap[] grid = new ParamGridBuilder().addGrid(classifier.lr(), new double[] {1e-5, 0.03}).build();
        MulticlassClassificationEvaluator accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy");
        CrossValidatorModel cv = new CrossValidator().setEstimator(classifier).setEvaluator(accuracy)
                .setEstimatorParamMaps(grid).setNumFolds(2).setSeed(3).fit(data);

        double[] metrics = cv.avgMetrics();
        assertEquals(2, metrics.length);
        assertTrue(metrics[1] > 0.85, "lr 0.03: " + metrics[1]);
        assertTrue(metrics[0] < 0.6, "lr 1e-5 barely moves in 8 epochs: " + metrics[0]);
        ConvNetClassificationModel best = assertInstanceOf(ConvNetClassificationModel.class, cv.bestModel());
        assertEquals(0.03, ((ConvNetClassifier) best.parent()).getLr());
        assertTrue(accuracy.evaluate(cv.transform(data)) > 0.85);

        String dir = tmp.resolve("cv").toString();
        cv.write().save(dir);
        CrossValidatorModel loaded = CrossValidatorModel.load(dir);
        assertArrayEquals(metrics, loaded.avgMetrics());
        assertArrayEquals(best.parameters(), ((ConvNetClassificationModel) loaded.bestModel()).parameters());
    }
}
