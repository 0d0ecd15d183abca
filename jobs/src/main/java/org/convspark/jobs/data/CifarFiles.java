package org.convspark.jobs.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds CIFAR-10 binary batch files: a file names itself; in a directory the training role takes
 * {@code data_batch_1.bin ... data_batch_5.bin} (in number order) and the test role
 * {@code test_batch.bin}. Class names come from {@code batches.meta.txt} beside them when present.
 */
public record CifarFiles(List<DataLocation> batches, List<String> classNames) {
    static final String TEST_BATCH = "test_batch.bin";
    static final String META = "batches.meta.txt";
    private static final Pattern TRAIN_BATCH = Pattern.compile("data_batch_(\\d+)\\.bin");

    public static CifarFiles locate(DataLocation location, DataRole role) {
        if (!location.isDirectory()) {
            return new CifarFiles(List.of(location), classNames(location.sibling(META)));
        }
        List<DataLocation> batches = new ArrayList<>();
        Optional<DataLocation> meta = Optional.empty();
        for (DataLocation child : location.children()) {
            String name = child.name().toLowerCase(Locale.ROOT);
            if (child.isDirectory()) {
                continue;
            }
            if (name.equals(META)) {
                meta = Optional.of(child);
            } else if (role == DataRole.TRAIN ? TRAIN_BATCH.matcher(name).matches() : name.equals(TEST_BATCH)) {
                batches.add(child);
            }
        }
        if (batches.isEmpty()) {
            throw new DataException(location + ": no CIFAR-10 " + role.description() + " batch in the directory ("
                    + (role == DataRole.TRAIN ? "data_batch_*.bin" : TEST_BATCH) + ")");
        }
        batches.sort(Comparator.comparingInt(CifarFiles::batchNumber));
        return new CifarFiles(List.copyOf(batches), classNames(meta));
    }

    /** Whether {@code directory} holds the batches of {@code role} (so train can test on them). */
    public static boolean hasSplit(DataLocation directory, DataRole role) {
        if (!directory.isDirectory()) {
            return false;
        }
        return directory.children().stream().anyMatch(f -> role == DataRole.TRAIN
                ? TRAIN_BATCH.matcher(f.name().toLowerCase(Locale.ROOT)).matches()
                : f.name().equalsIgnoreCase(TEST_BATCH));
    }

    private static int batchNumber(DataLocation file) {
        Matcher m = TRAIN_BATCH.matcher(file.name().toLowerCase(Locale.ROOT));
        return m.matches() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** The non-blank lines of {@code batches.meta.txt}; empty when absent. */
    private static List<String> classNames(Optional<DataLocation> meta) {
        if (meta.isEmpty() || meta.get().isDirectory() || meta.get().length() > 64 * 1024) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(meta.get().open(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    names.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new DataException(meta.get() + ": cannot read the class names: " + e.getMessage(), e);
        }
        return List.copyOf(names);
    }
}
