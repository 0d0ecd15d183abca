package org.convspark.engine.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Directory copies and deletions for tests that freeze or damage what is on disk. */
public final class TestFiles {
    private TestFiles() {
    }

    /** Copies the tree under {@code from} to {@code to}, every file as it is (Hadoop's {@code .crc} files too). */
    public static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    /**
     * Damages the layout around {@code file} as a lost write or a wrong copy would: deletes it,
     * puts a directory in its place, or empties it. Returns what was done.
     */
    public static String damageLayout(Path file, java.util.SplittableRandom random) throws IOException {
        String name = file.getFileName().toString();
        switch (random.nextInt(3)) {
            case 0:
                Files.delete(file);
                return name + " missing";
            case 1:
                Files.delete(file);
                Files.createDirectory(file);
                return name + " is a directory";
            default:
                Files.write(file, new byte[0]);
                return name + " empty";
        }
    }

    /** Cuts {@code file} to {@code fraction} of its length, as a write cut short would leave it. */
    public static void truncate(Path file, double fraction) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength((long) (f.length() * fraction));
        }
    }
}
