package org.convspark.jobs.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.convspark.engine.data.ImageDecoder;
import org.convspark.engine.tensor.Shape;
import org.convspark.engine.testing.ImageFiles;
import org.convspark.jobs.testing.ImageFolders;
import org.convspark.jobs.testing.TestSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderReaderTest {
    @TempDir
    Path tmp;

    private final SparkSession spark = TestSpark.session();

    private DataLocation at(Path p) {
        return DataLocation.of(p.toString(), new Configuration());
    }

    private LoadedData read(Path root, Shape shape) {
        return new ImageFolderReader(spark, new Configuration(), DataRequest.defaultImages()).read(at(root), shape,
                ImageFolderReader.classFolders(at(root)));
    }

    private String error(Path root, Shape shape) {
        return assertThrows(DataException.class, () -> read(root, shape)).getMessage();
    }

    @Test
    void classesAreSubFoldersAndPixelsAreChannelPlanes() throws IOException {
        Path root = tmp.resolve("shapes");
        ImageFolders.write(root, 2, 8, 1);
        BufferedImage rgb = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(1, 0, 0x102030);
        ImageIO.write(rgb, "png", root.resolve("vertical/zz-rgb.png").toFile());
        LoadedData data = read(root, Shape.of(3, 8, 8));
        assertEquals(7, data.count());
        assertEquals(List.of("dots", "horizontal", "vertical"), data.classNames());
        List<Row> rows = data.frame(spark).orderBy("path").collectAsList();
        assertEquals(root + "/dots/dots-000.png", rows.get(0).getString(0));
        assertEquals(0, rows.get(0).getInt(2));
        Row last = rows.get(6);
        assertEquals(root + "/vertical/zz-rgb.png", last.getString(0));
        assertEquals(2, last.getInt(2));
        List<Float> pixels = last.getList(1);
        assertEquals(3 * 64, pixels.size());
        assertEquals(0x10 / 255f, pixels.get(1), 1e-6);
        assertEquals(0x20 / 255f, pixels.get(64 + 1), 1e-6);
        assertEquals(0x30 / 255f, pixels.get(128 + 1), 1e-6);
        data.release();
    }

    @Test
    void mixedSizesNameTheOddFile() throws IOException {
        Path root = tmp.resolve("mixed");
        ImageFolders.write(root, 2, 8, 2);
        ImageFolders.writeOne(root.resolve("dots/odd.png"), 9, 8);
        assertEquals(root + "/dots/odd.png: image of 8x9 but " + root + "/dots/dots-000.png is 8x8; all images must "
                + "have one size (6 are 8x8, 1 differ); convspark does not resize", error(root, Shape.of(1, 8, 8)));
    }

    @Test
    void sizeOtherThanTheModelsIsRefused() throws IOException {
        Path root = tmp.resolve("small");
        ImageFolders.write(root, 1, 8, 3);
        assertEquals(root + ": the images are 8x8 but the model takes 28x28 inputs; convspark does not resize",
                error(root, Shape.of(1, 28, 28)));
    }

    @Test
    void emptyFolderIsNamed() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("empty"));
        assertEquals(root + ": the folder is empty", assertThrows(DataException.class,
                () -> ImageFolderReader.classFolders(at(root))).getMessage());
    }

    @Test
    void classFolderWithoutImagesIsNamed() throws IOException {
        Path root = tmp.resolve("gap");
        ImageFolders.write(root, 1, 8, 4);
        Files.createDirectories(root.resolve("zebra"));
        Files.writeString(root.resolve("zebra/README.txt"), "no images here");
        assertEquals(root + "/zebra: the class folder holds no PNG or JPEG images", error(root, Shape.of(1, 8, 8)));
    }

    @Test
    void undecodableImageIsNamed() throws IOException {
        Path root = tmp.resolve("broken");
        ImageFolders.write(root, 1, 8, 5);
        Files.writeString(root.resolve("dots/bad.png"), "not a png");
        assertEquals(root + "/dots/bad.png: not a PNG or JPEG image (9 bytes, no PNG or JPEG signature)",
                error(root, Shape.of(1, 8, 8)));
    }

    @Test
    void aTruncatedImageIsNamedWithWhatTheDecoderFound() throws IOException {
        Path root = tmp.resolve("truncated");
        ImageFolders.write(root, 1, 8, 5);
        byte[] png = Files.readAllBytes(root.resolve("dots/dots-000.png"));
        Files.write(root.resolve("dots/cut.png"), Arrays.copyOf(png, png.length / 2));
        String message = error(root, Shape.of(1, 8, 8));
        assertTrue(message.startsWith(root + "/dots/cut.png: not a decodable PNG or JPEG image: "), message);
    }

    @Test
    void aDecompressionBombIsRefusedFromItsHeaderNamingItsSize() throws IOException {
        Path root = tmp.resolve("bomb");
        ImageFolders.write(root, 2, 8, 6);
        // The header claims 30,000 x 30,000; a decoder that trusted it would allocate 900 MB.
        Files.write(root.resolve("horizontal/bomb.png"), ImageFiles.grayPngBomb(30_000, 30_000, 1));
        assertEquals(root + "/horizontal/bomb.png: image of 30000x30000 (height x width, 900000000 pixels) is above "
                + "the limit of 16777216 pixels (--max-image-pixels raises it); not decoded",
                error(root, Shape.of(1, 8, 8)));
    }

    @Test
    void aFileLongerThanAnyImageWithinTheLimitIsRefusedUnread() throws IOException {
        Path root = tmp.resolve("long");
        ImageFolders.write(root, 1, 8, 7);
        ImageDecoder small = new ImageDecoder(64, DataRequest.MAX_IMAGE_PIXELS);
        try (RandomAccessFile sparse = new RandomAccessFile(root.resolve("dots/huge.jpg").toFile(), "rw")) {
            sparse.setLength(small.maxFileBytes() + 1); // sparse: costs no disk, and is never read
        }
        DataException e = assertThrows(DataException.class, () -> new ImageFolderReader(spark, new Configuration(),
                small).read(at(root), Shape.of(1, 8, 8), ImageFolderReader.classFolders(at(root))));
        assertEquals(root + "/dots/huge.jpg: " + (small.maxFileBytes() + 1) + " bytes, more than any image within the "
                + "limit of 64 pixels takes (" + small.maxFileBytes() + " bytes; --max-image-pixels raises it); not read",
                e.getMessage());
    }

    @Test
    void aModelLargerThanTheLimitIsRefusedBeforeReading() throws IOException {
        Path root = tmp.resolve("limit");
        ImageFolders.write(root, 1, 8, 8);
        DataException e = assertThrows(DataException.class, () -> new ImageFolderReader(spark, new Configuration(),
                new ImageDecoder(63, DataRequest.MAX_IMAGE_PIXELS)).read(at(root), Shape.of(1, 8, 8),
                ImageFolderReader.classFolders(at(root))));
        assertEquals(root + ": the model takes images of 8x8, above the limit of 63 pixels (--max-image-pixels raises "
                + "it)", e.getMessage());
    }

    @Test
    void imagesOutsideClassFoldersAreRefused() throws IOException {
        Path root = tmp.resolve("flat");
        ImageFolders.writeOne(root.resolve("a.png"), 8, 8);
        DataException e = assertThrows(DataException.class, () -> ImageFolderReader.classFolders(at(root)));
        assertEquals(root + "/a.png: images must be inside one sub-folder per class, not directly in " + root,
                e.getMessage());
    }

    @Test
    void withoutClassesAnyLayoutIsReadUnlabelled() throws IOException {
        Path root = tmp.resolve("any");
        ImageFolders.writeOne(root.resolve("a.png"), 8, 8);
        ImageFolders.writeOne(root.resolve("deeper/b c.png"), 8, 8);
        LoadedData data = new ImageFolderReader(spark, new Configuration(), DataRequest.defaultImages()).read(at(root), Shape.of(1, 8, 8), null);
        List<Row> rows = data.frame(spark).orderBy("path").collectAsList();
        assertEquals(root + "/a.png", rows.get(0).getString(0));
        assertEquals(root + "/deeper/b c.png", rows.get(1).getString(0));
        assertTrue(rows.get(1).isNullAt(2));
        data.release();
    }

    @Test
    void modelsWithOtherChannelCountsAreRefused() throws IOException {
        Path root = tmp.resolve("four");
        ImageFolders.write(root, 1, 8, 6);
        assertEquals(root + ": images give samples of 1 (gray) or 3 (RGB) channels x height x width; the model "
                + "takes 4x8x8", error(root, Shape.of(4, 8, 8)));
    }
}
