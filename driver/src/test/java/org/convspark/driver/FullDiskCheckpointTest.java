package org.convspark.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.convspark.driver.checkpoint.CheckpointStore;
import org.convspark.driver.data.BatchSchedule;
import org.convspark.driver.testing.FullFileSystem;
import org.convspark.engine.UserInputException;
import org.convspark.engine.model.Network;
import org.convspark.engine.optim.Optimizer;
import org.convspark.engine.optim.OptimizerConfig;
import org.convspark.engine.optim.Optimizers;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.spec.ModelSpecJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk while a checkpoint is written (Hadoop's local file system throws an
 * {@code FSError}, an Error that passed every handler) ends the run with one user error naming
 * the checkpoint, the cause and the last complete checkpoint to resume from; that checkpoint
 * stays intact and the failed one leaves no temporary files.
 */
class FullDiskCheckpointTest {
    private static final ModelSpec SPEC = TestData.smallConvNet();
    private static final OptimizerConfig ADAM = OptimizerConfig.of("adam", 0.01);

    @TempDir
    Path dir;

    @AfterEach
    void roomAgain() {
        FullFileSystem.room.set(Long.MAX_VALUE);
    }

    /** Hadoop's settings with the {@code full:} file system registered (uncached: each test its own). */
    private static Configuration hadoop() {
        Configuration hadoop = new Configuration();
        hadoop.set("fs.full.impl", FullFileSystem.class.getName());
        hadoop.setBoolean("fs.full.impl.disable.cache", true);
        return hadoop;
    }

    private String checkpoints() {
        return "full://" + dir.toAbsolutePath();
    }

    /** A run's checkpoints in {@link #checkpoints()}, one every 20 steps. */
    private RunCheckpoints run(Configuration hadoop, List<String> log) {
        TrainerConfig config = TrainerConfig.builder().epochs(10).batchSize(8).seed(1).optimizer(ADAM)
                .checkpointDir(checkpoints()).checkpointEvery(20).build();
        return RunCheckpoints.open(config, SPEC, ModelSpecJson.toJson(SPEC), hadoop, log::add);
    }

    @Test
    void aFullDiskIsOneLineNamingWhatToResumeFromAndLosesNothing() throws IOException {
        Configuration hadoop = hadoop();
        String checkpoints = checkpoints();
        List<String> log = new ArrayList<>();
        RunCheckpoints run = run(hadoop, log);
        float[] params = new Network(SPEC).initialParameters(1);
        Optimizer optimizer = Optimizers.create(ADAM);
        BatchSchedule schedule = new BatchSchedule(1, 80, 8);
        run.afterSteps(0, 20, schedule, params, optimizer);

        FullFileSystem.room.set(1000); // less than a checkpoint of this model
        UserInputException e = assertThrows(UserInputException.class,
                () -> run.afterSteps(20, 40, schedule, params, optimizer));
        assertEquals("cannot write checkpoint step-000040 to " + new CheckpointStore(checkpoints, hadoop)
                + ": No space left on device; the last complete one is step-000020 (--resume continues from it)",
                e.getMessage());
        assertTrue(e.getMessage().contains(dir.toAbsolutePath().toString()), e.getMessage());

        FullFileSystem.room.set(Long.MAX_VALUE);
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of("step-000020"), left.map(p -> p.getFileName().toString()).sorted().toList(),
                    "the complete checkpoint, and nothing of the failed one");
        }
        CheckpointStore store = new CheckpointStore(checkpoints, hadoop);
        assertEquals(20, store.latestValid(log::add).orElseThrow().step(), "the last complete checkpoint reads back");
        assertTrue(log.stream().noneMatch(l -> l.contains("damaged")), String.join("\n", log));
    }

    @Test
    void aFullDiskBeforeTheFirstCheckpointSaysSo() {
        RunCheckpoints run = run(hadoop(), new ArrayList<>());
        FullFileSystem.room.set(100);
        UserInputException e = assertThrows(UserInputException.class, () -> run.afterSteps(0, 20,
                new BatchSchedule(1, 80, 8), new Network(SPEC).initialParameters(1), Optimizers.create(ADAM)));
        assertTrue(e.getMessage().endsWith("No space left on device; no checkpoint of this run was complete yet"),
                e.getMessage());
    }
}
