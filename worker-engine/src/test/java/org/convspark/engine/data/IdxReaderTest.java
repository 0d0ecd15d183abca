package org.convspark.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.convspark.engine.io.InvalidFileException;
import org.convspark.engine.tensor.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path dir;

    static byte[] idx(int magic, int[] dims, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + payload.length);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(payload);
        return b.array();
    }

    static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        }
        return out.toByteArray();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static byte[] pixels(int n) {
        byte[] p = new byte[n];
        for (int i = 0; i < n; i++) {
            p[i] = (byte) (i * 37);
        }
        return p;
    }

    private Path images(int count, int h, int w) throws IOException {
        return write("images.idx", idx(IdxReader.IMAGES_MAGIC, new int[] {count, h, w}, pixels(count * h * w)));
    }

    private Path labels(byte... values) throws IOException {
        return write("labels.idx", idx(IdxReader.LABELS_MAGIC, new int[] {values.length}, values));
    }

    private InvalidFileException refused(Path images, Path labels) {
        return assertThrows(InvalidFileException.class, () -> new IdxReader().read(images, labels));
    }

    @Test
    void readsPlainAndGzipFilesScalingPixelsToUnitRange() throws IOException {
        byte[] imageBytes = idx(IdxReader.IMAGES_MAGIC, new int[] {3, 2, 2}, pixels(12));
        byte[] labelBytes = idx(IdxReader.LABELS_MAGIC, new int[] {3}, new byte[] {7, 0, 9});
        LabelledImages plain = new IdxReader().read(write("i", imageBytes), write("l", labelBytes));
        LabelledImages gz = new IdxReader().read(write("i.gz", gzip(imageBytes)), write("l.gz", gzip(labelBytes)));
        for (LabelledImages data : new LabelledImages[] {plain, gz}) {
            assertEquals(3, data.count());
            assertEquals(Shape.of(1, 2, 2), data.sampleShape());
            assertArrayEquals(new int[] {7, 0, 9}, data.labels());
            byte[] raw = pixels(12);
            for (int i = 0; i < 12; i++) {
                assertEquals((raw[i] & 0xff) / 255f, data.pixels()[i]);
            }
        }
        assertEquals(1f, new IdxReader().read(write("w", idx(IdxReader.IMAGES_MAGIC, new int[] {1, 1, 1},
                new byte[] {(byte) 255})), labels((byte) 1)).pixels()[0]);
    }

    @Test
    void readsFromStreamsOfUnknownLength() throws IOException {
        byte[] imageBytes = gzip(idx(IdxReader.IMAGES_MAGIC, new int[] {2, 3, 1}, pixels(6)));
        byte[] labelBytes = idx(IdxReader.LABELS_MAGIC, new int[] {2}, new byte[] {1, 2});
        LabelledImages data = new IdxReader().read(
                new IdxFile("stream-images", -1, () -> new ByteArrayInputStream(imageBytes)),
                new IdxFile("stream-labels", -1, () -> new ByteArrayInputStream(labelBytes)));
        assertEquals(Shape.of(1, 3, 1), data.sampleShape());
        assertArrayEquals(new int[] {1, 2}, data.labels());
    }

    @Test
    void countMismatchNamesBothFiles() throws IOException {
        InvalidFileException e = refused(images(3, 2, 2), labels((byte) 1, (byte) 2));
        assertEquals(dir.resolve("images.idx") + ": 3 images but " + dir.resolve("labels.idx") + " has 2 labels",
                e.getMessage());
    }

    @Test
    void hostileTwentyByteHeaderIsRefusedBeforeAllocating() throws IOException {
        Path huge = write("huge.idx", idx(IdxReader.IMAGES_MAGIC, new int[] {60_000, 10_000, 10_000}, new byte[4]));
        assertEquals(20, Files.size(huge));
        Path manyLabels = write("many.idx", idx(IdxReader.LABELS_MAGIC, new int[] {60_000}, new byte[0]));
        assertTrue(refused(huge, manyLabels).getMessage().contains("over the limit"));
        Path overflowing = write("overflow.idx", idx(IdxReader.IMAGES_MAGIC,
                new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE}, new byte[4]));
        Path maxLabels = write("max.idx", idx(IdxReader.LABELS_MAGIC, new int[] {Integer.MAX_VALUE}, new byte[0]));
        assertTrue(refused(overflowing, maxLabels).getMessage().contains("more than 2^63 pixels, over the limit"));
        Path claimsMore = write("more.idx", idx(IdxReader.IMAGES_MAGIC, new int[] {60_000, 28, 28}, new byte[4]));
        InvalidFileException e = refused(claimsMore, manyLabels);
        assertTrue(e.getMessage().startsWith(claimsMore + ": truncated: the header declares 47040000 data bytes"),
                e.getMessage());
        Path gz = write("more.idx.gz", gzip(idx(IdxReader.IMAGES_MAGIC, new int[] {60_000, 28, 28}, new byte[4])));
        Path gzLabels = write("many.idx.gz", gzip(idx(IdxReader.LABELS_MAGIC, new int[] {60_000}, new byte[0])));
        assertTrue(refused(gz, gzLabels).getMessage().contains("more than a gzip file of"));
    }

    /**
     * A gzip bomb: a valid header for one 2x2 image, then 1 GiB of zeros as 1,024 gzip members of
     * 1 MiB each (about 1 MB compressed). Decompression stops one byte after the declared payload:
     * the reader pulls a small fraction of the compressed bytes, and names the file and the size.
     */
    @Test
    void gzipBombIsInflatedOnlyToItsDeclaredSize() throws IOException {
        byte[] member = gzip(new byte[1 << 20]);
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        bomb.write(gzip(idx(IdxReader.IMAGES_MAGIC, new int[] {1, 2, 2}, pixels(4))));
        for (int i = 0; i < 1024; i++) {
            bomb.write(member);
        }
        byte[] bytes = bomb.toByteArray();
        long[] pulled = new long[1];
        IdxFile images = new IdxFile("bomb.idx.gz", bytes.length, () -> new java.io.FilterInputStream(
                new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                pulled[0] += Math.max(n, 0);
                return n;
            }
        });
        byte[] labelBytes = idx(IdxReader.LABELS_MAGIC, new int[] {1}, new byte[] {3});
        IdxFile labels = new IdxFile("labels", labelBytes.length, () -> new ByteArrayInputStream(labelBytes));
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> new IdxReader().read(images, labels));
        assertEquals("bomb.idx.gz: has data after the 4 bytes its header declares", e.getMessage());
        assertTrue(pulled[0] < bytes.length / 4, "read " + pulled[0] + " of " + bytes.length + " compressed bytes");
    }

    @Test
    void theDecompressedSizeCapIsTheReadersPixelLimit() throws IOException {
        byte[] images = gzip(idx(IdxReader.IMAGES_MAGIC, new int[] {100, 10, 10}, new byte[10_000]));
        byte[] labels = gzip(idx(IdxReader.LABELS_MAGIC, new int[] {100}, new byte[100]));
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> new IdxReader(9_999, 10).read(
                write("big.idx.gz", images), write("l.gz", labels)));
        assertEquals(dir.resolve("big.idx.gz") + ": declares 100 images of 10x10 = 10000 pixels, over the limit of "
                + "9999", e.getMessage());
        assertEquals(100, new IdxReader(10_000, 10).read(write("ok.idx.gz", images), write("l.gz", labels)).count());
    }

    @Test
    void truncatedGzipPayloadIsRefusedByName() throws IOException {
        byte[] full = gzip(idx(IdxReader.IMAGES_MAGIC, new int[] {50, 28, 28}, pixels(50 * 784)));
        Path cut = write("cut.idx.gz", Arrays.copyOf(full, full.length / 2));
        byte[] labelValues = new byte[50];
        InvalidFileException e = refused(cut, labels(labelValues));
        assertTrue(e.getMessage().startsWith(cut + ": "), e.getMessage());
        byte[] shortPayload = gzip(idx(IdxReader.IMAGES_MAGIC, new int[] {50, 28, 28}, pixels(49 * 784)));
        Path shortFile = write("short.idx.gz", shortPayload);
        assertTrue(refused(shortFile, labels(labelValues)).getMessage().contains("truncated: ends after"));
    }

    @Test
    void refusesWrongMagicTypeRankAndZeroDimensions() throws IOException {
        Path labels = labels((byte) 1);
        assertTrue(refused(write("text", "hello world, not idx".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                labels).getMessage().contains("not an IDX file"));
        Path floats = write("f", idx(0x00000D03, new int[] {1, 1, 1}, new byte[4]));
        assertTrue(refused(floats, labels).getMessage().contains("data type 0x0d"));
        Path swapped = write("s", idx(IdxReader.LABELS_MAGIC, new int[] {1}, new byte[1]));
        assertTrue(refused(swapped, labels).getMessage().contains("rank 1, expected unsigned bytes (0x08) of rank 3"));
        Path zero = write("z", idx(IdxReader.IMAGES_MAGIC, new int[] {1, 0, 5}, new byte[0]));
        assertTrue(refused(zero, labels).getMessage().contains("dimension 1 is 0"));
    }

    @Test
    void refusesLabelsOutOfRangeAndTrailingData() throws IOException {
        Path images = images(2, 1, 1);
        InvalidFileException label = refused(images, labels((byte) 3, (byte) 10));
        assertEquals(dir.resolve("labels.idx") + ": label 10 of sample 1 is outside [0, 10)", label.getMessage());
        Path trailing = write("t.gz", gzip(idx(IdxReader.LABELS_MAGIC, new int[] {2}, new byte[] {1, 2, 3})));
        assertTrue(refused(images, trailing).getMessage().contains("has data after the 2 bytes"));
        Path plainTrailing = write("t", idx(IdxReader.LABELS_MAGIC, new int[] {2}, new byte[] {1, 2, 3}));
        assertTrue(refused(images, plainTrailing).getMessage().contains("has trailing bytes"));
    }
}
