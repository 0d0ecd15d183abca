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
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.convspark.engine.UserInputException;
import org.convspark.engine.testing.ImageFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input from image structs, the column Spark's {@code image} data source makes, and from PNG files'
 * bytes, the {@code content} column of its {@code binaryFile} source.
 */
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

    /** 90 gray PNGs of the three bar shapes, the shape in each file's name. */
    private Path writePngs() throws IOException {
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
        return dir;
    }

    /** {@code frame} with a label column from the shape named in {@code pathColumn}'s file name. */
    private static Dataset<Row> labelled(Dataset<Row> frame, Column pathColumn) {
        Column shape = regexp_extract(pathColumn, "/(\\w+)-\\d+\\.png$", 1);
        return frame.withColumn("label", when(shape.equalTo(Bars.SHAPES.get(0)), 0.0)
                .when(shape.equalTo(Bars.SHAPES.get(1)), 1.0).otherwise(2.0));
    }

    @Test
    void pngFilesReadBySparksImageSourceAreScored() throws IOException {
        Dataset<Row> files = labelled(spark.read().format("image").load(writePngs().toString()),
                col("image.origin"));
        Dataset<Row> scored = model.transform(files);
        assertEquals(90, scored.count());
        double accuracy = accuracy(scored);
        assertTrue(accuracy > 0.9, "accuracy " + accuracy);
    }

    @Test
    void pngFilesReadAsBytesScoreAsTheirDecodedStructsDo() throws IOException {
        Path dir = writePngs();
        Dataset<Row> bytes = labelled(spark.read().format("binaryFile").load(dir.toString()), col("path"));
        ConvNetClassificationModel fromBytes = model.copy(new ParamMap()).setImageCol("content");
        List<Row> byBytes = fromBytes.transform(bytes).orderBy("path").select("rawPrediction").collectAsList();
        List<Row> byStructs = model.transform(spark.read().format("image").load(dir.toString()))
                .orderBy("image.origin").select("rawPrediction").collectAsList();
        assertEquals(90, byBytes.size());
        for (int i = 0; i < byBytes.size(); i++) {
            assertArrayEquals(((Vector) byStructs.get(i).getAs(0)).toArray(), ((Vector) byBytes.get(i).getAs(0))
                    .toArray(), 0);
        }
        // A fit reads the same bytes.
        ConvNetClassificationModel trained = new ConvNetClassifier().setImageCol("content").setModelSpec(Bars.SPEC)
                .setEpochs(1).setBatchSize(30).setPartitions(2).fit(bytes);
        assertEquals(90, trained.transform(bytes).count());
    }

    @Test
    void aDecompressionBombInTheBytesIsRefusedFromItsHeaderNamingTheFile() throws IOException {
        Path dir = writePngs();
        Files.write(dir.resolve("vertical-999.png"), ImageFiles.grayPngBomb(30_000, 30_000, 1));
        Dataset<Row> bytes = labelled(spark.read().format("binaryFile").load(dir.toString()), col("path"));
        String expected = "imageCol 'content': file:" + dir + "/vertical-999.png: image of 30000x30000 (height x "
                + "width, 900000000 pixels) is above the limit of 16777216 pixels (param maxImagePixels raises it); "
                + "not decoded";
        Exception scoring = assertThrows(Exception.class,
                () -> model.copy(new ParamMap()).setImageCol("content").transform(bytes).count());
        assertTrue(scoring.getMessage().contains(expected), scoring.getMessage());
        UserInputException fitting = assertThrows(UserInputException.class, () -> new ConvNetClassifier()
                .setImageCol("content").setModelSpec(Bars.SPEC).setEpochs(1).setBatchSize(30).setPartitions(2)
                .fit(bytes));
        assertEquals(expected, fitting.getMessage());
        assertTrue(fitting.getCause() == null, "refused on the driver, not by a failing (retried) task");
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
        assertTrue(e.getMessage().startsWith("imageCol 'label' must be a struct of Spark's image data source (struct<"),
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
