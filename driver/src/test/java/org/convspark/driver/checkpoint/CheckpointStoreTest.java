package org.convspark.driver.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.convspark.driver.TestData;
import org.convspark.engine.json.JsonObject;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.spec.ModelSpecJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {
    @TempDir
    Path dir;
    private CheckpointStore store;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void open() throws IOException {
        store = new CheckpointStore(dir.toUri().toString(), new Configuration());
    }

    private static final ModelSpec SPEC = TestData.smallConvNet();

    private static Checkpoint checkpoint(long step) {
        float[] params = new float[(int) SPEC.parameterCount()];
        for (int i = 0; i < params.length; i++) {
            params[i] = step + i / 100f;
        }
        float[][] state = {params.clone(), new float[0]};
        return new Checkpoint(step, (int) (step / 4), 9, ModelSpecJson.toJson(SPEC), params, state,
                JsonObject.builder().put("batch_size", 32).build());
    }

    private long latestStep() throws IOException {
        return store.latestValid(log::add).orElseThrow().step();
    }

    @Test
    void roundTripsEveryField() throws IOException {
        store.write(checkpoint(10));
        Checkpoint back = store.latestValid(log::add).orElseThrow();
        Checkpoint expected = checkpoint(10);
        assertEquals(10, back.step());
        assertEquals(2, back.epoch());
        assertEquals(9, back.seed());
        assertEquals(expected.specJson(), back.specJson());
        assertArrayEquals(expected.params(), back.params());
        assertEquals(2, back.optimizerState().length);
        assertArrayEquals(expected.optimizerState()[0], back.optimizerState()[0]);
        assertEquals(32, back.config().require("batch_size").asInt());
        assertTrue(Files.isRegularFile(dir.resolve("step-000010").resolve("meta.json")));
        assertTrue(log.isEmpty());
    }

    @Test
    void newestWinsAndTemporaryDirectoriesAreIgnored() throws IOException {
        for (long step : new long[] {5, 100, 20}) {
            store.write(checkpoint(step));
        }
        Files.createDirectories(dir.resolve(".step-000200.tmp-abc"));
        assertEquals(100, latestStep());
        store.write(checkpoint(100));
        assertEquals(100, latestStep());
        try (Stream<Path> listing = Files.list(dir)) {
            assertEquals(4, listing.filter(p -> !p.getFileName().toString().endsWith(".crc")).count(),
                    "three checkpoints and the foreign temporary directory, nothing else");
        }
    }

    @Test
    void truncatedNewestIsSkippedWithAMessage() throws IOException {
        store.write(checkpoint(10));
        store.write(checkpoint(15));
        Path state = dir.resolve("step-000015").resolve("state.bin");
        try (RandomAccessFile file = new RandomAccessFile(state.toFile(), "rw")) {
            file.setLength(file.length() / 2);
        }
        Files.deleteIfExists(dir.resolve("step-000015").resolve(".state.bin.crc"));
        assertEquals(10, latestStep());
        assertEquals(1, log.size());
        assertTrue(log.get(0).startsWith("skipping damaged checkpoint ") && log.get(0).contains("step-000015")
                && log.get(0).contains("state.bin"), log.get(0));
    }

    @Test
    void flippedBitsAndMissingFilesAreSkipped() throws IOException {
        store.write(checkpoint(1));
        store.write(checkpoint(2));
        store.write(checkpoint(3));
        store.write(checkpoint(4));
        flipByte(dir.resolve("step-000004").resolve("state.bin"), 200);
        Files.delete(dir.resolve("step-000003").resolve("meta.json"));
        flipByte(dir.resolve("step-000002").resolve("spec.json"), 3);
        assertEquals(1, latestStep());
        assertEquals(3, log.size(), String.join("\n", log));
        assertTrue(log.get(0).contains("step-000004"));
        assertTrue(log.get(1).contains("meta.json: is missing"), log.get(1));
        assertTrue(log.get(2).contains("spec.json"), log.get(2));
    }

    @Test
    void emptyOrMissingDirectoryHasNoCheckpoint() throws IOException {
        assertTrue(store.latestValid(log::add).isEmpty());
        assertTrue(new CheckpointStore(dir.resolve("absent").toUri().toString(), new Configuration())
                .latestValid(log::add).isEmpty());
    }

    /** Changes one byte in place, and drops Hadoop's side checksum so only our own checks can catch it. */
    private static void flipByte(Path file, int offset) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[offset] ^= 0x04;
        Files.write(file, bytes);
        Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));
    }
}
