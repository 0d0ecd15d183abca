package org.convspark.bench.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.convspark.engine.data.IdxReader;
import org.convspark.engine.data.LabelledImages;

/** Fashion-MNIST's 60,000 training and 10,000 test images, read from the four IDX files (gzipped or not). */
record FashionMnist(LabelledImages train, LabelledImages test) {
    /** Where Debian's {@code dataset-fashion-mnist} package puts the files. */
    static final Path DEFAULT_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");

    static FashionMnist read(Path directory) throws IOException {
        IdxReader reader = new IdxReader();
        return new FashionMnist(
                reader.read(file(directory, "train-images-idx3-ubyte"), file(directory, "train-labels-idx1-ubyte")),
                reader.read(file(directory, "t10k-images-idx3-ubyte"), file(directory, "t10k-labels-idx1-ubyte")));
    }

    private static Path file(Path directory, String name) {
        for (String suffix : new String[] {".gz", ""}) {
            Path candidate = directory.resolve(name + suffix);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("--data " + directory + ": no " + name + "(.gz) there; install Debian's "
                + "dataset-fashion-mnist package or point --data at a directory with the four Fashion-MNIST files");
    }
}
