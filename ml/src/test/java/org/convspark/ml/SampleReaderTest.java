package org.convspark.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.apache.spark.ml.image.ImageSchema;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.convspark.engine.data.ImageDecoder;
import org.convspark.engine.tensor.Shape;
import org.convspark.engine.testing.ImageFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class SampleReaderTest {
    private static final long LIMIT = ImageDecoder.DEFAULT_MAX_PIXELS;
    private static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.StringType)
            .add("v", new VectorUDT())
            .add("img", ImageSchema.columnSchema());

    private static void assertMessage(String expected, Executable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        assertTrue(e.getMessage().contains(expected), () -> "expected '" + expected + "' in: " + e.getMessage());
    }

    private static Row row(Object vector, Object image) {
        return RowFactory.create("r", vector, image);
    }

    private static Row image(int height, int width, int channels, byte... data) {
        return RowFactory.create("file:/x.png", height, width, channels, channels == 1 ? 0 : 16, data);
    }

    @Test
    void vectorsAreCopiedAsTheModelsInput() {
        SampleReader reader = SampleReader.of(SCHEMA, "", "v", Shape.of(1, 2, 2), LIMIT);
        float[] into = new float[6];
        reader.read(row(Vectors.sparse(4, new int[] {1, 3}, new double[] {0.5, -2}), null), into, 2);
        assertArrayEquals(new float[] {0, 0, 0, 0.5f, 0, -2}, into);
        assertMessage("featuresCol 'v': a vector of 3 values, the model's input 1x2x2 takes 4",
                () -> reader.read(row(Vectors.dense(1, 2, 3), null), into, 0));
        assertMessage("featuresCol 'v': a row has no vector (null)", () -> reader.read(row(null, null), into, 0));
        assertMessage("non-finite value NaN at index 2",
                () -> reader.read(row(Vectors.dense(1, 2, Double.NaN, 4), null), into, 0));
    }

    @Test
    void imagesAreConvertedToChannelPlanes() {
        SampleReader gray = SampleReader.of(SCHEMA, "img", "v", Shape.of(1, 1, 2), LIMIT);
        float[] into = new float[2];
        gray.read(row(null, image(1, 2, 1, (byte) 0, (byte) 255)), into, 0);
        assertArrayEquals(new float[] {0, 1}, into);
        SampleReader rgb = SampleReader.of(SCHEMA, "img", "v", Shape.of(3, 1, 1), LIMIT);
        float[] colour = new float[3];
        // Spark's image source stores colour as B, G, R bytes; the model takes R, G, B planes.
        rgb.read(row(null, image(1, 1, 3, (byte) 10, (byte) 20, (byte) 30)), colour, 0);
        assertArrayEquals(new float[] {30 / 255f, 20 / 255f, 10 / 255f}, colour);
        assertMessage("imageCol 'img': file:/x.png is 2x2 (height x width), the model takes 1x2",
                () -> gray.read(row(null, image(2, 2, 1, new byte[4])), into, 0));
        assertMessage("file:/x.png has 2 channels", () -> gray.read(row(null, image(1, 2, 2, new byte[4])), into, 0));
        assertMessage("imageCol 'img': file:/x.png: expected 2 bytes",
                () -> gray.read(row(null, image(1, 2, 1, new byte[3])), into, 0));
        assertMessage("imageCol 'img': a row has no image (null)", () -> gray.read(row(null, null), into, 0));
    }

    @Test
    void theSchemaIsCheckedWhenTheReaderIsMade() {
        assertMessage("featuresCol 'w': no such column; the columns are id, v, img",
                () -> SampleReader.of(SCHEMA, "", "w", Shape.of(1, 2, 2), LIMIT));
        assertMessage("featuresCol 'id' must hold ml.linalg vectors, it is string",
                () -> SampleReader.of(SCHEMA, "", "id", Shape.of(1, 2, 2), LIMIT));
        assertMessage("(image structs are read through imageCol: setImageCol(\"img\"))",
                () -> SampleReader.of(SCHEMA, "", "img", Shape.of(1, 2, 2), LIMIT));
        assertMessage("imageCol 'v' must be a struct of Spark's image data source",
                () -> SampleReader.of(SCHEMA, "v", "v", Shape.of(1, 2, 2), LIMIT));
        assertMessage("images need a model whose input is [1 or 3 channels, height, width]; this model takes 2x2x2",
                () -> SampleReader.of(SCHEMA, "img", "v", Shape.of(2, 2, 2), LIMIT));
    }

    @Test
    void pngBytesAreDecodedAfterTheHeaderCheckNamingTheRowsPath() {
        StructType files = new StructType().add("path", DataTypes.StringType).add("content", DataTypes.BinaryType);
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setSample(1, 0, 0, 255);
        SampleReader reader = SampleReader.of(files, "content", "v", Shape.of(1, 1, 2), LIMIT);
        float[] into = new float[2];
        reader.read(RowFactory.create("file:/a.png", ImageFiles.encode(image, "png")), into, 0);
        assertArrayEquals(new float[] {0, 1}, into, 0);
        assertMessage("imageCol 'content': file:/b.png: image of 30000x30000 (height x width, 900000000 pixels) is "
                + "above the limit of 16777216 pixels (param maxImagePixels raises it); not decoded",
                () -> reader.read(RowFactory.create("file:/b.png", ImageFiles.grayPngBomb(30_000, 30_000, 1)), into,
                        0));
        assertMessage("imageCol 'content': file:/c.png: image of 1x3 (height x width), expected 1x2",
                () -> reader.read(RowFactory.create("file:/c.png", ImageFiles.encode(new BufferedImage(3, 1,
                        BufferedImage.TYPE_BYTE_GRAY), "png")), into, 0));
        assertMessage("imageCol 'content': a row has no image (null)",
                () -> reader.read(RowFactory.create("file:/d.png", null), into, 0));
        StructType bytesOnly = new StructType().add("content", DataTypes.BinaryType);
        assertMessage("imageCol 'content': an image: not a PNG or JPEG image (3 bytes",
                () -> SampleReader.of(bytesOnly, "content", "v", Shape.of(1, 1, 2), LIMIT)
                        .read(RowFactory.create((Object) new byte[3]), into, 0));
        assertMessage("imageCol 'content': the model takes images of 1x2, above maxImagePixels 1",
                () -> SampleReader.of(files, "content", "v", Shape.of(1, 1, 2), 1));
    }
}
