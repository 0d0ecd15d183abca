package org.convspark.driver.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A shard's samples, stored compactly: in their source precision ({@link Encoding#BYTES} when
 * every value is an 8-bit pixel scaled as the readers scale it, {@code b / 255f}, else {@link
 * Encoding#FLOATS}) and in chunks of whole samples, each at most {@code chunkBytes}, so that no
 * array limit applies to a partition and a sample never straddles two chunks. The chunks live in
 * the heap or, for data larger than the executors' memory, in files mapped from an executor's
 * local directory ({@link #onDisk}). Reading converts to float exactly as the readers did: the
 * network sees the same numbers whichever way the samples are kept.
 */
public final class SampleChunks {
    /** How a sample's values are kept. */
    public enum Encoding {
        /** One byte per value: {@code (b & 0xff) / 255f}, the readers' scaling of 8-bit pixels. */
        BYTES(1),
        /** Four bytes per value, little-endian IEEE floats. */
        FLOATS(4);

        private final int width;

        Encoding(int width) {
            this.width = width;
        }

        /** Bytes a value takes. */
        public int width() {
            return width;
        }

        /** {@link #BYTES} when every value of {@code values[from, to)} is exactly an 8-bit pixel, else {@link #FLOATS}. */
        public static Encoding of(float[] values, int from, int to) {
            for (int i = from; i < to; i++) {
                float v = values[i];
                int k = Math.round(v * 255f);
                if (k < 0 || k > 255 || Float.floatToRawIntBits(BYTE_VALUES[k]) != Float.floatToRawIntBits(v)) {
                    return FLOATS;
                }
            }
            return BYTES;
        }
    }

    /** What each byte value stands for: the readers' own expression. */
    private static final float[] BYTE_VALUES = new float[256];

    static {
        for (int b = 0; b < 256; b++) {
            BYTE_VALUES[b] = b / 255f;
        }
    }

    private final Encoding encoding;
    private final int sampleSize;
    private final int count;
    private final int samplesPerChunk;
    private final List<ByteBuffer> chunks;
    /** The chunks as floats, for {@link Encoding#FLOATS}: one bulk copy a sample. */
    private final FloatBuffer[] floatViews;
    private final Path file;

    private SampleChunks(Encoding encoding, int sampleSize, int count, int samplesPerChunk, List<ByteBuffer> chunks,
                         Path file) {
        this.encoding = encoding;
        this.sampleSize = sampleSize;
        this.count = count;
        this.samplesPerChunk = samplesPerChunk;
        this.chunks = List.copyOf(chunks);
        this.floatViews = encoding == Encoding.FLOATS ? this.chunks.stream()
                .map(c -> c.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer()).toArray(FloatBuffer[]::new)
                : null;
        this.file = file;
    }

    /** How many whole samples of {@code sampleSize} values fit a chunk of {@code chunkBytes} (at least one). */
    static int samplesPerChunk(Encoding encoding, int sampleSize, long chunkBytes) {
        long sampleBytes = (long) sampleSize * encoding.width();
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, chunkBytes / sampleBytes));
    }

    public Encoding encoding() {
        return encoding;
    }

    public int sampleSize() {
        return sampleSize;
    }

    public int count() {
        return count;
    }

    /** The chunks, each a whole number of samples (read-only views). */
    public List<ByteBuffer> chunks() {
        List<ByteBuffer> views = new ArrayList<>(chunks.size());
        for (ByteBuffer c : chunks) {
            views.add(c.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN));
        }
        return views;
    }

    /** Whether the chunks are mapped from a file on this executor's local disk rather than held in the heap. */
    public boolean onDisk() {
        return file != null;
    }

    /** The mapped file, or null for chunks in the heap. */
    Path file() {
        return file;
    }

    /** Bytes the samples take (in the heap, or on disk). */
    public long bytes() {
        return (long) count * sampleSize * encoding.width();
    }

    /** Writes sample {@code sample}'s values, as floats, to {@code out[at, at + sampleSize)}. */
    public void read(int sample, float[] out, int at) {
        ByteBuffer chunk = chunks.get(sample / samplesPerChunk);
        int base = (sample % samplesPerChunk) * sampleSize * encoding.width();
        if (encoding == Encoding.BYTES) {
            for (int i = 0; i < sampleSize; i++) {
                out[at + i] = BYTE_VALUES[chunk.get(base + i) & 0xff];
            }
        } else {
            floatViews[sample / samplesPerChunk].get(base / 4, out, at, sampleSize);
        }
    }

    /**
     * Touches every page of the samples {@code samples[from, to)} so that a file's pages are in
     * memory before a step reads them (the read-ahead of an on-disk shard); returns a value that
     * depends on what was read, so the reads cannot be optimized away.
     */
    public long touch(int[] samples, int from, int to, int firstIndex) {
        long sum = 0;
        int sampleBytes = sampleSize * encoding.width();
        for (int j = from; j < to; j++) {
            int sample = samples[j] - firstIndex;
            ByteBuffer chunk = chunks.get(sample / samplesPerChunk);
            int base = (sample % samplesPerChunk) * sampleBytes;
            for (int b = 0; b < sampleBytes; b += 4096) {
                sum += chunk.get(base + b);
            }
            sum += chunk.get(base + sampleBytes - 1);
        }
        return sum;
    }

    /**
     * Builds the chunks of {@code count} samples, written in any order ({@link #put}): in the heap,
     * or in one file mapped chunk by chunk. It starts in {@link Encoding#BYTES} when asked to and
     * turns to {@link Encoding#FLOATS} (copying what it holds) at the first sample that is not
     * 8-bit, so the encoding needs no pass over the data of its own.
     */
    public static final class Builder {
        private final int sampleSize;
        private final int count;
        private final long chunkBytes;
        private Path file;
        private Encoding encoding;
        private int samplesPerChunk;
        private List<ByteBuffer> chunks;

        /**
         * @param file the file to hold the chunks (created, or replaced), or null for the heap
         */
        public Builder(Encoding encoding, int sampleSize, int count, long chunkBytes, Path file) {
            this.sampleSize = sampleSize;
            this.count = count;
            this.chunkBytes = chunkBytes;
            this.file = file;
            allocate(encoding);
        }

        private void allocate(Encoding newEncoding) {
            encoding = newEncoding;
            samplesPerChunk = samplesPerChunk(encoding, sampleSize, chunkBytes);
            long sampleBytes = (long) sampleSize * encoding.width();
            chunks = new ArrayList<>();
            try (FileChannel channel = file == null ? null : FileChannel.open(file, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                for (long first = 0; first < count; first += samplesPerChunk) {
                    long bytes = Math.min(samplesPerChunk, count - first) * sampleBytes;
                    ByteBuffer chunk = channel == null ? ByteBuffer.allocate(Math.toIntExact(bytes))
                            : channel.map(FileChannel.MapMode.READ_WRITE, first * sampleBytes, bytes);
                    chunks.add(chunk.order(ByteOrder.LITTLE_ENDIAN));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot map the shard file " + file + ": " + e.getMessage(), e);
            }
        }

        /** Writes sample {@code sample} from {@code values[at, at + sampleSize)}. */
        public void put(int sample, float[] values, int at) {
            if (encoding == Encoding.BYTES && Encoding.of(values, at, at + sampleSize) == Encoding.FLOATS) {
                toFloats();
            }
            ByteBuffer chunk = chunks.get(sample / samplesPerChunk);
            int base = (sample % samplesPerChunk) * sampleSize * encoding.width();
            if (encoding == Encoding.BYTES) {
                for (int i = 0; i < sampleSize; i++) {
                    chunk.put(base + i, (byte) Math.round(values[at + i] * 255f));
                }
            } else {
                for (int i = 0; i < sampleSize; i++) {
                    chunk.putFloat(base + 4 * i, values[at + i]);
                }
            }
        }

        /**
         * Re-encodes what is held as floats (unwritten samples are zeros either way); a file's
         * samples go to a new file beside it, chunk by chunk, and the old one is deleted.
         */
        private void toFloats() {
            SampleChunks held = build();
            if (file != null) {
                file = file.resolveSibling(file.getFileName() + ".floats");
            }
            allocate(Encoding.FLOATS);
            float[] sample = new float[sampleSize];
            for (int s = 0; s < count; s++) {
                held.read(s, sample, 0);
                put(s, sample, 0);
            }
            held.deleteFile();
        }

        /** The chunks, once every sample is written. */
        public SampleChunks build() {
            return new SampleChunks(encoding, sampleSize, count, samplesPerChunk, chunks, file);
        }
    }

    /** Heap chunks from their bytes (as {@link #chunks()} gave them), as a serializer stores them. */
    public static SampleChunks inHeap(Encoding encoding, int sampleSize, int count, int samplesPerChunk,
                                      List<byte[]> chunkBytes) {
        List<ByteBuffer> chunks = new ArrayList<>();
        long total = 0;
        for (byte[] c : chunkBytes) {
            chunks.add(ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN));
            total += c.length;
        }
        if (samplesPerChunk < 1 || total != (long) count * sampleSize * encoding.width()
                || chunks.size() != (count + samplesPerChunk - 1) / samplesPerChunk) {
            throw new IllegalArgumentException(count + " samples of " + sampleSize + " " + encoding + " values, "
                    + samplesPerChunk + " a chunk, in " + chunks.size() + " chunks of " + total + " bytes");
        }
        return new SampleChunks(encoding, sampleSize, count, samplesPerChunk, chunks, null);
    }

    /** Samples a chunk holds (the last may hold fewer). */
    public int samplesPerChunk() {
        return samplesPerChunk;
    }

    /** Deletes the mapped file (the mappings stay readable until collected, as the OS keeps the pages). */
    void deleteFile() {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // Spark removes its local directories when the executor stops.
            }
        }
    }
}
