package org.convspark.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.convspark.engine.data.ImageDecoder.DecodedImage;
import org.convspark.engine.testing.FileMutator;
import org.convspark.engine.testing.FileMutator.Field;
import org.convspark.engine.testing.FileMutator.Mutation;
import org.convspark.engine.testing.ImageFiles;
import org.convspark.engine.testing.LoaderFuzz;
import org.convspark.engine.testing.LoaderFuzz.Attempt;
import org.convspark.engine.testing.LoaderFuzz.Outcome;
import org.junit.jupiter.api.Test;

/**
 * PNG and JPEG files damaged in their headers (sizes, chunk and segment lengths
 * and types, bit flips, truncation, insertions) are decoded or refused with a one-line
 * {@code InvalidFileException} naming the file; none throws anything else, hangs or allocates
 * more than the pixel limit allows (a decoded image never exceeds it).
 */
class ImageDecoderFuzzTest {
    private static final int HEIGHT = 12;
    private static final int WIDTH = 10;
    /** Small, so a damaged header claiming more is refused rather than allocated. */
    private static final long LIMIT = 64 * 64;
    private static final ImageDecoder DECODER = new ImageDecoder(LIMIT, "the limit");

    private record Sample(String name, byte[] bytes, FileMutator mutator) {
    }

    private static BufferedImage image(int type) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, type);
        Random random = new Random(type);
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                image.setRGB(x, y, random.nextInt());
            }
        }
        return image;
    }

    private static List<Sample> samples() {
        List<Sample> samples = new ArrayList<>();
        for (int type : new int[] {BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_INT_RGB,
            BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_BYTE_INDEXED}) {
            byte[] png = ImageFiles.encode(image(type), "png");
            samples.add(new Sample("image-" + type + ".png", png, FileMutator.binary(pngFields(png))));
        }
        for (int type : new int[] {BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_INT_RGB}) {
            byte[] jpeg = ImageFiles.encode(image(type), "jpeg");
            samples.add(new Sample("image-" + type + ".jpg", jpeg, FileMutator.binary(jpegFields(jpeg))));
        }
        return samples;
    }

    /** Every chunk's length and type, and the IHDR's width and height. */
    static List<Field> pngFields(byte[] png) {
        List<Field> fields = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(png);
        int at = 8;
        while (at + 8 <= png.length) {
            int length = b.getInt(at);
            String type = new String(png, at + 4, 4, StandardCharsets.US_ASCII);
            fields.add(new Field(type + " length", at, 4, ByteOrder.BIG_ENDIAN));
            fields.add(new Field(type + " type", at + 4, 4, ByteOrder.BIG_ENDIAN));
            if (type.equals("IHDR")) {
                fields.add(new Field("IHDR width", at + 8, 4, ByteOrder.BIG_ENDIAN));
                fields.add(new Field("IHDR height", at + 12, 4, ByteOrder.BIG_ENDIAN));
            }
            at += 12 + length;
        }
        return fields;
    }

    /** Every segment's marker and length (up to the scan), and the frame header's height and width. */
    static List<Field> jpegFields(byte[] jpeg) {
        List<Field> fields = new ArrayList<>();
        int at = 2;
        while (at + 4 <= jpeg.length && (jpeg[at] & 0xff) == 0xff) {
            int marker = jpeg[at + 1] & 0xff;
            int length = (jpeg[at + 2] & 0xff) << 8 | jpeg[at + 3] & 0xff;
            String name = String.format("segment FF%02X", marker);
            fields.add(new Field(name + " marker and length", at, 4, ByteOrder.BIG_ENDIAN));
            if (marker == 0xc0 || marker == 0xc2) {
                fields.add(new Field(name + " height and width", at + 5, 4, ByteOrder.BIG_ENDIAN));
            }
            if (marker == 0xda) {
                break;
            }
            at += 2 + length;
        }
        return fields;
    }

    @Test
    void theValidSamplesDecode() {
        for (Sample s : samples()) {
            DecodedImage decoded = DECODER.decode(s.name(), s.bytes(), HEIGHT, WIDTH);
            assertEquals(HEIGHT * WIDTH * decoded.channels(), decoded.data().length, s.name());
        }
    }

    @Test
    void damagedHeadersAreDecodedOrRefusedByName() {
        List<Sample> samples = samples();
        Outcome outcome = LoaderFuzz.run("PNG and JPEG headers", 3_000, random -> {
            Sample s = samples.get(random.nextInt(samples.size()));
            Mutation m = s.mutator().mutate(s.bytes(), random);
            return new Attempt(s.name() + ": " + m.description(), s.name(), () -> {
                ImageDecoder.ImageHeader header = DECODER.header(s.name(), m.bytes());
                assertTrue(header.pixels() <= LIMIT, header.toString());
                DecodedImage decoded = DECODER.decode(s.name(), m.bytes(), HEIGHT, WIDTH);
                assertEquals(HEIGHT * WIDTH * decoded.channels(), decoded.data().length);
            });
        });
        assertTrue(outcome.refused() >= outcome.cases() / 3, outcome.toString());
    }
}
