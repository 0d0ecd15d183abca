package org.convspark.engine.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes a file so that a reader sees the old file or the new one, never half of it: the bytes go
 * to a temporary file beside the target, which is then renamed over it; a failure removes the
 * temporary file and leaves any previous file unchanged.
 *
 * <p>The temporary file is created like any other output file, so the result has the mode the
 * umask gives (0644 under the usual 022). {@link Files#createTempFile} is deliberately not used:
 * it makes files 0600, and the rename would carry that private mode onto a report or model the
 * user expects others to read.
 */
public final class AtomicWrite {
    private AtomicWrite() {
    }

    /** What produces the file's bytes; the stream is buffered and closed by {@link #write}. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes {@code content} to {@code target} atomically (see the class comment). */
    public static void write(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path tmp = absolute.resolveSibling("." + absolute.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(
                    Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))) {
                content.writeTo(out);
            }
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // The write already failed and says so; a stray temporary file is the lesser problem.
            }
        }
    }
}
