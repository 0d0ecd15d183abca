package org.convspark.jobs.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.convspark.engine.data.LabelledImages;
import org.convspark.engine.tensor.Shape;

/**
 * Reads CIFAR-10 binary batches: records of 1 label byte followed by 3,072 pixel bytes (the red,
 * green and blue 32x32 planes, row-major), so {@code 3 x 32 x 32} samples with pixels scaled to
 * {@code [0, 1]}. Every file's length is checked to be a positive multiple of 3,073 bytes, and
 * the total against a pixel limit, before anything is allocated; records are then streamed.
 * Every error names the file (and the record, for a bad label).
 */
public final class CifarReader {
    public static final int LABEL_BYTES = 1;
    public static final int PIXEL_BYTES = 3 * 32 * 32;
    public static final int RECORD_BYTES = LABEL_BYTES + PIXEL_BYTES;
    public static final Shape SAMPLE_SHAPE = Shape.of(3, 32, 32);
    /** The same pixel limit as the IDX reader's: 2^28 pixels, 1 GiB as floats (all of CIFAR-10 is 184M). */
    public static final long DEFAULT_MAX_PIXELS = 1L << 28;

    private final int numClasses;
    private final long maxPixels;

    /** A reader accepting labels in {@code [0, numClasses)}. */
    public CifarReader(int numClasses) {
        this(numClasses, DEFAULT_MAX_PIXELS);
    }

    public CifarReader(int numClasses, long maxPixels) {
        if (numClasses < 2 || numClasses > 256) {
            throw new IllegalArgumentException("a CIFAR label byte holds 2 to 256 classes, got " + numClasses);
        }
        this.numClasses = numClasses;
        this.maxPixels = maxPixels;
    }

    public LabelledImages read(List<DataLocation> batches) {
        long records = 0;
        for (DataLocation file : batches) {
            long length = file.length();
            if (length == 0 || length % RECORD_BYTES != 0) {
                throw new DataException(file + ": " + (length == 0 ? "the file is empty" : length + " bytes is not a "
                        + "multiple of " + RECORD_BYTES + " (1 label byte + 3072 pixel bytes per image): truncated, or "
                        + "not a CIFAR-10 binary batch"));
            }
            records += length / RECORD_BYTES;
        }
        if (records * PIXEL_BYTES > maxPixels) {
            throw new DataException(batches.get(0) + (batches.size() > 1 ? " and " + (batches.size() - 1) + " more" : "")
                    + ": " + records + " images of 3x32x32 exceed the limit of " + maxPixels + " pixels");
        }
        int count = (int) records;
        float[] pixels = new float[count * PIXEL_BYTES];
        int[] labels = new int[count];
        int next = 0;
        for (DataLocation file : batches) {
            next = readFile(file, pixels, labels, next);
        }
        return new LabelledImages(SAMPLE_SHAPE, pixels, labels, numClasses);
    }

    private int readFile(DataLocation file, float[] pixels, int[] labels, int first) {
        int records = (int) (file.length() / RECORD_BYTES);
        byte[] record = new byte[RECORD_BYTES];
        try (InputStream in = new BufferedInputStream(file.open(), 1 << 16)) {
            for (int r = 0; r < records; r++) {
                readRecord(in, record, file, r);
                int label = record[0] & 0xff;
                if (label >= numClasses) {
                    throw new DataException(file + ": record " + r + " has label " + label + ", outside [0, "
                            + numClasses + ") (is this a CIFAR-10 batch?)");
                }
                labels[first + r] = label;
                int offset = (first + r) * PIXEL_BYTES;
                for (int j = 0; j < PIXEL_BYTES; j++) {
                    pixels[offset + j] = (record[LABEL_BYTES + j] & 0xff) / 255f;
                }
            }
            if (in.read() != -1) {
                throw new DataException(file + ": the file grew while it was read");
            }
        } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + e.getMessage(), e);
        }
        return first + records;
    }

    private static void readRecord(InputStream in, byte[] record, DataLocation file, int index) throws IOException {
        int done = 0;
        while (done < record.length) {
            int n = in.read(record, done, record.length - done);
            if (n < 0) {
                throw new DataException(file + ": truncated in record " + index + " (the file shrank while it was read)");
            }
            done += n;
        }
    }
}
