package org.convspark.engine.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.convspark.engine.io.InvalidFileException;
import org.convspark.engine.tensor.Shape;

/**
 * Reads an IDX image file ({@code N x H x W} unsigned bytes, magic {@code 0x00000803}) and its IDX
 * label file ({@code N} unsigned bytes, magic {@code 0x00000801}), plain or gzip-compressed, into
 * {@link LabelledImages} of shape {@code 1 x H x W} with pixels scaled to {@code [0, 1]}.
 *
 * <p>Both headers are read and checked before anything is allocated: the magic, the rank, that
 * every dimension is positive, that the image count equals the label count, that the pixel count
 * is within the reader's limit and within what the file can hold (exactly the file length for a
 * plain file; at most DEFLATE's maximum ratio of 1032:1 times the compressed length for a gzip
 * file). The payload is then streamed; bytes after the declared payload are refused, so a gzip
 * bomb is never inflated past the declared size: at most the header, {@code maxPixels} (the
 * configurable cap, named in the error) and one byte are ever decompressed from an image file.
 * Every error names the file.
 */
public final class IdxReader {
    /** Default pixel limit: 2^28 pixels, 1 GiB as floats (full MNIST is 47M, CIFAR-10 154M). */
    public static final long DEFAULT_MAX_PIXELS = 1L << 28;
    /** MNIST and Fashion-MNIST have ten classes. */
    public static final int DEFAULT_NUM_CLASSES = 10;
    /** DEFLATE cannot expand data more than this, so a gzip file cannot hold more bytes than this times its size. */
    static final long DEFLATE_MAX_RATIO = 1032;
    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;
    private static final int CHUNK = 64 * 1024;

    private final long maxPixels;
    private final int numClasses;

    public IdxReader() {
        this(DEFAULT_MAX_PIXELS, DEFAULT_NUM_CLASSES);
    }

    /** A reader refusing files of more than {@code maxPixels} pixels and labels outside {@code [0, numClasses)}. */
    public IdxReader(long maxPixels, int numClasses) {
        if (maxPixels < 1 || maxPixels > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxPixels must be in [1, 2^31-9], got " + maxPixels);
        }
        if (numClasses < 2 || numClasses > 256) {
            throw new IllegalArgumentException("numClasses of an IDX label file must be in [2, 256], got "
                    + numClasses);
        }
        this.maxPixels = maxPixels;
        this.numClasses = numClasses;
    }

    public LabelledImages read(Path images, Path labels) throws IOException {
        return read(IdxFile.of(images), IdxFile.of(labels));
    }

    public LabelledImages read(IdxFile images, IdxFile labels) throws IOException {
        try (InputStream imageStream = images.opener().open(); InputStream labelStream = labels.opener().open()) {
            Payload imageData = Payload.open(imageStream, images);
            Payload labelData = Payload.open(labelStream, labels);
            int[] imageDims = imageData.header(IMAGES_MAGIC, 3, "images (N x H x W)");
            int[] labelDims = labelData.header(LABELS_MAGIC, 1, "labels (N)");
            int count = imageDims[0];
            if (count != labelDims[0]) {
                throw new InvalidFileException(images.name(), count + " images but " + labels.name() + " has "
                        + labelDims[0] + " labels");
            }
            // Three dimensions below 2^31 can overflow a long together; each factor is checked on its own first.
            long imagePixels = (long) imageDims[1] * imageDims[2];
            long pixelCount = imagePixels > maxPixels ? Long.MAX_VALUE : count * imagePixels;
            if (pixelCount > maxPixels) {
                throw new InvalidFileException(images.name(), "declares " + count + " images of " + imageDims[1]
                        + "x" + imageDims[2] + " = " + (pixelCount == Long.MAX_VALUE ? "more than 2^63"
                        : String.valueOf(pixelCount)) + " pixels, over the limit of " + maxPixels);
            }
            imageData.checkFits(pixelCount);
            labelData.checkFits(count);
            int[] labelValues = labelData.readLabels(count, numClasses);
            float[] pixels = imageData.readPixels((int) pixelCount);
            imageData.checkEnd();
            labelData.checkEnd();
            return new LabelledImages(Shape.of(1, imageDims[1], imageDims[2]), pixels, labelValues, numClasses);
        }
    }

    /** One file's (decompressed) byte stream, read with the file's name at hand for errors. */
    private static final class Payload {
        private static final int HEADER_BASE = 4;
        private final InputStream in;
        private final IdxFile file;
        private final boolean gzip;
        private final byte[] buffer = new byte[CHUNK];
        private long headerBytes;
        private long read;

        private Payload(InputStream in, IdxFile file, boolean gzip) {
            this.in = in;
            this.file = file;
            this.gzip = gzip;
        }

        static Payload open(InputStream raw, IdxFile file) throws IOException {
            BufferedInputStream buffered = new BufferedInputStream(raw, CHUNK);
            buffered.mark(2);
            int b0 = buffered.read();
            int b1 = buffered.read();
            buffered.reset();
            boolean gzip = b0 == 0x1f && b1 == 0x8b;
            if (!gzip) {
                return new Payload(buffered, file, false);
            }
            try {
                return new Payload(new GZIPInputStream(buffered, CHUNK), file, true);
            } catch (IOException e) {
                throw new InvalidFileException(file.name(), "corrupt gzip header: " + e.getMessage());
            }
        }

