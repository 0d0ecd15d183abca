package org.convspark.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParameterFileTest {
    private static final String NAME = "model/params.bin";

    private static NamedArrays sample() {
        float[] params = new float[1000];
        for (int i = 0; i < params.length; i++) {
            params[i] = (float) Math.sin(i) * (i % 7 == 0 ? 1e-30f : 3f);
        }
        params[3] = -0.0f;
        params[4] = Float.MIN_VALUE;
        return new NamedArrays().put("params", params).put("optimizer.m", new float[] {1, -2, 3.5f})
                .put("empty", new float[0]);
    }

    private static byte[] bytes(NamedArrays arrays) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ParameterFile.write(out, arrays);
        return out.toByteArray();
    }

    private static NamedArrays read(byte[] file, boolean lengthKnown) throws IOException {
        return ParameterFile.read(new ByteArrayInputStream(file), lengthKnown ? file.length : -1, NAME,
                ParameterFile.DEFAULT_MAX_ELEMENTS);
    }

    private static void assertSameArrays(NamedArrays expected, NamedArrays actual) {
        assertEquals(expected.names(), actual.names());
        for (String name : expected.names()) {
            float[] e = expected.get(name);
            float[] a = actual.get(name);
            assertEquals(e.length, a.length, name);
            for (int i = 0; i < e.length; i++) {
                assertEquals(Float.floatToRawIntBits(e[i]), Float.floatToRawIntBits(a[i]), name + "[" + i + "]");
            }
        }
    }

    @Test
    void roundTripsBitExactThroughStreamsAndFiles(@TempDir Path dir) throws IOException {
        NamedArrays arrays = sample();
        assertSameArrays(arrays, read(bytes(arrays), true));
        assertSameArrays(arrays, read(bytes(arrays), false));
        Path file = dir.resolve("params.bin");
        ParameterFile.write(file, arrays);
        assertSameArrays(arrays, ParameterFile.read(file));
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(file), listing.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void layoutIsLittleEndianWithMagicVersionAndCounts() throws IOException {
        byte[] file = bytes(new NamedArrays().put("w", new float[] {1.5f, -2f}));
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("CSPARAMS", new String(file, 0, 8, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(1, b.getInt(8));
        assertEquals(1, b.getInt(12));
        assertEquals(1, b.getInt(16));
        assertEquals('w', file[20]);
        assertEquals(2L, b.getLong(21));
        assertEquals(2L, b.getLong(29));
        assertEquals(1.5f, b.getFloat(37));
        assertEquals(-2f, b.getFloat(41));
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(file, 0, 45);
        assertEquals((int) crc.getValue(), b.getInt(45));
        assertEquals(49, file.length);
    }

    @Test
    void refusesEveryTruncation() throws IOException {
        byte[] file = bytes(sample());
        for (int cut = 0; cut < file.length; cut += cut < 64 ? 1 : 97) {
            byte[] truncated = Arrays.copyOf(file, cut);
            for (boolean lengthKnown : new boolean[] {true, false}) {
                InvalidFileException e = assertThrows(InvalidFileException.class, () -> read(truncated, lengthKnown),
                        "cut at " + cut);
                assertEquals(NAME, e.file());
            }
        }
        InvalidFileException lastByte = assertThrows(InvalidFileException.class,
                () -> read(Arrays.copyOf(file, file.length - 1), true));
        assertTrue(lastByte.getMessage().contains("truncated"), lastByte.getMessage());
    }

    @Test
    void refusesEveryFlippedBit() throws IOException {
        byte[] file = bytes(new NamedArrays().put("params", new float[] {0.25f, -1f, 3f}).put("m", new float[] {7f}));
        for (int bit = 0; bit < file.length * 8; bit++) {
            byte[] damaged = file.clone();
            damaged[bit / 8] ^= (byte) (1 << (bit % 8));
            for (boolean lengthKnown : new boolean[] {true, false}) {
                InvalidFileException e = assertThrows(InvalidFileException.class, () -> read(damaged, lengthKnown),
                        "bit " + bit);
                assertTrue(e.getMessage().startsWith(NAME + ": "), e.getMessage());
            }
        }
    }

    @Test
    void checksumMismatchIsReportedAsDamage() throws IOException {
        byte[] file = bytes(sample());
        file[file.length - 100] ^= 0x10;
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> read(file, true));
        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
    }

    @Test
    void refusesWrongVersionAndWrongMagicByName() throws IOException {
        byte[] file = bytes(sample());
        byte[] future = file.clone();
        future[8] = 2;
        InvalidFileException version = assertThrows(InvalidFileException.class, () -> read(future, true));
        assertEquals(NAME + ": unsupported parameter format version 2 (this build reads version 1)",
                version.getMessage());
        byte[] foreign = file.clone();
        foreign[0] = 'X';
        InvalidFileException magic = assertThrows(InvalidFileException.class, () -> read(foreign, true));
        assertTrue(magic.getMessage().contains("not a convspark parameter file"), magic.getMessage());
    }

    @Test
    void refusesTrailingBytes() throws IOException {
        byte[] file = Arrays.copyOf(bytes(sample()), bytes(sample()).length + 3);
        assertTrue(assertThrows(InvalidFileException.class, () -> read(file, true)).getMessage()
                .contains("trailing"));
        assertTrue(assertThrows(InvalidFileException.class, () -> read(file, false)).getMessage()
                .contains("trailing"));
    }

    @Test
    void hostileHeaderIsRefusedBeforeAllocating() {
        ByteBuffer b = ByteBuffer.allocate(41).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ParameterFile.MAGIC).putInt(1).putInt(1).putInt(1).put((byte) 'p').putLong(2_000_000_000L)
                .putLong(2_000_000_000L);
        byte[] file = Arrays.copyOf(b.array(), b.position());
        InvalidFileException known = assertThrows(InvalidFileException.class, () -> read(file, true));
        assertTrue(known.getMessage().contains("truncated: the header needs 8000000041 bytes, the file has 37"),
                known.getMessage());
        InvalidFileException limited = assertThrows(InvalidFileException.class,
                () -> ParameterFile.read(new ByteArrayInputStream(file), -1, NAME, 1_000_000));
        assertTrue(limited.getMessage().contains("outside [0, 1000000]"), limited.getMessage());
    }

    /**
     * A stream of unknown length (a decompressing or remote one) declaring 2 billion elements but
     * ending after 100: memory grows with the bytes that arrive, so under the tests' 2 GB heap this
     * is a clean refusal, not an 8 GB allocation; and a gzip-wrapped file is foreign, by name.
     */
    @Test
    void unknownLengthStreamsAllocateOnlyWhatArrivesAndGzipIsForeign() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(141).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ParameterFile.MAGIC).putInt(1).putInt(1).putInt(1).put((byte) 'p').putLong(2_000_000_000L)
                .putLong(2_000_000_000L);
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> read(b.array(), false));
        assertTrue(e.getMessage().startsWith(NAME + ": truncated: ends after 141 bytes"), e.getMessage());
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
            out.write(bytes(sample()));
        }
        assertEquals(NAME + ": not a convspark parameter file (magic is not \"CSPARAMS\")",
                assertThrows(InvalidFileException.class, () -> read(gz.toByteArray(), true)).getMessage());
    }

    @Test
    void namedArraysRefuseDuplicateAndMissingNames() {
        NamedArrays arrays = new NamedArrays().put("a", new float[1]);
        assertThrows(IllegalArgumentException.class, () -> arrays.put("a", new float[1]));
        assertThrows(IllegalArgumentException.class, () -> arrays.put("", new float[1]));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> arrays.get("b"));
        assertTrue(missing.getMessage().contains("present: [a]"));
        assertArrayEquals(new float[1], arrays.get("a"));
    }
}
