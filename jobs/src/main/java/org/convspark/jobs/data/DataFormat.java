package org.convspark.jobs.data;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The data formats convspark reads, and how a format is inferred from a path when
 * {@code --format} is not given:
 * <ul>
 *   <li>{@code parquet}: a {@code *.parquet} file, or a directory holding {@code *.parquet} files
 *       (what Spark writes);</li>
 *   <li>{@code idx}: a file whose name contains {@code idx1-ubyte} or {@code idx3-ubyte} (MNIST,
 *       Fashion-MNIST; {@code .gz} or plain), or a directory holding such files;</li>
 *   <li>{@code cifar10}: a {@code *.bin} file, or a directory holding {@code data_batch_*.bin} or
 *       {@code test_batch.bin};</li>
 *   <li>{@code images}: a directory whose sub-directories hold {@code .png}, {@code .jpg} or
 *       {@code .jpeg} files.</li>
 * </ul>
 */
public enum DataFormat {
    IDX("idx"), CIFAR10("cifar10"), IMAGES("images"), PARQUET("parquet");

    private final String option;

    DataFormat(String option) {
        this.option = option;
    }

    /** The name used on the command line. */
    public String option() {
        return option;
    }

    public static String names() {
        return Arrays.stream(values()).map(DataFormat::option).collect(Collectors.joining("|"));
    }

    /** The format named {@code value} (case-insensitive). */
    public static DataFormat parse(String value) {
        for (DataFormat f : values()) {
            if (f.option.equalsIgnoreCase(value.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown data format '" + value + "'; expected one of " + names());
    }

    /** The format of {@code location} by the rules above; a {@link DataException} naming it when none applies. */
    public static DataFormat infer(DataLocation location) {
        if (!location.isDirectory()) {
            DataFormat byName = byFileName(location.name());
            if (byName == null) {
                throw new DataException(location + ": cannot tell the data format from the file name; give --format "
                        + names());
            }
            return byName;
        }
        List<DataLocation> children = location.children();
        if (children.isEmpty()) {
            throw new DataException(location + ": the directory is empty");
        }
        for (DataFormat candidate : List.of(PARQUET, IDX, CIFAR10)) {
            for (DataLocation child : children) {
                if (!child.isDirectory() && candidate == byDirectoryMember(child.name())) {
                    return candidate;
                }
            }
        }
        for (DataLocation child : children) {
            if (child.isDirectory() && child.children().stream().anyMatch(f -> isImageFile(f.name()))) {
                return IMAGES;
            }
        }
        throw new DataException(location + ": cannot tell the data format of the directory (no *.parquet, IDX, "
                + "CIFAR-10 batch files, or class sub-folders with PNG/JPEG images); give --format " + names());
    }

    /** Whether a file name has an image extension the image source decodes (PNG or JPEG). */
    public static boolean isImageFile(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".png") || lower.endsWith(".jpg") || lower.endsWith(".jpeg");
    }

    private static DataFormat byFileName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".parquet")) {
            return PARQUET;
        }
        if (lower.contains("idx1-ubyte") || lower.contains("idx3-ubyte")) {
            return IDX;
        }
        if (lower.endsWith(".bin")) {
            return CIFAR10;
        }
        return null;
    }

    private static DataFormat byDirectoryMember(String name) {
        DataFormat byName = byFileName(name);
        if (byName == CIFAR10) {
            String lower = name.toLowerCase(Locale.ROOT);
            return lower.startsWith("data_batch_") || lower.equals("test_batch.bin") ? CIFAR10 : null;
        }
        return byName;
    }
}
