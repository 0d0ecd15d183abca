package org.convspark.ml;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input from image structs, the column Spark's {@code image} data source makes. */
class ConvNetImageInputTest {
    private static SparkSession spark;
    private static ConvNetClassificationModel model;

    @TempDir
    Path tmp;

    @BeforeAll
    static void fit() {
        spark = TestSpark.session();
        model = new ConvNetClassifier().setImageCol("image").setModelSpec(Bars.SPEC).setEpochs(8).setBatchSize(64)
                .setLr(0.02).setPartitions(2).fit(Bars.images(spark, 300, 11, 1, Bars.SIZE));
    }

    static double accuracy(Dataset<Row> scored) {
        return new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(scored);
    }

    @Test
    void aModelLearnsFromGrayImageStructs() {
        assertEquals("image", model.getImageCol());
        double accuracy = accuracy(model.transform(Bars.images(spark, 150, 12, 1, Bars.SIZE)));
        assertTrue(accuracy > 0.9, "accuracy " + accuracy);
    }

    @Test
    void colourImagesBecomeLumaForAOneChannelModel() {
        // Equal B, G and R bytes have the gray value as their luma, so scores match the gray copy.
        List<Row> gray = model.transform(Bars.images(spark, 60, 13, 1, Bars.SIZE)).select("rawPrediction")
                .collectAsList();
        List<Row> colour = model.transform(Bars.images(spark, 60, 13, 3, Bars.SIZE)).select("rawPrediction")
                .collectAsList();
        for (int i = 0; i < gray.size(); i++) {
            assertArrayEquals(((Vector) gray.get(i).getAs(0)).toArray(), ((Vector) colour.get(i).getAs(0)).toArray(),
                    1e-4);
        }
    }

    @Test
    void pngFilesReadBySparksImageSourceAreScored() throws IOException {
        Dataset<Row> structs = Bars.images(spark, 90, 14, 1, Bars.SIZE);
        Path dir = Files.createDirectories(tmp.resolve("bars"));
        for (Row row : structs.collectAsList()) {
            Row image = row.getStruct(0);
            byte[] data = (byte[]) image.get(5);
            BufferedImage png = new BufferedImage(Bars.SIZE, Bars.SIZE, BufferedImage.TYPE_BYTE_GRAY);
            png.getRaster().setDataElements(0, 0, Bars.SIZE, Bars.SIZE, data);
            String name = Bars.SHAPES.get(row.getInt(1)) + "-" + image.getString(0).replaceAll("\\D", "") + ".png";
            ImageIO.write(png, "png", dir.resolve(name).toFile());
        }
        Column shape = regexp_extract(col("image.origin"), "/(\\w+)-\\d+\\.png$", 1);
        Dataset<Row> files = spark.read().format("image").load(dir.toString())
                .withColumn("label", when(shape.equalTo(Bars.SHAPES.get(0)), 0.0)
                        .when(shape.equalTo(Bars.SHAPES.get(1)), 1.0).otherwise(2.0));
        Dataset<Row> scored = model.transform(files);
        assertEquals(90, scored.count());
        double accuracy = accuracy(scored);
        assertTrue(accuracy > 0.9, "accuracy " + accuracy);
    }

    @Test
    void imagesOfAnotherSizeAreRefusedNamingTheFile() {
        Exception e = assertThrows(Exception.class, () -> model.transform(Bars.images(spark, 3, 15, 1, 10)).count());
        assertTrue(java.util.regex.Pattern.compile("imageCol 'image': memory:/bars/\\d\\.png is 10x10 \\(height x "
                + "width\\), the model takes 8x8; images are not resized").matcher(e.getMessage()).find(),
                e.getMessage());
    }

    @Test
    void theImageColumnMustBeAnImageStruct() {
        ConvNetClassificationModel copy = model.copy(new org.apache.spark.ml.param.ParamMap()).setImageCol("label");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> copy.transform(Bars.images(spark, 3, 15, 1, Bars.SIZE)));
        assertTrue(e.getMessage().startsWith("imageCol 'label' must be a struct of Spark's image data source"),
                e.getMessage());
        ConvNetClassifier threeD = new ConvNetClassifier().setImageCol("image").setInputShape(1, 2, 8, 8)
                .setModelSpec("{\"input\": [1, 2, 8, 8], \"layers\": [{\"type\": \"flatten\"}, "
                        + "{\"type\": \"linear\", \"out_features\": 2}]}");
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> threeD.fit(Bars.images(spark, 3, 15, 1, Bars.SIZE)));
        assertTrue(shape.getMessage().contains("images need a model whose input is [1 or 3 channels, height, width]"),
                shape.getMessage());
    }
}
