package org.convspark.jobs.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes CIFAR-10 binary batches: per record, 1 label byte and 3,072 pixel bytes (R, G, B planes). */
public final class CifarWriter {
    private CifarWriter() {
    }

    /** A batch of {@code labels.length} records; the pixels of record i are {@code (i + j) mod 256}. */
    public static Path write(Path file, int[] labels) throws IOException {
        byte[] bytes = new byte[labels.length * 3073];
        for (int i = 0; i < labels.length; i++) {
            bytes[i * 3073] = (byte) labels[i];
            for (int j = 0; j < 3072; j++) {
                bytes[i * 3073 + 1 + j] = (byte) (i + j);
            }
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.write(file, bytes);
    }
}
