package org.convspark.ml;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.convspark.engine.data.EmbeddedMnist;
import org.convspark.engine.data.LabelledImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Spark ML example, line for line, on a folder of 28x28 PNG digits (from the embedded
 * MNIST subset, one sub-folder per class) instead of {@code digits/}, and a local path instead of
 * HDFS.
 */
class ReadmeExampleTest {
    private static final int DIGITS = 400;

    @TempDir
    Path tmp;

    private Path digitFolder() throws IOException {
        LabelledImages mnist = EmbeddedMnist.train().slice(0, DIGITS);
        for (int i = 0; i < DIGITS; i++) {
            BufferedImage png = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            byte[] bytes = new byte[28 * 28];
            for (int p = 0; p < bytes.length; p++) {
                bytes[p] = (byte) Math.round(255 * mnist.pixels()[i * 784 + p]);
            }
            png.getRaster().setDataElements(0, 0, 28, 28, bytes);
            Path dir = Files.createDirectories(tmp.resolve("digits").resolve("digit-" + mnist.labels()[i]));
            ImageIO.write(png, "png", dir.resolve(i + ".png").toFile());
        }
        return tmp.resolve("digits");
    }

    @Test
    void theExampleTrainsEvaluatesAndSaves() throws IOException {
        String digits = digitFolder().toString();
        String saved = tmp.resolve("models/digits").toString();
        SparkSession spark = TestSpark.session();
        // ---- the README's lines ----
        Dataset<Row> images = spark.read().format("binaryFile").option("pathGlobFilter", "*.png").load(digits + "/*")
                .withColumn("class", regexp_extract(col("path"), "/([^/]+)/[^/]+$", 1));
        Dataset<Row>[] split = images.randomSplit(new double[] {0.8, 0.2}, 1);
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
            new StringIndexer().setInputCol("class").setOutputCol("label"),
            new ConvNetClassifier().setImageCol("content").setModelSpec("lenet5").setEpochs(10).setLr(0.002)});
        PipelineModel model = pipeline.fit(split[0]);
        double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy")
                .evaluate(model.transform(split[1]));
        model.write().overwrite().save(saved);
        // ----
        assertEquals(DIGITS, images.count());
        // About 320 training digits, 10 epochs: far from MNIST's best, far above chance (10%).
        assertTrue(accuracy > 0.5, "accuracy " + accuracy);
        ConvNetClassificationModel convNet = (ConvNetClassificationModel) PipelineModel.load(saved).stages()[1];
        assertTrue(convNet.classNames().stream().allMatch(name -> name.startsWith("digit-")), convNet.classNames()
                .toString());
    }
}
