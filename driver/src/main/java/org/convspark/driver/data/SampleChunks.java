package org.convspark.driver.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A shard's samples, stored compactly: in their source precision ({@link Encoding#BYTES} when
 * every value is an 8-bit pixel scaled as the readers scale it, {@code b / 255f}, else {@link
 * Encoding#FLOATS}) and in chunks of whole samples, each at most {@code chunkBytes}, so that no
 * array limit applies to a partition and a sample never straddles two chunks. The chunks live in
 * the heap or, for data larger than the executors' memory, in a file on an executor's local disk
 * ({@link ShardFile}, {@link #onDisk}). Reading converts to float exactly as the readers did: the
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
    /** The chunks in the heap, or null on disk. */
    private final List<ByteBuffer> chunks;
    /** The heap chunks as floats, for {@link Encoding#FLOATS}: one bulk copy a sample. */
    private final FloatBuffer[] floatViews;
    /** The file on disk, or null in the heap. */
    private final ShardFile file;

    private SampleChunks(Encoding encoding, int sampleSize, int count, int samplesPerChunk, List<ByteBuffer> chunks,
                         ShardFile file) {
        this.encoding = encoding;
        this.sampleSize = sampleSize;
        this.count = count;
        this.samplesPerChunk = samplesPerChunk;
        this.chunks = chunks == null ? null : List.copyOf(chunks);
        this.floatViews = chunks != null && encoding == Encoding.FLOATS ? this.chunks.stream()
                .map(c -> c.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer()).toArray(FloatBuffer[]::new)
                : null;
        this.file = file;
    }

    /** How many whole samples of {@code sampleSize} values fit a chunk of {@code chunkBytes} (at least one). */
    static int samplesPerChunk(Encoding encoding, int sampleSize, long chunkBytes) {
        long sampleBytes = (long) sampleSize * encoding.width();
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, chunkBytes / sampleBytes));
    }

    private static int chunkCount(int count, int samplesPerChunk) {
        return (int) (((long) count + samplesPerChunk - 1) / samplesPerChunk);
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

    /** Samples a chunk holds (the last may hold fewer). */
    public int samplesPerChunk() {
        return samplesPerChunk;
    }

    private int sampleBytes() {
        return sampleSize * encoding.width();
    }

    /** How many chunks the samples take. */
    public int chunkCount() {
        return chunkCount(count, samplesPerChunk);
    }

    /**
     * Chunk {@code c}, a whole number of samples: a read-only view of the heap's, or a copy read
     * from the file (one chunk at a time, so a serializer never holds a whole shard on disk).
     */
    public ByteBuffer chunk(int c) {
        if (file == null) {
            return chunks.get(c).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
        }
        int first = c * samplesPerChunk;
        int n = Math.min(samplesPerChunk, count - first);
        ByteBuffer chunk = ByteBuffer.allocate(n * sampleBytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (int s = first; s < first + n; s++) {
            chunk.put(file.read(s));
        }
        return chunk.flip();
    }

    /** All chunks ({@link #chunk}). */
    public List<ByteBuffer> chunks() {
        List<ByteBuffer> out = new ArrayList<>();
        for (int c = 0; c < chunkCount(); c++) {
            out.add(chunk(c));
        }
        return out;
    }

    /** Whether the samples are in a file on this executor's local disk rather than in the heap. */
    public boolean onDisk() {
        return file != null;
    }

    /** The file on disk, or null in the heap. */
    Path file() {
        return file == null ? null : file.path();
    }

    /** Bytes the samples take (in the heap, or on disk). */
    public long bytes() {
        return (long) count * sampleBytes();
    }

    /** Writes sample {@code sample}'s values, as floats, to {@code out[at, at + sampleSize)}. */
    public void read(int sample, float[] out, int at) {
        if (file != null) {
            decode(file.read(sample), 0, out, at);
        } else if (encoding == Encoding.FLOATS) {
            floatViews[sample / samplesPerChunk].get((sample % samplesPerChunk) * sampleSize, out, at, sampleSize);
        } else {
            decode(chunks.get(sample / samplesPerChunk), (sample % samplesPerChunk) * sampleBytes(), out, at);
        }
    }

    /** Sample {@code sample}'s bytes as kept, positioned at them (a file's in this thread's read buffer). */
    private ByteBuffer rawSample(int sample) {
        if (file != null) {
            return file.read(sample);
        }
        int base = (sample % samplesPerChunk) * sampleBytes();
        return chunks.get(sample / samplesPerChunk).duplicate().position(base).limit(base + sampleBytes());
    }

    private void decode(ByteBuffer source, int base, float[] out, int at) {
        if (encoding == Encoding.BYTES) {
            for (int i = 0; i < sampleSize; i++) {
                out[at + i] = BYTE_VALUES[source.get(base + i) & 0xff];
            }
        } else {
            for (int i = 0; i < sampleSize; i++) {
                out[at + i] = source.getFloat(base + 4 * i);
            }
        }
    }

    /**
     * Reads the samples {@code samples[from, to)} (global indices, this shard's first being {@code
     * firstIndex}) from the file, so that the operating system holds them when a step reads them
     * again (the read-ahead of a shard on disk); returns how many bytes were read.
     */
    long readAhead(int[] samples, int from, int to, int firstIndex) {
        if (file == null) {
            return 0;
        }
        long bytes = 0;
        for (int j = from; j < to; j++) {
            bytes += file.read(samples[j] - firstIndex).remaining();
        }
        return bytes;
    }

    /** Closes and deletes the file now (for the shard's owner, once nothing reads it). */
    void deleteFile() {
        if (file != null) {
            file.delete();
        }
    }

    /**
     * Builds the chunks of {@code count} samples, written in any order ({@link #put}): in the heap,
     * or in a file. It starts in the encoding asked for and turns from {@link Encoding#BYTES} to
     * {@link Encoding#FLOATS} (copying the samples written so far) at the first sample that is not
     * 8-bit, so the encoding needs no pass over the data of its own.
     */
    public static final class Builder {
        private final int sampleSize;
        private final int count;
        private final long chunkBytes;
        private final Path path;
        private final BitSet written;
        private Encoding encoding;
        private int samplesPerChunk;
        private List<ByteBuffer> chunks;
        private ShardFile file;
        private ByteBuffer sampleBuffer;
        /** A sample decoded from 8-bit bytes once this builder holds floats ({@link #copyFrom}). */
        private float[] decoded;

        /**
         * @param path the file to hold the samples (created, or replaced), or null for the heap
         */
        public Builder(Encoding encoding, int sampleSize, int count, long chunkBytes, Path path) {
            this.sampleSize = sampleSize;
            this.count = count;
            this.chunkBytes = chunkBytes;
            this.path = path;
            this.written = new BitSet(count);
            allocate(encoding, path);
        }

        private void allocate(Encoding newEncoding, Path at) {
            encoding = newEncoding;
            samplesPerChunk = samplesPerChunk(encoding, sampleSize, chunkBytes);
            int sampleBytes = sampleSize * encoding.width();
            sampleBuffer = ByteBuffer.allocate(sampleBytes).order(ByteOrder.LITTLE_ENDIAN);
            if (at != null) {
                file = new ShardFile(at, sampleBytes);
                chunks = null;
                return;
            }
            chunks = new ArrayList<>();
            for (long first = 0; first < count; first += samplesPerChunk) {
                long bytes = Math.min(samplesPerChunk, count - first) * (long) sampleBytes;
                chunks.add(ByteBuffer.allocate(Math.toIntExact(bytes)).order(ByteOrder.LITTLE_ENDIAN));
            }
        }

        /** Writes sample {@code sample} from {@code values[at, at + sampleSize)}. */
        public void put(int sample, float[] values, int at) {
            if (sample < 0 || sample >= count) {
                throw new IndexOutOfBoundsException("sample " + sample + " of " + count);
            }
            if (encoding == Encoding.BYTES && Encoding.of(values, at, at + sampleSize) == Encoding.FLOATS) {
                toFloats();
            }
            ByteBuffer target;
            int base;
            if (file != null) {
                target = sampleBuffer.clear();
                base = 0;
            } else {
                target = chunks.get(sample / samplesPerChunk);
                base = (sample % samplesPerChunk) * sampleSize * encoding.width();
            }
            if (encoding == Encoding.BYTES) {
                for (int i = 0; i < sampleSize; i++) {
                    target.put(base + i, (byte) Math.round(values[at + i] * 255f));
                }
            } else {
                for (int i = 0; i < sampleSize; i++) {
                    target.putFloat(base + 4 * i, values[at + i]);
                }
            }
            if (file != null) {
                file.write(sample, target.limit(sampleSize * encoding.width()));
            }
            written.set(sample);
        }

        /**
         * Writes sample {@code sample} from sample {@code from} of 8-bit {@code source}: its bytes as
         * they are (no decoding, re-encoding or check: 8-bit values need none), or as floats once this
         * builder has turned to them.
         */
        public void copyFrom(int sample, SampleChunks source, int from) {
            if (source.encoding != Encoding.BYTES) {
                throw new IllegalArgumentException("copyFrom takes 8-bit samples, got " + source.encoding);
            }
            if (encoding != Encoding.BYTES) {
                if (decoded == null) {
                    decoded = new float[sampleSize];
                }
                source.read(from, decoded, 0);
                put(sample, decoded, 0);
                return;
            }
            if (sample < 0 || sample >= count) {
                throw new IndexOutOfBoundsException("sample " + sample + " of " + count);
            }
            ByteBuffer bytes = source.rawSample(from);
            if (file != null) {
                file.write(sample, bytes);
            } else {
                chunks.get(sample / samplesPerChunk).duplicate().position((sample % samplesPerChunk) * sampleSize)
                        .put(bytes);
            }
            written.set(sample);
        }

        /** Re-encodes the samples written so far as floats; a file's go to a new file beside it. */
        private void toFloats() {
            SampleChunks held = new SampleChunks(encoding, sampleSize, count, samplesPerChunk, chunks, file);
            allocate(Encoding.FLOATS, path == null ? null : path.resolveSibling(path.getFileName() + ".floats"));
            float[] sample = new float[sampleSize];
            BitSet copy = (BitSet) written.clone();
            for (int s = copy.nextSetBit(0); s >= 0; s = copy.nextSetBit(s + 1)) {
                held.read(s, sample, 0);
                put(s, sample, 0);
            }
            held.deleteFile();
        }

        /** Deletes the file of a build that will not finish (a failed load). */
        public void abandon() {
            if (file != null) {
                file.delete();
            }
        }

        /** The chunks, once every sample is written; a file is deleted when they become unreachable. */
        public SampleChunks build() {
            if (written.cardinality() != count) {
                throw new IllegalStateException(written.cardinality() + " of " + count + " samples written");
            }
            SampleChunks built = new SampleChunks(encoding, sampleSize, count, samplesPerChunk, chunks, file);
            if (file != null) {
                file.deleteWhenUnreachable(built);
            }
            return built;
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
                || chunks.size() != chunkCount(count, samplesPerChunk)) {
            throw new IllegalArgumentException(count + " samples of " + sampleSize + " " + encoding + " values, "
                    + samplesPerChunk + " a chunk, in " + chunks.size() + " chunks of " + total + " bytes");
        }
        return new SampleChunks(encoding, sampleSize, count, samplesPerChunk, chunks, null);
    }
}
