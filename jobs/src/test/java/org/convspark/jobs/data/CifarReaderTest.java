package org.convspark.jobs.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.convspark.engine.data.LabelledImages;
import org.convspark.engine.tensor.Shape;
import org.convspark.jobs.testing.CifarWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarReaderTest {
    @TempDir
    Path tmp;

    private DataLocation at(Path p) {
        return DataLocation.of(p.toString(), new Configuration());
    }

    private String error(Path file) {
        return assertThrows(DataException.class, () -> new CifarReader(10).read(List.of(at(file)))).getMessage();
    }

    @Test
    void readsRecordsAsRgbPlanes() throws IOException {
        Path file = CifarWriter.write(tmp.resolve("data_batch_1.bin"), new int[] {3, 9, 0});
        LabelledImages images = new CifarReader(10).read(List.of(at(file)));
        assertEquals(Shape.of(3, 32, 32), images.sampleShape());
        assertArrayEquals(new int[] {3, 9, 0}, images.labels());
        // Record 1, red plane position 0 is byte (1 + 0); green plane position 0 is byte (1 + 1024) mod 256.
        assertEquals(1 / 255f, images.pixels()[3072], 0);
        assertEquals(((1 + 1024) % 256) / 255f, images.pixels()[3072 + 1024], 0);
        assertEquals(((2 + 3071) % 256) / 255f, images.pixels()[3 * 3072 - 1], 0);
    }

    @Test
    void aDirectoryReadsTrainingBatchesInNumberOrderAndTheTestBatchApart() throws IOException {
        CifarWriter.write(tmp.resolve("data_batch_10.bin"), new int[] {5});
        CifarWriter.write(tmp.resolve("data_batch_2.bin"), new int[] {2, 2});
        CifarWriter.write(tmp.resolve("test_batch.bin"), new int[] {7});
        Files.writeString(tmp.resolve("batches.meta.txt"), "airplane\nautomobile\n\nbird\n");
        CifarFiles train = CifarFiles.locate(at(tmp), DataRole.TRAIN);
        assertEquals(List.of("data_batch_2.bin", "data_batch_10.bin"),
                train.batches().stream().map(DataLocation::name).toList());
        assertEquals(List.of("airplane", "automobile", "bird"), train.classNames());
        assertArrayEquals(new int[] {2, 2, 5}, new CifarReader(10).read(train.batches()).labels());
        CifarFiles test = CifarFiles.locate(at(tmp), DataRole.TEST);
        assertArrayEquals(new int[] {7}, new CifarReader(10).read(test.batches()).labels());
    }

    @Test
    void truncatedFileIsNamed() throws IOException {
        Path file = CifarWriter.write(tmp.resolve("data_batch_1.bin"), new int[] {1, 2});
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 100));
        assertEquals(file + ": 6046 bytes is not a multiple of 3073 (1 label byte + 3072 pixel bytes per image): "
                + "truncated, or not a CIFAR-10 binary batch", error(file));
    }

    @Test
    void emptyFileIsNamed() throws IOException {
        Path file = Files.write(tmp.resolve("test_batch.bin"), new byte[0]);
        assertEquals(file + ": the file is empty", error(file));
    }

    @Test
    void labelOutsideTheClassesIsNamedWithItsRecord() throws IOException {
        Path file = CifarWriter.write(tmp.resolve("test_batch.bin"), new int[] {1, 12});
        assertEquals(file + ": record 1 has label 12, outside [0, 10) (is this a CIFAR-10 batch?)", error(file));
    }

    @Test
    void oversizedInputIsRefusedBeforeAllocating() throws IOException {
        Path file = CifarWriter.write(tmp.resolve("test_batch.bin"), new int[] {1, 2});
        DataException e = assertThrows(DataException.class,
                () -> new CifarReader(10, 3072).read(List.of(at(file))));
        assertEquals(file + ": 2 images of 3x32x32 exceed the limit of 3072 pixels", e.getMessage());
    }

    @Test
    void missingSplitInADirectoryIsNamed() throws IOException {
        CifarWriter.write(tmp.resolve("data_batch_1.bin"), new int[] {1});
        DataException e = assertThrows(DataException.class, () -> CifarFiles.locate(at(tmp), DataRole.TEST));
        assertEquals(tmp + ": no CIFAR-10 test batch in the directory (test_batch.bin)", e.getMessage());
    }
}
