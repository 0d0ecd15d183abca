package org.convspark.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.convspark.engine.json.JsonObject;
import org.convspark.engine.model.Network;
import org.convspark.engine.model.SavedModel;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.spec.ModelZoo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A full disk while train writes what it leaves besides checkpoints: a disk that fills up while the
 * model directory, {@code metrics.json} or the report page is written gives one line naming the
 * file and the disk's complaint, the previous file or model stays as it was, and no temporary
 * file is left behind. The disk is an in-memory file system (Jimfs) of 1 MiB, filled on purpose.
 */
class FullDiskOutputTest {
    private static final ModelSpec SPEC = ModelZoo.get("lenet5");
    private static final List<String> CLASSES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    private FileSystem disk;
    private Path out;

    @BeforeEach
    void mount() throws IOException {
        disk = Jimfs.newFileSystem(Configuration.unix().toBuilder().setMaxSize(1 << 20).build());
        out = Files.createDirectories(disk.getPath("/out"));
    }

    @AfterEach
    void unmount() throws IOException {
        disk.close();
    }

    private static SavedModel model(long seed) {
        return new SavedModel(SPEC, new Network(SPEC).initialParameters(seed), CLASSES,
                JsonObject.builder().put("steps", 3).build());
    }

    /** Leaves {@code room} bytes free. */
    private void fillLeaving(long room) throws IOException {
        long free = Files.getFileStore(out).getUsableSpace();
        Files.write(out.resolve("filler"), new byte[(int) (free - room)]);
    }

    private Map<String, byte[]> contents(Path dir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    private List<String> names() throws IOException {
        try (Stream<Path> list = Files.list(out)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aModelThatDoesNotFitLeavesThePreviousOneIntactAndNoTemporaryFiles() throws IOException {
        Path model = out.resolve("model");
        ModelDirectory.write(model, model(1), false);
        Map<String, byte[]> before = contents(model);
        fillLeaving(100_000); // the parameters alone are 247 KB
        UserError e = assertThrows(UserError.class, () -> ModelDirectory.write(model, model(2), true));
        assertTrue(e.getMessage().startsWith("cannot write the model to /out/model: "), e.getMessage());
        assertTrue(e.getMessage().contains("out of disk space"), e.getMessage());
        assertEquals(-1, e.getMessage().indexOf('\n'));
        Map<String, byte[]> after = contents(model);
        assertEquals(before.keySet(), after.keySet());
        for (String file : before.keySet()) {
            assertArrayEquals(before.get(file), after.get(file), file);
        }
        assertEquals(List.of("filler", "model"), names());
    }

    @Test
    void metricsThatDoNotFitLeaveThePreviousFileIntactAndNoTemporaryFiles() throws IOException {
        Path metrics = out.resolve(MetricsFile.METRICS);
        AtomicFiles.writeString(metrics, "{\"old\": true}");
        fillLeaving(0);
        UserError e = assertThrows(UserError.class, () -> AtomicFiles.writeString(metrics, "x".repeat(50_000)));
        assertEquals("cannot write /out/metrics.json: out of disk space", e.getMessage());
        assertEquals("{\"old\": true}", Files.readString(metrics));
        assertEquals(List.of("filler", MetricsFile.METRICS), names());
    }

    @Test
    void theFailureSaysWhereTheTrainedParametersAre() {
        assertEquals("the trained parameters are in checkpoint step-000756 in ckpt (train --resume with the same "
                + "options writes the model from it, without training)", TrainCommand.savedNote("ckpt", 756));
        assertEquals("the trained parameters were not saved (--checkpoint-dir keeps them across such failures)",
                TrainCommand.savedNote(null, 756));
    }
}
