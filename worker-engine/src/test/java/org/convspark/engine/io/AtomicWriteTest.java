package org.convspark.engine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.convspark.engine.testing.FileModes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicWriteTest {
    @TempDir
    Path tmp;

    private List<Path> files() throws IOException {
        try (Stream<Path> list = Files.list(tmp)) {
            return list.toList();
        }
    }

    @Test
    void writtenFileHasTheUmaskModeNotAPrivateOne() throws IOException {
        Path target = tmp.resolve("metrics.json");
        AtomicWrite.write(target, out -> out.write("{}".getBytes(StandardCharsets.UTF_8)));
        FileModes.assertUmaskDefault(target);
    }

    @Test
    void replacesAnExistingFileAndLeavesNoTemporaryFile() throws IOException {
        Path target = tmp.resolve("report.json");
        Files.writeString(target, "old");
        AtomicWrite.write(target, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
        assertEquals("new", Files.readString(target));
        assertEquals(List.of(target), files());
    }

    @Test
    void aFailedWriteKeepsTheOldFileAndRemovesTheTemporaryOne() throws IOException {
        Path target = tmp.resolve("params.bin");
        Files.writeString(target, "old");
        IOException failure = new IOException("disk full");
        IOException thrown = assertThrows(IOException.class, () -> AtomicWrite.write(target, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw failure;
        }));
        assertSame(failure, thrown);
        assertEquals("old", Files.readString(target));
        assertEquals(List.of(target), files());
    }

    @Test
    void parameterFilesGetTheUmaskModeToo() throws IOException {
        Path target = tmp.resolve("params.bin");
        ParameterFile.write(target, new NamedArrays().put("params", new float[] {1, 2}));
        FileModes.assertUmaskDefault(target);
    }
}
