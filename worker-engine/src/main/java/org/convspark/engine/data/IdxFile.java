package org.convspark.engine.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where an IDX file's bytes come from: a name for errors, its length in bytes (-1 when unknown,
 * as for a classpath resource) and a way to open it. Lets {@link IdxReader} read local files, jar
 * resources and (in the jobs module) Hadoop file systems alike.
 */
public record IdxFile(String name, long length, Opener opener) {
    /** Opens a fresh stream over the whole file. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    public static IdxFile of(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(path.toString(), null, "IDX file not found");
        }
        return new IdxFile(path.toString(), Files.size(path), () -> Files.newInputStream(path));
    }

    /** A resource next to (or absolute from) {@code anchor}'s class loader, e.g. inside the jar. */
    public static IdxFile ofResource(Class<?> anchor, String resource) {
        return new IdxFile("classpath:" + resource, -1, () -> {
            InputStream in = anchor.getResourceAsStream(resource);
            if (in == null) {
                throw new NoSuchFileException("classpath:" + resource, null, "resource not found");
            }
            return in;
        });
    }
}
