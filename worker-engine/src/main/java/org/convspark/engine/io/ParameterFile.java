package org.convspark.engine.io;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Reads and writes {@link NamedArrays} in the project's parameter format, version
 * {@value #FORMAT_VERSION}. All numbers little-endian:
 * <pre>
 *   8 bytes   magic "CSPARAMS"
 *   int32     format version
 *   int32     number of arrays A (0 .. 4096)
 *   A times:  int32 name length, name (UTF-8), int64 element count
 *   int64     total element count (the sum, stored so a damaged count is caught before the payload)
 *   floats    every array's elements, in order (IEEE 754 binary32)
 *   int32     CRC32 of every byte above
 * </pre>
 * The header is validated against the file length (when known) and against a size limit before
 * any array is allocated, so a hostile 20-byte header cannot make the reader allocate gigabytes.
 * The CRC is checked before anything is returned.
 */
public final class ParameterFile {
    public static final int FORMAT_VERSION = 1;
    /** Default cap on the total element count a reader accepts (4 GiB of floats would not fit an array). */
    public static final long DEFAULT_MAX_ELEMENTS = Integer.MAX_VALUE - 8L;
    static final byte[] MAGIC = "CSPARAMS".getBytes(StandardCharsets.US_ASCII);
    static final int MAX_ARRAYS = 4096;
    private static final int CHUNK_FLOATS = 16 * 1024;

    private ParameterFile() {
    }

    /** Writes {@code arrays} to {@code out} (not closed). */
    public static void write(OutputStream out, NamedArrays arrays) throws IOException {
        if (arrays.size() > MAX_ARRAYS) {
            throw new IllegalArgumentException("at most " + MAX_ARRAYS + " arrays per file, got " + arrays.size());
        }
        CrcOutput crcOut = new CrcOutput(out);
        crcOut.write(MAGIC);
        crcOut.writeInt(FORMAT_VERSION);
        crcOut.writeInt(arrays.size());
        long total = 0;
        for (Map.Entry<String, float[]> e : arrays.asMap().entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            crcOut.writeInt(name.length);
            crcOut.write(name);
            crcOut.writeLong(e.getValue().length);
            total += e.getValue().length;
        }
        crcOut.writeLong(total);
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_FLOATS * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] values : arrays.asMap().values()) {
            for (int start = 0; start < values.length; start += CHUNK_FLOATS) {
                int n = Math.min(CHUNK_FLOATS, values.length - start);
                chunk.clear();
                chunk.asFloatBuffer().put(values, start, n);
                crcOut.write(chunk.array(), 0, n * Float.BYTES);
            }
        }
        int crc = crcOut.crc();
        crcOut.writeInt(crc);
        crcOut.flush();
    }

    /**
     * Writes {@code arrays} to {@code path} through {@link AtomicWrite}, so a crash leaves either the
     * old file or the new one, never half of one.
     */
    public static void write(Path path, NamedArrays arrays) throws IOException {
        AtomicWrite.write(path, out -> write(out, arrays));
    }

    public static NamedArrays read(Path path) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path))) {
            return read(in, Files.size(path), path.toString(), DEFAULT_MAX_ELEMENTS);
        }
    }

    /**
     * Reads a parameter file from {@code in} (not closed). {@code length} is the file's size in
     * bytes, or -1 when unknown (then only {@code maxElements} bounds what the header may ask
     * for); {@code name} is what errors call the file.
     */
    public static NamedArrays read(InputStream in, long length, String name, long maxElements) throws IOException {
        CrcInput input = new CrcInput(in, name);
        byte[] magic = input.readBytes(MAGIC.length, "magic");
        if (!Arrays.equals(magic, MAGIC)) {
            throw new InvalidFileException(name, "not a convspark parameter file (magic is not \"CSPARAMS\")");
        }
        int version = input.readInt("format version");
        if (version != FORMAT_VERSION) {
            throw new InvalidFileException(name, "unsupported parameter format version " + version
                    + " (this build reads version " + FORMAT_VERSION + ")");
        }
        int count = input.readInt("array count");
        if (count < 0 || count > MAX_ARRAYS) {
            throw new InvalidFileException(name, "array count " + count + " is outside [0, " + MAX_ARRAYS + "]");
        }
        String[] names = new String[count];
        int[] sizes = new int[count];
        long headerBytes = MAGIC.length + 4 + 4 + 8;
        long total = 0;
        for (int i = 0; i < count; i++) {
            int nameLength = input.readInt("name length of array " + i);
            if (nameLength < 1 || nameLength > NamedArrays.MAX_NAME_BYTES) {
                throw new InvalidFileException(name, "name length " + nameLength + " of array " + i
                        + " is outside [1, " + NamedArrays.MAX_NAME_BYTES + "]");
            }
            names[i] = new String(input.readBytes(nameLength, "name of array " + i), StandardCharsets.UTF_8);
            long size = input.readLong("element count of array " + i);
            if (size < 0 || size > maxElements || size > DEFAULT_MAX_ELEMENTS) {
                throw new InvalidFileException(name, "array \"" + names[i] + "\" declares " + size
                        + " elements, outside [0, " + Math.min(maxElements, DEFAULT_MAX_ELEMENTS) + "]");
            }
            sizes[i] = (int) size;
            total += size;
            headerBytes += 4 + nameLength + 8;
        }
        long declaredTotal = input.readLong("total element count");
        if (declaredTotal != total) {
            throw new InvalidFileException(name, "total element count " + declaredTotal
                    + " differs from the sum of the array sizes " + total + " (damaged header)");
        }
        if (total > maxElements) {
            throw new InvalidFileException(name, "declares " + total + " elements in all, over the limit of "
                    + maxElements);
        }
        long expectedLength = headerBytes + total * Float.BYTES + 4;
        if (length >= 0 && length != expectedLength) {
            throw new InvalidFileException(name, (length < expectedLength ? "truncated" : "has trailing bytes")
                    + ": the header needs " + expectedLength + " bytes, the file has " + length);
        }
        float[][] values = new float[count][];
        for (int i = 0; i < count; i++) {
            // Without a known length, memory grows with the bytes actually present, not the header's claim.
            values[i] = input.readFloats(sizes[i], length >= 0, "elements of array \"" + names[i] + "\"");
        }
        int computed = input.crc();
        int stored = input.readInt("checksum");
        if (computed != stored) {
            throw new InvalidFileException(name, String.format(
                    "checksum mismatch (stored CRC32 %08x, computed %08x): the file is damaged", stored, computed));
        }
        if (length < 0 && in.read() != -1) {
            throw new InvalidFileException(name, "has trailing bytes after the checksum");
        }
        NamedArrays result = new NamedArrays();
        for (int i = 0; i < count; i++) {
            try {
                result.put(names[i], values[i]);
            } catch (IllegalArgumentException e) {
                throw new InvalidFileException(name, e.getMessage());
            }
        }
        return result;
    }

    /** Little-endian writer that keeps a CRC32 of what it wrote. */
    private static final class CrcOutput {
        private final OutputStream out;
        private final CRC32 crc = new CRC32();
        private final ByteBuffer scratch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

        CrcOutput(OutputStream out) {
            this.out = out;
        }

        void write(byte[] bytes) throws IOException {
            write(bytes, 0, bytes.length);
        }

        void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            crc.update(bytes, offset, length);
        }

        void writeInt(int v) throws IOException {
            scratch.clear();
            scratch.putInt(v);
            write(scratch.array(), 0, 4);
        }

        void writeLong(long v) throws IOException {
            scratch.clear();
            scratch.putLong(v);
            write(scratch.array(), 0, 8);
        }

        int crc() {
            return (int) crc.getValue();
        }

        void flush() throws IOException {
            out.flush();
        }
    }

    /** Little-endian reader that keeps a CRC32 of what it read and names the file on a short read. */
    private static final class CrcInput {
        private final InputStream in;
        private final String name;
        private final CRC32 crc = new CRC32();
        private final byte[] chunk = new byte[CHUNK_FLOATS * Float.BYTES];
        private long position;

        CrcInput(InputStream in, String name) {
            this.in = in;
            this.name = name;
        }

        byte[] readBytes(int n, String what) throws IOException {
            byte[] bytes = new byte[n];
            readFully(bytes, n, what);
            return bytes;
        }

        int readInt(String what) throws IOException {
            readFully(chunk, 4, what);
            return ByteBuffer.wrap(chunk, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        }

        long readLong(String what) throws IOException {
            readFully(chunk, 8, what);
            return ByteBuffer.wrap(chunk, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        }

        float[] readFloats(int size, boolean sizeVerified, String what) throws IOException {
            float[] dst = new float[sizeVerified ? size : Math.min(size, CHUNK_FLOATS)];
            for (int start = 0; start < size; start += CHUNK_FLOATS) {
                int n = Math.min(CHUNK_FLOATS, size - start);
                if (start + n > dst.length) {
                    dst = Arrays.copyOf(dst, (int) Math.min(size, Math.max(start + n, 2L * dst.length)));
                }
                readFully(chunk, n * Float.BYTES, what);
                ByteBuffer.wrap(chunk, 0, n * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer()
                        .get(dst, start, n);
            }
            return dst;
        }

        int crc() {
            return (int) crc.getValue();
        }

        private void readFully(byte[] dst, int n, String what) throws IOException {
            int done = 0;
            try {
                while (done < n) {
                    int r = in.read(dst, done, n - done);
                    if (r < 0) {
                        throw new EOFException();
                    }
                    done += r;
                }
            } catch (EOFException e) {
                throw new InvalidFileException(name, "truncated: ends after " + (position + done)
                        + " bytes, in the " + what);
            }
            crc.update(dst, 0, n);
            position += n;
        }
    }
}
