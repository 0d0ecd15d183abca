package org.convspark.jobs.data;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Finds an IDX image file and its label file. Given a file, the other one of the pair is looked
 * for beside it ({@code train-images-idx3-ubyte.gz} and {@code train-labels-idx1-ubyte.gz}, with
 * or without {@code .gz}). Given a directory, the training role takes the pair whose images file
 * starts with {@code train}, the test role the one starting with {@code t10k} or {@code test}; a
 * directory with a single pair serves both roles.
 */
public record IdxFiles(DataLocation images, DataLocation labels) {

    public static IdxFiles locate(DataLocation location, DataRole role) {
        if (location.isDirectory()) {
            return inDirectory(location, role);
        }
        String name = location.name().toLowerCase(Locale.ROOT);
        if (name.contains("idx1-ubyte")) {
            return new IdxFiles(partner(location, "labels", "images", "idx1", "idx3"), location);
        }
        return new IdxFiles(location, partner(location, "images", "labels", "idx3", "idx1"));
    }

    /** Whether {@code directory} holds a pair for {@code role} (so train can test on it). */
    public static boolean hasSplit(DataLocation directory, DataRole role) {
        return directory.isDirectory() && imageFiles(directory).stream().anyMatch(f -> matches(f, role));
    }

    private static IdxFiles inDirectory(DataLocation directory, DataRole role) {
        List<DataLocation> images = imageFiles(directory);
        if (images.isEmpty()) {
            throw new DataException(directory + ": no IDX images file (*-images-idx3-ubyte or .gz) in the directory");
        }
        List<DataLocation> chosen = images.size() == 1 ? images
                : images.stream().filter(f -> matches(f, role)).toList();
        if (chosen.size() != 1) {
            throw new DataException(directory + ": " + (chosen.isEmpty() ? "no" : chosen.size()) + " IDX images files"
                    + " for the " + role.description() + " split among " + names(images) + " (the training split "
                    + "starts with 'train', the test split with 't10k' or 'test'); name the file instead");
        }
        return locate(chosen.get(0), role);
    }

    private static List<DataLocation> imageFiles(DataLocation directory) {
        return directory.children().stream()
                .filter(f -> !f.isDirectory() && f.name().toLowerCase(Locale.ROOT).contains("idx3-ubyte"))
                .toList();
    }

    private static boolean matches(DataLocation imagesFile, DataRole role) {
        String name = imagesFile.name().toLowerCase(Locale.ROOT);
        return role == DataRole.TRAIN ? name.startsWith("train") : name.startsWith("t10k") || name.startsWith("test");
    }

    private static DataLocation partner(DataLocation file, String word, String otherWord, String idx, String otherIdx) {
        String name = file.name();
        Set<String> candidates = new LinkedHashSet<>();
        String swapped = name.replace(word, otherWord).replace(idx + "-ubyte", otherIdx + "-ubyte");
        candidates.add(swapped);
        candidates.add(swapped.endsWith(".gz") ? swapped.substring(0, swapped.length() - 3) : swapped + ".gz");
        candidates.remove(name);
        for (String candidate : candidates) {
            Optional<DataLocation> found = file.sibling(candidate);
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new DataException(file + ": no IDX " + otherWord + " file beside it (looked for "
                + String.join(" and ", candidates) + ")");
    }

    private static String names(List<DataLocation> files) {
        List<String> names = new ArrayList<>();
        files.forEach(f -> names.add(f.name()));
        return String.join(", ", names);
    }
}
