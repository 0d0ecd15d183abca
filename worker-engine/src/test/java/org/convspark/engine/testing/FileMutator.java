package org.convspark.engine.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * Random damage to a valid file, for the fuzz tests of the loaders: bit flips, truncation, byte
 * insertions and deletions, header fields overwritten with extreme values, JSON numbers replaced
 * by extreme or ill-typed values, and gzip-wrapped variants (wrapped whole, or wrapped and then
 * damaged in the compressed bytes). Every mutation is drawn from the {@link SplittableRandom} it
 * is given and describes itself, so a failing case can be named and replayed from its seed.
 */
public final class FileMutator {
    /** One damaged file and what was done to it. */
    public record Mutation(String description, byte[] bytes) {
    }

    /** A fixed-width integer of a binary header: where it is, how wide (4 or 8 bytes), which byte order. */
    public record Field(String name, int offset, int width, ByteOrder order) {
        public Field {
            if (width != 4 && width != 8) {
                throw new IllegalArgumentException("field width must be 4 or 8, got " + width);
            }
        }
    }

    private static final long[] EXTREMES = {0, 1, -1, 2, Integer.MAX_VALUE, Integer.MIN_VALUE,
        Integer.MAX_VALUE - 8L, 1L << 31, 0xFFFFFFFFL, 1L << 32, Long.MAX_VALUE, Long.MIN_VALUE, 65_536, 1 << 28};
    private static final String[] JSON_EXTREMES = {"0", "-1", "1", "2147483647", "2147483648", "-2147483649",
        "9223372036854775807", "9223372036854775808", "1e309", "-1e309", "0.5", "1e-400", "null", "true", "\"7\"",
        "[]", "{}", "[1, 2, 3]", "NaN"};
    private static final Pattern JSON_NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

    private final List<Field> headerFields;
    private final int headerBytes;
    private final boolean json;

    private FileMutator(List<Field> headerFields, int headerBytes, boolean json) {
        this.headerFields = List.copyOf(headerFields);
        this.headerBytes = headerBytes;
        this.json = json;
    }

    /** For a binary format whose header is {@code headerFields}; half the byte-level damage lands in the header. */
    public static FileMutator binary(List<Field> headerFields) {
        int end = 0;
        for (Field f : headerFields) {
            end = Math.max(end, f.offset() + f.width());
        }
        return new FileMutator(headerFields, end, false);
    }

    /**
     * For a file of the engine's parameter format ({@code ParameterFile}) holding arrays named
     * {@code names}, in order: magic, version, array count, each name's length and element
     * count, and the total are its header fields.
     */
    public static FileMutator parameterFile(List<String> names) {
        ByteOrder le = ByteOrder.LITTLE_ENDIAN;
        List<Field> fields = new ArrayList<>(List.of(new Field("magic", 0, 8, le), new Field("version", 8, 4, le),
                new Field("array count", 12, 4, le)));
        int offset = 16;
        for (String name : names) {
            fields.add(new Field("name length of " + name, offset, 4, le));
            offset += 4 + name.getBytes(StandardCharsets.UTF_8).length;
            fields.add(new Field("element count of " + name, offset, 8, le));
            offset += 8;
        }
        fields.add(new Field("total element count", offset, 8, le));
        return binary(fields);
    }

    /** For a JSON text: numbers are the "header fields" overwritten with extreme or ill-typed values. */
    public static FileMutator jsonText() {
        return new FileMutator(List.of(), 0, true);
    }

    /** One mutation of {@code valid} (which is not changed). */
    public Mutation mutate(byte[] valid, SplittableRandom random) {
        int kind = random.nextInt(10);
        switch (kind) {
            case 0:
            case 1:
                return fieldOverwrite(valid, random);
            case 2:
                return flipBits(valid, random);
            case 3:
                return truncate(valid, random);
            case 4:
                return insert(valid, random);
            case 5:
                return delete(valid, random);
            case 6: {
                Mutation inner = mutate(valid, random);
                return new Mutation(inner.description() + ", then gzip-wrapped", gzip(inner.bytes()));
            }
            case 7: {
                Mutation outer = byteLevel(gzip(valid), random, false);
                return new Mutation("gzip-wrapped, then " + outer.description(), outer.bytes());
            }
            case 8:
                return new Mutation("gzip-wrapped intact", gzip(valid));
            default: {
                Mutation first = mutate(valid, random);
                Mutation second = mutate(first.bytes(), random);
                return new Mutation(first.description() + "; " + second.description(), second.bytes());
            }
        }
    }

