package org.convspark.jobs.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.convspark.jobs.testing.ImageFolders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFormatTest {
    @TempDir
    Path tmp;

    private DataFormat infer(Path path) {
        return DataFormat.infer(DataLocation.of(path.toString(), new Configuration()));
    }

    private String error(Path path) {
        return assertThrows(DataException.class, () -> infer(path)).getMessage();
    }

    private Path touch(String name) throws IOException {
        Path file = tmp.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.write(file, new byte[] {1});
    }

    @Test
    void filesByName() throws IOException {
        assertEquals(DataFormat.IDX, infer(touch("train-images-idx3-ubyte.gz")));
        assertEquals(DataFormat.IDX, infer(touch("t10k-labels-idx1-ubyte")));
        assertEquals(DataFormat.CIFAR10, infer(touch("data_batch_1.bin")));
        assertEquals(DataFormat.CIFAR10, infer(touch("anything.bin")));
        assertEquals(DataFormat.PARQUET, infer(touch("table.parquet")));
    }

    @Test
    void directoriesByContent() throws IOException {
        touch("idx/train-images-idx3-ubyte");
        assertEquals(DataFormat.IDX, infer(tmp.resolve("idx")));
        touch("cifar/data_batch_1.bin");
        touch("cifar/batches.meta.txt");
        assertEquals(DataFormat.CIFAR10, infer(tmp.resolve("cifar")));
        touch("pq/part-00000-abc.snappy.parquet");
        touch("pq/_SUCCESS");
        assertEquals(DataFormat.PARQUET, infer(tmp.resolve("pq")));
        ImageFolders.writeOne(tmp.resolve("img/cat/1.png"), 4, 4);
        assertEquals(DataFormat.IMAGES, infer(tmp.resolve("img")));
    }

    @Test
    void unknownOrEmptyIsAnErrorNamingThePath() throws IOException {
        Path readme = touch("notes.txt");
        assertEquals(readme + ": cannot tell the data format from the file name; give --format "
                + "idx|cifar10|images|parquet", error(readme));
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertEquals(empty + ": the directory is empty", error(empty));
        touch("other/notes.txt");
        assertEquals(tmp.resolve("other") + ": cannot tell the data format of the directory (no *.parquet, IDX, "
                + "CIFAR-10 batch files, or class sub-folders with PNG/JPEG images); give --format "
                + "idx|cifar10|images|parquet", error(tmp.resolve("other")));
    }

    @Test
    void missingPathIsNamed() {
        Path missing = tmp.resolve("nope");
        assertEquals(missing + ": no such file or directory", error(missing));
    }

    @Test
    void parseNamesTheChoices() {
        assertEquals(DataFormat.CIFAR10, DataFormat.parse("CIFAR10"));
        assertEquals("unknown data format 'png'; expected one of idx|cifar10|images|parquet",
                assertThrows(IllegalArgumentException.class, () -> DataFormat.parse("png")).getMessage());
    }
}
