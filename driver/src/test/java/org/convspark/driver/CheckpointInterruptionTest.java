package org.convspark.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.convspark.driver.checkpoint.Checkpoint;
import org.convspark.driver.checkpoint.CheckpointStore.WriteStage;
import org.convspark.driver.checkpoint.CheckpointStore;
import org.convspark.driver.data.ShardedDataset;
import org.convspark.engine.data.LabelledImages;
import org.convspark.engine.optim.OptimizerConfig;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.testing.TestArrays;
import org.convspark.engine.testing.TestFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A driver killed while writing the checkpoint of step 6 (checkpoints
 * every 2 steps of 8). The disk is frozen as the crash would leave it, at every stage of
 * {@link CheckpointStore#write} (through its stage hook: a copy of the directory at that moment,
 * as no cleanup runs in a killed JVM) and in the states a non-atomic rename or a lost file leaves
 * (built on disk). From each, {@code resume} must find a valid checkpoint, say which (and what it
 * skipped), and end with the uninterrupted run's parameters.
 */
class CheckpointInterruptionTest {
    private static final double TOLERANCE = 1e-5;
    private static final LabelledImages DATA = TestData.bands(210, 8, 3, 5);
    private static final ModelSpec SPEC = TestData.smallConvNet();
    private static final int EVERY = 2;
    private static final int TOTAL = 8;
    /** The checkpoint being written when the driver dies, and the one before it. */
    private static final int CRASHED = 6;
    private static final int PREVIOUS = CRASHED - EVERY;
    private static final String CRASHED_DIR = Checkpoint.directoryName(CRASHED);
    private static final String PREVIOUS_DIR = Checkpoint.directoryName(PREVIOUS);

