package org.convspark.jobs;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.convspark.engine.UserInputException;
import org.convspark.engine.io.AtomicWrite;
import org.convspark.engine.model.ModelFiles;
import org.convspark.engine.model.SavedModel;

/**
 * A trained model on disk, what {@code train --output} writes and {@code evaluate} and
 * {@code predict} read: the engine's {@link ModelFiles} (spec.json, params.bin, model.json) in a
 * local directory. Written as a whole: into a temporary directory beside the target, then renamed
 * into place; an existing model is replaced only with {@code overwrite}, and only after the new
 * one is complete, so a failed run never leaves a half-written or missing model. Every error is a {@link UserError}
 * naming the file.
 */
public final class ModelDirectory {
    private ModelDirectory() {
    }

    /** Refuses, before any work, an output that exists (unless {@code overwrite}) or cannot be created. */
    public static void checkWritable(Path dir, boolean overwrite, String option) {
        Path absolute = dir.toAbsolutePath();
        if (Files.exists(absolute)) {
            if (!Files.isDirectory(absolute)) {
                throw new UserError(option + " " + dir + ": exists and is not a directory");
            }
            if (!overwrite) {
                throw new UserError(option + " " + dir + ": already exists; choose a new directory or add --overwrite "
                        + "(the old model is replaced only once the new one is complete)");
            }
        }
        Path parent = absolute.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new UserError(option + " " + dir + ": directory " + parent + " does not exist");
        }
        if (!Files.isWritable(parent)) {
            throw new UserError(option + " " + dir + ": directory " + parent + " is not writable");
        }
    }

    public static void write(Path dir, SavedModel model, boolean overwrite) {
        Path target = dir.toAbsolutePath();
        checkWritable(dir, overwrite, "--output");
        Path parent = target.getParent();
        String name = target.getFileName().toString();
        Path tmp = parent.resolve("." + name + ".tmp-" + UUID.randomUUID());
        try {
            Files.createDirectory(tmp);
            ModelFiles.write(new Directory(tmp), model);
            replace(tmp, target);
        } catch (IOException e) {
            throw new UserError("cannot write the model to " + dir + ": " + IoErrors.describe(e), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** Moves {@code fresh} to {@code target}; an old {@code target} is moved aside first and removed last. */
    private static void replace(Path fresh, Path target) throws IOException {
        if (!Files.exists(target)) {
            move(fresh, target);
            return;
        }
        Path old = target.resolveSibling("." + target.getFileName() + ".old-" + UUID.randomUUID());
        move(target, old);
        try {
            move(fresh, target);
        } catch (IOException e) {
            move(old, target);
            throw e;
        }
        deleteQuietly(old);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    public static SavedModel read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UserError("--model " + dir + ": " + (Files.exists(dir) ? "is not a model directory (evaluate and "
                    + "predict take the directory train --output wrote)" : "no such directory"));
        }
        try {
            return ModelFiles.read(new Directory(dir));
        } catch (UserError e) {
            throw e;
        } catch (UserInputException e) {
            throw new UserError(e.getMessage(), e);
        } catch (IOException e) {
            throw new UserError("--model " + dir + ": cannot read: " + IoErrors.describe(e), e);
        }
    }

    /**
     * The model's files in a local directory. Written plainly: the whole directory is renamed
     * into place once complete. A file that cannot be read is named in the error.
     */
    private record Directory(Path dir) implements ModelFiles.Store {
        @Override
        public void write(String name, AtomicWrite.Content content) throws IOException {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve(name),
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))) {
                content.writeTo(out);
            }
        }

        @Override
        public long length(String name) {
            Path file = dir.resolve(name);
            try {
                return Files.isRegularFile(file) ? Files.size(file) : -1;
            } catch (IOException e) {
                throw new UserError(file + ": cannot read: " + IoErrors.describe(e), e);
            }
        }

        @Override
        public InputStream open(String name) {
            Path file = dir.resolve(name);
            try {
                return new BufferedInputStream(Files.newInputStream(file));
            } catch (IOException e) {
                throw new UserError(file + ": cannot read: " + IoErrors.describe(e), e);
            }
        }

        @Override
        public String describe(String name) {
            return dir.resolve(name).toString();
        }
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // The model itself is in place (or the error that matters was already raised).
        }
    }
}
