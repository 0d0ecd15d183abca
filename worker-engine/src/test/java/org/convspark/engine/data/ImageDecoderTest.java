package org.convspark.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferUShort;
import java.awt.image.IndexColorModel;
import java.util.Random;
import javax.imageio.ImageTypeSpecifier;
import org.convspark.engine.data.ImageDecoder.DecodedImage;
import org.convspark.engine.data.ImageDecoder.ImageHeader;
import org.convspark.engine.io.InvalidFileException;
import org.convspark.engine.testing.ImageFiles;
import org.junit.jupiter.api.Test;

class ImageDecoderTest {
    private static final ImageDecoder DECODER = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS, "--max-image-pixels");

    private static BufferedImage noise(int type, int height, int width, long seed) {
        BufferedImage image = new BufferedImage(width, height, type);
        Random random = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt());
            }
        }
        return image;
    }

    @Test
    void grayPngGivesOneChannelOfItsSamples() {
        BufferedImage image = noise(BufferedImage.TYPE_BYTE_GRAY, 5, 7, 1);
        DecodedImage decoded = DECODER.decode("a.png", ImageFiles.encode(image, "png"), 5, 7);
        assertEquals(1, decoded.channels());
        byte[] expected = new byte[35];
        for (int i = 0; i < 35; i++) {
            expected[i] = (byte) image.getRaster().getSample(i % 7, i / 7, 0);
        }
        assertArrayEquals(expected, decoded.data());
    }

    @Test
    void colourPngGivesBgrAndAlphaGivesBgra() {
        for (int type : new int[] {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB}) {
            BufferedImage image = noise(type, 4, 3, 2);
            DecodedImage decoded = DECODER.decode("c.png", ImageFiles.encode(image, "png"), 4, 3);
            int channels = type == BufferedImage.TYPE_INT_ARGB ? 4 : 3;
            assertEquals(channels, decoded.channels());
            for (int p = 0; p < 12; p++) {
                int argb = image.getRGB(p % 3, p / 3);
                assertEquals((byte) argb, decoded.data()[p * channels]);
                assertEquals((byte) (argb >>> 8), decoded.data()[p * channels + 1]);
                assertEquals((byte) (argb >>> 16), decoded.data()[p * channels + 2]);
                if (channels == 4) {
                    assertEquals((byte) (argb >>> 24), decoded.data()[p * channels + 3]);
                }
            }
        }
    }

    @Test
    void palettePngGivesItsColours() {
        byte[] r = {0, (byte) 200, 10};
        byte[] g = {0, 20, (byte) 250};
        byte[] b = {0, 30, 40};
        BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(2, 3, r, g, b));
        image.getRaster().setSample(1, 0, 0, 1);
        image.getRaster().setSample(0, 1, 0, 2);
        DecodedImage decoded = DECODER.decode("p.png", ImageFiles.encode(image, "png"), 2, 2);
        assertEquals(3, decoded.channels());
        assertArrayEquals(new byte[] {0, 0, 0, 30, 20, (byte) 200, 40, (byte) 250, 10, 0, 0, 0}, decoded.data());
    }

    @Test
    void sixteenBitGrayKeepsItsHighByte() {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
        short[] samples = ((DataBufferUShort) image.getRaster().getDataBuffer()).getData();
        samples[0] = (short) 0xff10; // bright: Spark's image source would keep 0x10 (dark)
        samples[1] = (short) 0x0aff;
        DecodedImage decoded = DECODER.decode("w.png", ImageFiles.encode(image, "png"), 1, 2);
        assertArrayEquals(new byte[] {(byte) 0xff, 0x0a}, decoded.data());
    }

    @Test
    void packedGrayComesThroughItsPaletteAsColour() {
        BufferedImage image = ImageTypeSpecifier.createGrayscale(1, DataBuffer.TYPE_BYTE, false)
                .createBufferedImage(3, 1);
        image.getRaster().setSample(1, 0, 0, 1);
        DecodedImage decoded = DECODER.decode("b.png", ImageFiles.encode(image, "png"), 1, 3);
        assertEquals(3, decoded.channels()); // as Spark's image source: 1-bit samples 0 and 1 would be black
        byte w = (byte) 255;
        assertArrayEquals(new byte[] {0, 0, 0, w, w, w, 0, 0, 0}, decoded.data());
    }

    @Test
    void jpegDecodesGrayAndColourCloseToTheOriginal() {
        for (int type : new int[] {BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_INT_RGB}) {
            BufferedImage image = new BufferedImage(16, 16, type);
            for (int y = 0; y < 16; y++) {
                for (int x = 0; x < 16; x++) {
                    int v = 8 * x + 4 * y; // smooth, so JPEG keeps it close
                    image.setRGB(x, y, v << 16 | (255 - v) << 8 | v / 2);
                }
            }
            DecodedImage decoded = DECODER.decode("j.jpg", ImageFiles.encode(image, "jpeg"), 16, 16);
            int channels = type == BufferedImage.TYPE_BYTE_GRAY ? 1 : 3;
            assertEquals(channels, decoded.channels());
            double error = 0;
            for (int p = 0; p < 256; p++) {
                int expected = channels == 1 ? image.getRaster().getSample(p % 16, p / 16, 0)
                        : image.getRGB(p % 16, p / 16) & 0xff;
                error += Math.abs((decoded.data()[p * channels] & 0xff) - expected);
            }
            assertTrue(error / 256 < 6, "mean error " + error / 256);
        }
    }

    @Test
    void headerGivesTheSizeWithoutDecoding() {
        ImageHeader header = DECODER.header("a.png", ImageFiles.encode(noise(BufferedImage.TYPE_INT_RGB, 9, 4, 3),
                "png"));
        assertEquals(new ImageHeader("png", 9, 4), header);
        assertEquals("jpeg", DECODER.header("a.jpg", ImageFiles.encode(noise(BufferedImage.TYPE_INT_RGB, 9, 4, 3),
                "jpeg")).format());
    }

    @Test
    void aBombIsRefusedFromItsHeader() {
        // 30,000 x 30,000 claimed: decoding would allocate 900 MB before finding the data short.
        byte[] bomb = ImageFiles.grayPngBomb(30_000, 30_000, 1);
        for (Runnable read : new Runnable[] {() -> DECODER.header("big/bomb.png", bomb),
            () -> DECODER.decode("big/bomb.png", bomb, 28, 28)}) {
            InvalidFileException e = assertThrows(InvalidFileException.class, read::run);
            assertEquals("big/bomb.png: image of 30000x30000 (height x width, 900000000 pixels) is above the limit of "
                    + "16777216 pixels (--max-image-pixels raises it); not decoded", e.getMessage());
        }
    }

    @Test
    void aRealDecompressionBombIsRefused() {
        byte[] bomb = ImageFiles.grayPngBomb(5_000, 4_000, 5_000);
        assertTrue(bomb.length < 100_000, bomb.length + " bytes");
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> DECODER.decode("z.png", bomb, 28, 28));
        assertTrue(e.getMessage().startsWith("z.png: image of 5000x4000 "), e.getMessage());
        // Under a higher limit the same file decodes (it is a valid PNG).
        DecodedImage decoded = new ImageDecoder(20_000_000, "limit").decode("z.png", bomb, 5_000, 4_000);
        assertEquals(20_000_000, decoded.data().length);
    }

    @Test
    void anImageOfAnotherSizeIsRefusedBeforeDecoding() {
        byte[] png = ImageFiles.encode(noise(BufferedImage.TYPE_BYTE_GRAY, 20, 10, 4), "png");
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> DECODER.decode("x.png", png, 28, 28));
        assertEquals("x.png: image of 20x10 (height x width), expected 28x28; images are not resized", e.getMessage());
    }

    @Test
    void otherFormatsAndEmptyFilesAreRefusedByName() {
        byte[] gif = ImageFiles.encode(noise(BufferedImage.TYPE_BYTE_INDEXED, 3, 3, 5), "gif");
        assertEquals("g.png: not a PNG or JPEG image (" + gif.length + " bytes, no PNG or JPEG signature)",
                assertThrows(InvalidFileException.class, () -> DECODER.header("g.png", gif)).getMessage());
        assertEquals("e.png: not a PNG or JPEG image (0 bytes, empty)",
                assertThrows(InvalidFileException.class, () -> DECODER.header("e.png", new byte[0])).getMessage());
        byte[] truncated = java.util.Arrays.copyOf(ImageFiles.encode(noise(BufferedImage.TYPE_BYTE_GRAY, 8, 8, 6),
                "png"), 12);
        assertTrue(assertThrows(InvalidFileException.class, () -> DECODER.header("t.png", truncated)).getMessage()
                .startsWith("t.png: not a decodable PNG or JPEG image: "));
    }

    @Test
    void theLimitMustBePositive() {
        assertEquals("--max-image-pixels must be from 1 to 536870911, got 0",
                assertThrows(IllegalArgumentException.class, () -> new ImageDecoder(0, "--max-image-pixels"))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ImageDecoder(1L << 29, "--max-image-pixels"));
    }
}
