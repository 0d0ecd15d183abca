package org.convspark.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.List;
import java.util.SplittableRandom;
import org.convspark.engine.testing.FileMutator;
import org.convspark.engine.testing.FileMutator.Field;
import org.convspark.engine.testing.FileMutator.Mutation;
import org.convspark.engine.testing.LoaderFuzz;
import org.convspark.engine.testing.LoaderFuzz.Attempt;
import org.convspark.engine.testing.LoaderFuzz.Outcome;
import org.junit.jupiter.api.Test;

/**
 * Damaged IDX image and label files (plain and gzip; of known and unknown length) are read or
 * refused by name, never crash, hang or exhaust memory.
 */
class IdxReaderFuzzTest {
    private static final int COUNT = 12;
    private static final int HEIGHT = 7;
    private static final int WIDTH = 5;
    private static final FileMutator IMAGES = FileMutator.binary(List.of(
            new Field("magic", 0, 4, ByteOrder.BIG_ENDIAN), new Field("count", 4, 4, ByteOrder.BIG_ENDIAN),
            new Field("rows", 8, 4, ByteOrder.BIG_ENDIAN), new Field("columns", 12, 4, ByteOrder.BIG_ENDIAN)));
    private static final FileMutator LABELS = FileMutator.binary(List.of(
            new Field("magic", 0, 4, ByteOrder.BIG_ENDIAN), new Field("count", 4, 4, ByteOrder.BIG_ENDIAN)));

    private static byte[] validImages() {
        byte[] pixels = new byte[COUNT * HEIGHT * WIDTH];
        new SplittableRandom(1).nextBytes(pixels);
        return IdxReaderTest.idx(IdxReader.IMAGES_MAGIC, new int[] {COUNT, HEIGHT, WIDTH}, pixels);
    }

    private static byte[] validLabels() {
        byte[] labels = new byte[COUNT];
        for (int i = 0; i < COUNT; i++) {
            labels[i] = (byte) (i % 10);
        }
        return IdxReaderTest.idx(IdxReader.LABELS_MAGIC, new int[] {COUNT}, labels);
    }

    private static IdxFile file(String name, byte[] bytes, boolean lengthKnown) {
        return new IdxFile(name, lengthKnown ? bytes.length : -1, () -> new ByteArrayInputStream(bytes));
    }

    @Test
    void damagedIdxFilesAreReadOrRefusedByName() throws IOException {
        byte[] images = validImages();
        byte[] labels = validLabels();
        assertEquals(COUNT, new IdxReader().read(file("i", images, true), file("l", labels, true)).count());
        Outcome outcome = LoaderFuzz.run("IDX files", 1_500, random -> {
            boolean damageImages = random.nextBoolean();
            boolean otherGzip = random.nextBoolean();
            boolean lengthKnown = random.nextInt(4) != 0;
            byte[] imageBytes = otherGzip ? FileMutator.gzip(images) : images;
            byte[] labelBytes = otherGzip ? FileMutator.gzip(labels) : labels;
            Mutation m = (damageImages ? IMAGES : LABELS).mutate(damageImages ? images : labels, random);
            String name = damageImages ? "train-images.idx" : "train-labels.idx";
            IdxFile imageFile = file("train-images.idx", damageImages ? m.bytes() : imageBytes, lengthKnown);
            IdxFile labelFile = file("train-labels.idx", damageImages ? labelBytes : m.bytes(), lengthKnown);
            String description = name + " (the other file " + (otherGzip ? "gzip" : "plain") + ")"
                    + (lengthKnown ? "" : ", length unknown") + ": " + m.description();
            return new Attempt(description, "train-", () -> new IdxReader().read(imageFile, labelFile));
        });
        assertTrue(outcome.refused() >= outcome.cases() / 2, outcome.toString());
    }
}