        int[] header(int magic, int rank, String what) throws IOException {
            int found = readInt("magic");
            if (found != magic) {
                int foundRank = found & 0xff;
                int type = (found >>> 8) & 0xff;
                if ((found >>> 16) != 0 || foundRank < 1) {
                    throw new InvalidFileException(file.name(), String.format(
                            "not an IDX file (magic %08x, expected %08x for %s)", found, magic, what));
                }
                throw new InvalidFileException(file.name(), String.format(
                        "IDX data type 0x%02x and rank %d, expected unsigned bytes (0x08) of rank %d for %s",
                        type, foundRank, rank, what));
            }
            int[] dims = new int[rank];
            for (int i = 0; i < rank; i++) {
                dims[i] = readInt("dimension " + i);
                if (dims[i] < 1) {
                    throw new InvalidFileException(file.name(), "dimension " + i + " is " + (dims[i] & 0xffffffffL)
                            + ", expected a positive size below 2^31 for " + what);
                }
            }
            headerBytes = HEADER_BASE + 4L * rank;
            return dims;
        }

        void checkFits(long payloadBytes) throws IOException {
            long length = file.length();
            if (length < 0) {
                return;
            }
            if (!gzip && headerBytes + payloadBytes != length) {
                throw new InvalidFileException(file.name(), (headerBytes + payloadBytes > length
                        ? "truncated" : "has trailing bytes") + ": the header declares " + payloadBytes
                        + " data bytes, so the file should be " + (headerBytes + payloadBytes)
                        + " bytes long, but it is " + length);
            }
            if (gzip && payloadBytes > length * DEFLATE_MAX_RATIO) {
                throw new InvalidFileException(file.name(), "the header declares " + payloadBytes
                        + " data bytes, more than a gzip file of " + length + " bytes can hold");
            }
        }

        int[] readLabels(int count, int numClasses) throws IOException {
            int[] labels = new int[initialCapacity(count)];
            for (int start = 0; start < count; start += CHUNK) {
                int n = Math.min(CHUNK, count - start);
                if (start + n > labels.length) {
                    labels = Arrays.copyOf(labels, grownCapacity(labels.length, start + n, count));
                }
                readFully(n, count, "labels");
                for (int j = 0; j < n; j++) {
                    int label = buffer[j] & 0xff;
                    if (label >= numClasses) {
                        throw new InvalidFileException(file.name(), "label " + label + " of sample " + (start + j)
                                + " is outside [0, " + numClasses + ")");
                    }
                    labels[start + j] = label;
                }
            }
            return labels;
        }

        float[] readPixels(int count) throws IOException {
            float[] pixels = new float[initialCapacity(count)];
            for (int start = 0; start < count; start += CHUNK) {
                int n = Math.min(CHUNK, count - start);
                if (start + n > pixels.length) {
                    pixels = Arrays.copyOf(pixels, grownCapacity(pixels.length, start + n, count));
                }
                readFully(n, count, "pixels");
                for (int j = 0; j < n; j++) {
                    pixels[start + j] = (buffer[j] & 0xff) / 255f;
                }
            }
            return pixels;
        }

        /**
         * Only a plain file of known length has proven it holds what its header declares; otherwise
         * memory grows with the bytes actually decoded, so a small hostile file cannot claim a large
         * allocation up front.
         */
        private int initialCapacity(int count) {
            return !gzip && file.length() >= 0 ? count : Math.min(count, 1 << 20);
        }

        private static int grownCapacity(int current, int needed, int count) {
            return (int) Math.min(count, Math.max(needed, 2L * current));
        }

        void checkEnd() throws IOException {
            if (guardedRead() != -1) {
                throw new InvalidFileException(file.name(), "has data after the " + (read - headerBytes)
                        + " bytes its header declares");
            }
        }

        private int readInt(String what) throws IOException {
            readFully(4, 4, what);
            return ((buffer[0] & 0xff) << 24) | ((buffer[1] & 0xff) << 16) | ((buffer[2] & 0xff) << 8)
                    | (buffer[3] & 0xff);
        }

        private void readFully(int n, long expected, String what) throws IOException {
            int done = 0;
            try {
                while (done < n) {
                    int r = in.read(buffer, done, n - done);
                    if (r < 0) {
                        throw new InvalidFileException(file.name(), "truncated: ends after " + (read + done)
                                + " bytes" + (gzip ? " (decompressed)" : "") + ", in the " + what
                                + " (" + expected + " expected)");
                    }
                    done += r;
                }
            } catch (IOException e) {
                throw new InvalidFileException(file.name(), "unreadable " + (gzip ? "gzip data" : "data")
                        + " after " + (read + done) + " bytes: " + e.getMessage());
            }
            read += n;
        }

        private int guardedRead() throws IOException {
            try {
                return in.read();
            } catch (IOException e) {
                throw new InvalidFileException(file.name(), "unreadable " + (gzip ? "gzip data" : "data")
                        + " after " + read + " bytes: " + e.getMessage());
            }
        }
    }
}
