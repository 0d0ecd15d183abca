package org.convspark.jobs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes an output file so that a reader sees the old file or the new one, never half of it:
 * the text goes to a temporary file beside the target, which is then renamed over it. A
 * failure leaves any previous file unchanged.
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
        return null;
    }

    /** @throws UserError naming the file and the reason when it cannot be written */
    public static void writeString(Path target, String text) {
        String problem = problem(target);
        if (problem != null) {
            throw new UserError("cannot write " + target + ": " + problem);
        }
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UserError("cannot write " + target + ": " + IoErrors.describe(e), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // The write already failed and says so; a stray temporary file is the lesser problem.
                }
            }
        }
    }
}
