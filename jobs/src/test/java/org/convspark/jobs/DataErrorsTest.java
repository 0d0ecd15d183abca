package org.convspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.convspark.engine.data.EmbeddedMnist;
import org.convspark.jobs.testing.CifarWriter;
import org.convspark.jobs.testing.CliRun;
import org.convspark.jobs.testing.IdxWriter;
import org.convspark.jobs.testing.ImageFolders;
import org.convspark.jobs.testing.TestSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad training data, through the command line: a wrong format, truncated IDX and CIFAR-10
 * files, a label count that differs from the image count, images of mixed sizes and an empty
 * folder each end in ONE line naming the file, with exit code 2.
 */
class DataErrorsTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void session() {
        TestSpark.session();
    }

    private static String train(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "train";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.of(all).oneErrorLine();
    }

    private Path idx(String name, int count) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        IdxWriter.write(dir, "train", EmbeddedMnist.train().slice(0, count), false);
        return dir;
    }

    private static void truncate(Path file, int bytes) throws IOException {
        byte[] all = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(all, all.length - bytes));
    }

    @Test
    void idxFilesReadAsCifarAreAWrongFormat() throws IOException {
        Path images = idx("as-cifar", 10).resolve("train-images-idx3-ubyte");
        assertEquals("convspark: error: " + images + ": 7856 bytes is not a multiple of 3073 (1 label byte + 3072 "
                + "pixel bytes per image): truncated, or not a CIFAR-10 binary batch",
                train("--data", images.toString(), "--format", "cifar10", "--model", "cifar-small"));
    }

    @Test
    void aCifarBatchNamedLikeIdxIsAWrongFormat() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("fake-idx"));
        Path images = CifarWriter.write(dir.resolve("train-images-idx3-ubyte"), new int[] {1, 2});
        CifarWriter.write(dir.resolve("train-labels-idx1-ubyte"), new int[] {1, 2});
        assertEquals("convspark: error: " + images + ": not an IDX file (magic 01000102, expected 00000803 for "
                + "images (N x H x W))", train("--data", dir.toString()));
    }

    @Test
    void truncatedIdxImagesAreNamed() throws IOException {
        Path images = idx("short-images", 20).resolve("train-images-idx3-ubyte");
        truncate(images, 1);
        assertEquals("convspark: error: " + images + ": truncated: the header declares 15680 data bytes, so the file "
                + "should be 15696 bytes long, but it is 15695", train("--data", images.getParent().toString()));
    }

    @Test
    void truncatedGzipIdxIsNamed() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("short-gzip"));
        Path[] files = IdxWriter.write(dir, "train", EmbeddedMnist.train().slice(0, 20), true);
        truncate(files[0], 200);
        String line = train("--data", dir.toString());
        assertEquals(true, line.startsWith("convspark: error: " + files[0] + ": "), line);
    }

    @Test
    void truncatedCifarBatchIsNamed() throws IOException {
        Path batch = CifarWriter.write(tmp.resolve("cifar/data_batch_1.bin"), new int[] {0, 1, 2});
        truncate(batch, 3000);
        assertEquals("convspark: error: " + batch + ": 6219 bytes is not a multiple of 3073 (1 label byte + 3072 "
                + "pixel bytes per image): truncated, or not a CIFAR-10 binary batch",
                train("--data", batch.getParent().toString(), "--model", "cifar-small"));
    }

    @Test
    void labelCountDifferingFromImageCountIsNamed() throws IOException {
        Path dir = idx("counts", 30);
        Path other = Files.createDirectories(tmp.resolve("fewer"));
        IdxWriter.write(other, "train", EmbeddedMnist.train().slice(0, 29), false);
        Files.copy(other.resolve("train-labels-idx1-ubyte"), dir.resolve("train-labels-idx1-ubyte"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path images = dir.resolve("train-images-idx3-ubyte");
        assertEquals("convspark: error: " + images + ": 30 images but " + dir.resolve("train-labels-idx1-ubyte")
                + " has 29 labels", train("--data", dir.toString()));
    }

    @Test
    void imagesOfMixedSizesAreNamed() throws IOException {
        Path root = tmp.resolve("mixed");
        ImageFolders.write(root, 3, 28, 1);
        ImageFolders.writeOne(root.resolve("vertical/big.png"), 32, 32);
        assertEquals("convspark: error: " + root + "/vertical/big.png: image of 32x32 but " + root
                + "/dots/dots-000.png is 28x28; all images must have one size (9 are 28x28, 1 differ); convspark does "
                + "not resize", train("--data", root.toString()));
    }

    @Test
    void emptyFolderIsNamed() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertEquals("convspark: error: " + empty + ": the directory is empty", train("--data", empty.toString()));
        assertEquals("convspark: error: " + empty + ": the folder is empty",
                train("--data", empty.toString(), "--format", "images"));
    }

    @Test
    void dataShapeOtherThanTheModelsIsNamed() throws IOException {
        Path dir = idx("digits", 10);
        assertEquals("convspark: error: " + dir + "/train-images-idx3-ubyte + train-labels-idx1-ubyte: the samples "
                + "are 1x28x28 but the model takes 3x32x32", train("--data", dir.toString(), "--model", "cifar-small"));
    }
}