    private static JavaSparkContext sc;
    private static ShardedDataset data;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        sc = SparkTestSupport.context(SparkTestSupport.local());
        data = ShardedDataset.fromArrays(sc, DATA, 2);
    }

    @AfterAll
    static void release() {
        data.release();
    }

    private static TrainerConfig.Builder config(Path checkpoints) {
        return TrainerConfig.builder().epochs(5).maxSteps(TOTAL).batchSize(32).seed(11)
                .optimizer(OptimizerConfig.of("adam", 0.01)).checkpointDir(checkpoints.toUri().toString())
                .checkpointEvery(EVERY);
    }

    private static TrainingResult fit(TrainerConfig config, List<String> log) {
        return new DistributedTrainer(sc, SPEC, config).withLog(log::add).fit(data);
    }

    private static CheckpointStore store(Path checkpoints) throws IOException {
        return new CheckpointStore(checkpoints.toUri().toString(), new Configuration());
    }

    @Test
    void resumeAfterACrashAtAnyPointOfACheckpointWriteReachesTheUninterruptedParameters() throws IOException {
        float[] uninterrupted = fit(config(dir.resolve("uninterrupted")).build(), new ArrayList<>()).params();
        Path before = dir.resolve("before");
        fit(config(before).maxSteps(PREVIOUS).build(), new ArrayList<>());
        Path after = dir.resolve("after");
        TestFiles.copyTree(before, after);
        fit(config(after).maxSteps(CRASHED).resume(true).build(), new ArrayList<>());
        Checkpoint crashed = store(after).read(new org.apache.hadoop.fs.Path(after.toUri().toString(), CRASHED_DIR));

        Map<String, Path> crashes = new LinkedHashMap<>();
        for (WriteStage stage : WriteStage.values()) {
            Path work = dir.resolve("work-" + stage);
            TestFiles.copyTree(before, work);
            if (stage == WriteStage.OLD_MOVED_ASIDE) {
                // Only a rewrite of an existing step moves one aside: the rerun after a resume.
                TestFiles.copyTree(after.resolve(CRASHED_DIR), work.resolve(CRASHED_DIR));
            }
            Path frozen = dir.resolve("crash-" + stage);
            store(work).onWriteStage(reached -> {
                if (reached == stage) {
                    copy(work, frozen);
                }
            }).write(crashed);
            crashes.put("crash after " + stage, frozen);
        }
        crashes.put("renamed, state.bin cut short", damaged(after, "partial-state", "state.bin", 0.5));
        crashes.put("renamed, meta.json missing", damaged(after, "no-meta", "meta.json", -1));
        crashes.put("renamed, spec.json cut short", damaged(after, "partial-spec", "spec.json", 0.3));
        crashes.put("renamed, meta.json cut short", damaged(after, "partial-meta", "meta.json", 0.9));
        Path emptyStep = dir.resolve("empty-step");
        TestFiles.copyTree(before, emptyStep);
        Files.createDirectory(emptyStep.resolve(CRASHED_DIR));
        crashes.put("empty checkpoint directory", emptyStep);
        Path partialTemp = dir.resolve("partial-temp");
        TestFiles.copyTree(crashes.get("crash after " + WriteStage.STATE_WRITTEN), partialTemp);
        try (Stream<Path> listing = Files.list(partialTemp)) {
            Path temp = listing.filter(p -> p.getFileName().toString().startsWith("." + CRASHED_DIR + ".tmp-")).findFirst()
                    .orElseThrow();
            TestFiles.truncate(temp.resolve("state.bin"), 0.4);
        }
        crashes.put("temporary directory with a partial state.bin", partialTemp);

        for (Map.Entry<String, Path> crash : crashes.entrySet()) {
            String what = crash.getKey();
            boolean renamed = what.equals("crash after " + WriteStage.RENAMED);
            boolean damagedStep = what.startsWith("renamed, ") || what.startsWith("empty");
            List<String> log = new ArrayList<>();
            TrainingResult resumed = fit(config(crash.getValue()).resume(true).build(), log);
            String expected = "resuming from checkpoint " + (renamed ? CRASHED_DIR : PREVIOUS_DIR) + " ";
            assertTrue(log.stream().anyMatch(l -> l.startsWith(expected)), what + ": " + log);
            if (damagedStep) {
                assertTrue(log.stream().anyMatch(l -> l.startsWith("skipping damaged checkpoint ")
                        && l.contains(CRASHED_DIR)), what + ": " + log);
            }
            boolean leftTemporary = what.startsWith("crash after") && !renamed || what.startsWith("temporary");
            if (leftTemporary) {
                assertTrue(log.stream().anyMatch(l -> l.startsWith("ignoring ") && l.contains("." + CRASHED_DIR + ".tmp-")),
                        what + ": " + log);
            }
            assertEquals(TOTAL, resumed.steps(), what);
            double difference = TestArrays.relativeDifference(resumed.params(), uninterrupted);
            assertTrue(difference <= TOLERANCE, what + ": differs from the uninterrupted run by " + difference);
            List<String> afterwards = new ArrayList<>();
            assertEquals(TOTAL, store(crash.getValue()).latestValid(afterwards::add).orElseThrow().step(), what);
            store(crash.getValue()).read(new org.apache.hadoop.fs.Path(crash.getValue().toUri().toString(),
                    CRASHED_DIR));
        }
        System.out.println("checkpoint interruption: " + crashes.size() + " crash states resumed: " + crashes.keySet());
    }

    private static void copy(Path from, Path to) {
        try {
            TestFiles.copyTree(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of {@code source} whose crashed checkpoint's {@code file} is cut to {@code fraction} (or deleted, when negative). */
    private Path damaged(Path source, String name, String file, double fraction) throws IOException {
        Path copy = dir.resolve(name);
        TestFiles.copyTree(source, copy);
        Path target = copy.resolve(CRASHED_DIR).resolve(file);
        if (fraction < 0) {
            Files.delete(target);
        } else {
            TestFiles.truncate(target, fraction);
        }
        return copy;
    }
}