    private Mutation fieldOverwrite(byte[] valid, SplittableRandom random) {
        if (json) {
            return jsonOverwrite(valid, random);
        }
        if (headerFields.isEmpty()) {
            return flipBits(valid, random);
        }
        Field field = headerFields.get(random.nextInt(headerFields.size()));
        long value = random.nextInt(4) == 0 ? random.nextLong() : EXTREMES[random.nextInt(EXTREMES.length)];
        byte[] bytes = valid.clone();
        if (field.offset() + field.width() > bytes.length) {
            return truncate(valid, random);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(field.order());
        if (field.width() == 4) {
            b.putInt(field.offset(), (int) value);
        } else {
            b.putLong(field.offset(), value);
        }
        return new Mutation("header field " + field.name() + " set to " + (field.width() == 4 ? (int) value : value),
                bytes);
    }

    private Mutation jsonOverwrite(byte[] valid, SplittableRandom random) {
        String text = new String(valid, StandardCharsets.UTF_8);
        List<int[]> numbers = new ArrayList<>();
        Matcher m = JSON_NUMBER.matcher(text);
        while (m.find()) {
            numbers.add(new int[] {m.start(), m.end()});
        }
        if (numbers.isEmpty()) {
            return truncate(valid, random);
        }
        int[] at = numbers.get(random.nextInt(numbers.size()));
        String value = JSON_EXTREMES[random.nextInt(JSON_EXTREMES.length)];
        String changed = text.substring(0, at[0]) + value + text.substring(at[1]);
        return new Mutation("JSON number " + text.substring(at[0], at[1]) + " at offset " + at[0] + " replaced by "
                + value, changed.getBytes(StandardCharsets.UTF_8));
    }

    private Mutation flipBits(byte[] valid, SplittableRandom random) {
        return byteLevel(valid, random, true);
    }

    /** Bit flips, preferring the header when {@code headerBias}. */
    private Mutation byteLevel(byte[] valid, SplittableRandom random, boolean headerBias) {
        if (valid.length == 0) {
            return new Mutation("empty file", valid);
        }
        byte[] bytes = valid.clone();
        int flips = 1 + random.nextInt(8);
        StringBuilder where = new StringBuilder();
        for (int i = 0; i < flips; i++) {
            int position = position(bytes.length, random, headerBias);
            int bit = random.nextInt(8);
            bytes[position] ^= (byte) (1 << bit);
            where.append(i == 0 ? "" : ",").append(position).append('.').append(bit);
        }
        return new Mutation(flips + " bit(s) flipped at byte.bit " + where, bytes);
    }

    private Mutation truncate(byte[] valid, SplittableRandom random) {
        int length = valid.length == 0 ? 0 : position(valid.length, random, true);
        return new Mutation("truncated to " + length + " of " + valid.length + " bytes",
                Arrays.copyOf(valid, length));
    }

    private Mutation insert(byte[] valid, SplittableRandom random) {
        int at = position(valid.length + 1, random, true);
        byte[] extra = new byte[1 + random.nextInt(16)];
        random.nextBytes(extra);
        byte[] bytes = new byte[valid.length + extra.length];
        System.arraycopy(valid, 0, bytes, 0, at);
        System.arraycopy(extra, 0, bytes, at, extra.length);
        System.arraycopy(valid, at, bytes, at + extra.length, valid.length - at);
        return new Mutation(extra.length + " random byte(s) inserted at " + at, bytes);
    }

    private Mutation delete(byte[] valid, SplittableRandom random) {
        if (valid.length == 0) {
            return new Mutation("empty file", valid);
        }
        int at = position(valid.length, random, true);
        int n = Math.min(valid.length - at, 1 + random.nextInt(16));
        byte[] bytes = new byte[valid.length - n];
        System.arraycopy(valid, 0, bytes, 0, at);
        System.arraycopy(valid, at + n, bytes, at, valid.length - at - n);
        return new Mutation(n + " byte(s) deleted at " + at, bytes);
    }

    /** A position in {@code [0, length)}: half the time inside the header, when there is one. */
    private int position(int length, SplittableRandom random, boolean headerBias) {
        if (headerBias && headerBytes > 0 && random.nextBoolean()) {
            return random.nextInt(Math.min(length, headerBytes));
        }
        return random.nextInt(length);
    }

    public static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
