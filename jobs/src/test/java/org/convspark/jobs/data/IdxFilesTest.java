package org.convspark.jobs.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFilesTest {
    @TempDir
    Path tmp;

    private DataLocation at(Path p) {
        return DataLocation.of(p.toString(), new Configuration());
    }

    private void touch(String... names) throws IOException {
        for (String name : names) {
            Files.write(tmp.resolve(name), new byte[] {0});
        }
    }

    @Test
    void anImagesFileFindsItsLabelsBesideIt() throws IOException {
        touch("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz");
        IdxFiles pair = IdxFiles.locate(at(tmp.resolve("train-images-idx3-ubyte.gz")), DataRole.TRAIN);
        assertEquals(tmp + "/train-labels-idx1-ubyte.gz", pair.labels().display());
    }

    @Test
    void gzipAndPlainMayBeMixed() throws IOException {
        touch("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte.gz");
        IdxFiles pair = IdxFiles.locate(at(tmp.resolve("t10k-images-idx3-ubyte")), DataRole.TEST);
        assertEquals("t10k-labels-idx1-ubyte.gz", pair.labels().name());
    }

    @Test
    void aLabelsFileFindsItsImages() throws IOException {
        touch("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");
        IdxFiles pair = IdxFiles.locate(at(tmp.resolve("t10k-labels-idx1-ubyte")), DataRole.TEST);
        assertEquals("t10k-images-idx3-ubyte", pair.images().name());
    }

    @Test
    void aDirectoryPicksTheSplitOfTheRole() throws IOException {
        touch("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                "t10k-labels-idx1-ubyte");
        assertEquals("train-images-idx3-ubyte", IdxFiles.locate(at(tmp), DataRole.TRAIN).images().name());
        assertEquals("t10k-labels-idx1-ubyte", IdxFiles.locate(at(tmp), DataRole.TEST).labels().name());
        assertTrue(IdxFiles.hasSplit(at(tmp), DataRole.TEST));
    }

    @Test
    void aDirectoryWithOnePairServesBothRoles() throws IOException {
        touch("digits-images-idx3-ubyte", "digits-labels-idx1-ubyte");
        assertEquals("digits-images-idx3-ubyte", IdxFiles.locate(at(tmp), DataRole.TEST).images().name());
        assertFalse(IdxFiles.hasSplit(at(tmp), DataRole.TEST));
    }

    @Test
    void missingLabelsAreNamed() throws IOException {
        touch("train-images-idx3-ubyte");
        DataException e = assertThrows(DataException.class,
                () -> IdxFiles.locate(at(tmp.resolve("train-images-idx3-ubyte")), DataRole.TRAIN));
        assertEquals(tmp + "/train-images-idx3-ubyte: no IDX labels file beside it (looked for "
                + "train-labels-idx1-ubyte and train-labels-idx1-ubyte.gz)", e.getMessage());
    }

    @Test
    void anAmbiguousDirectoryIsNamed() throws IOException {
        touch("a-images-idx3-ubyte", "b-images-idx3-ubyte");
        DataException e = assertThrows(DataException.class, () -> IdxFiles.locate(at(tmp), DataRole.TRAIN));
        assertEquals(tmp + ": no IDX images files for the training split among a-images-idx3-ubyte, "
                + "b-images-idx3-ubyte (the training split starts with 'train', the test split with 't10k' or "
                + "'test'); name the file instead", e.getMessage());
    }
}
