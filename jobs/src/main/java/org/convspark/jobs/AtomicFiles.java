package org.convspark.jobs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.convspark.engine.io.AtomicWrite;

/**
 * Writes the text files a run leaves for the user (reports, metrics) through the engine's
 * {@link AtomicWrite}, turning failures into a {@link UserError} that names the file.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * Refuses, before any work, an output file whose directory is missing or that is a directory;
     * the message starts with {@code option} and the path.
     */
    public static void checkWritable(Path target, String option) {
        String problem = problem(target);
        if (problem != null) {
            throw new UserError(option + " " + target + ": cannot write: " + problem);
        }
    }

    private static String problem(Path target) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return "directory " + dir + " does not exist";
        }
        if (Files.isDirectory(absolute)) {
            return "it is a directory";
        }
        if (!Files.isWritable(dir)) {
            return "directory " + dir + " is not writable";
        }
        return null;
    }

    /** @throws UserError naming the file and the reason when it cannot be written */
    public static void writeString(Path target, String text) {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Writes {@code content} to {@code target} whole or not at all; @throws UserError naming the file */
    public static void write(Path target, AtomicWrite.Content content) {
        String problem = problem(target);
        if (problem != null) {
            throw new UserError("cannot write " + target + ": " + problem);
        }
        try {
            AtomicWrite.write(target, content);
        } catch (IOException e) {
            throw new UserError("cannot write " + target + ": " + IoErrors.describe(e), e);
        }
    }
}
