package org.convspark.driver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.ExceptionFailure;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.convspark.driver.checkpoint.Checkpoint;
import org.convspark.driver.data.ShardedDataset;
import org.convspark.driver.round.FaultInjection;
import org.convspark.driver.round.WorkerContext;
import org.convspark.engine.UserInputException;
import org.convspark.engine.data.Augmentation;
import org.convspark.engine.data.LabelledImages;
import org.convspark.engine.optim.OptimizerConfig;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.testing.TestArrays;
import org.convspark.engine.train.LocalTrainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistributedTrainerTest {
    private static final int STEPS = 20;
    private static final int BATCH = 32;
    private static final long SEED = 11;
    private static final double TOLERANCE = 1e-5;
    private static final OptimizerConfig MOMENTUM = OptimizerConfig.of("momentum", 0.05);
    private static final LabelledImages DATA = TestData.bands(210, 8, 3, 5);
    private static final ModelSpec SPEC = TestData.smallConvNet();

    private static SparkSession spark;
    private static JavaSparkContext sc;
    private static ShardedDataset twoPartitions;

    @BeforeAll
    static void start() {
        spark = SparkTestSupport.local();
        sc = SparkTestSupport.context(spark);
        twoPartitions = ShardedDataset.fromArrays(sc, DATA, 2);
    }

    private static TrainerConfig.Builder twentySteps() {
        return TrainerConfig.builder().epochs(5).maxSteps(STEPS).batchSize(BATCH).seed(SEED).optimizer(MOMENTUM);
    }

    private static TrainingResult fit(ShardedDataset data, TrainerConfig config, List<String> log) {
        return new DistributedTrainer(sc, SPEC, config).withLog(log::add).fit(data);
    }

    private static float[] fit(ShardedDataset data, TrainerConfig config) {
        return fit(data, config, new ArrayList<>()).params();
    }

    @Test
    void oneTwoAndSevenPartitionsMatchTheEngineAlone() {
        float[] engine = new EngineAlone(SPEC, MOMENTUM, DATA, BATCH, SEED).train(STEPS);
        float[] initial = new org.convspark.engine.model.Network(SPEC).initialParameters(SEED);
        assertTrue(TestArrays.relativeDifference(initial, engine) > 1e-2, "20 steps move the parameters");
        for (int partitions : new int[] {1, 2, 7}) {
            ShardedDataset data = partitions == 2 ? twoPartitions : ShardedDataset.fromArrays(sc, DATA, partitions);
            TrainingResult result = fit(data, twentySteps().build(), new ArrayList<>());
            assertEquals(STEPS, result.steps());
            double difference = TestArrays.relativeDifference(result.params(), engine);
            System.out.printf("%d partitions vs the engine alone after %d steps: max|a-b|/max|b| = %.3g%n", partitions,
                    STEPS, difference);
            assertTrue(difference <= TOLERANCE, partitions + " partitions differ from the engine alone by "
                    + difference);
            if (data != twoPartitions) {
                data.release();
            }
        }
    }

    @Test
    void withAugmentationOneTwoAndThreePartitionsAndBothPathsMatchTheEngineAlone() {
        Augmentation augmentation = Augmentation.parse("crop:2,flip");
        float[] engine = new EngineAlone(SPEC, MOMENTUM, DATA, BATCH, SEED, augmentation).train(STEPS);
        float[] plain = new EngineAlone(SPEC, MOMENTUM, DATA, BATCH, SEED).train(STEPS);
        assertTrue(TestArrays.relativeDifference(plain, engine) > 1e-3, "augmentation changes the training");
        for (int partitions : new int[] {1, 2, 3}) {
            for (AllReduce mode : new AllReduce[] {AllReduce.TREE, AllReduce.AUTO}) {
                ShardedDataset data = partitions == 2 ? twoPartitions : ShardedDataset.fromArrays(sc, DATA, partitions);
                TrainingResult result = fit(data, twentySteps().augmentation(augmentation).allReduce(mode).build(),
                        new ArrayList<>());
                double difference = TestArrays.relativeDifference(result.params(), engine);
                System.out.printf("augmented, %d partitions (%s, %s) vs the engine alone after %d steps: "
                        + "max|a-b|/max|b| = %.3g%n", partitions, mode, result.allReduce().mode(), STEPS, difference);
                assertTrue(difference <= TOLERANCE, partitions + " partitions (" + mode + ") differ by " + difference);
                if (data != twoPartitions) {
                    data.release();
                }
            }
        }
    }

    @Test
    void oneTwoAndThreeEngineThreadsPerTaskMatchTheEngineAlone() {
        float[] engine = new EngineAlone(SPEC, MOMENTUM, DATA, BATCH, SEED).train(STEPS);
        for (int threads : new int[] {1, 2, 3}) {
            List<String> log = new ArrayList<>();
            float[] params = fit(twoPartitions, twentySteps().threadsPerTask(threads).build(), log).params();
            double difference = TestArrays.relativeDifference(params, engine);
            System.out.printf("%d engine threads per task vs the engine alone after %d steps: %.3g%n", threads, STEPS,
                    difference);
            assertTrue(difference <= TOLERANCE, threads + " threads per task differ from the engine alone by "
                    + difference);
            String perTask = threads + " engine thread" + (threads == 1 ? "" : "s") + " per task";
            assertTrue(log.stream().anyMatch(line -> line.contains(perTask)), "the log names " + perTask + ": " + log);
        }
    }

    @Test
    void threadsPerTaskDefaultsToTheLocalCoresPerPartitionOrSparkTaskCpus() {
        // The tests' master is local[2,2]: two cores.
        assertEquals(1, DistributedTrainer.threadsPerTask(sc, twentySteps().build(), 2));
        assertEquals(2, DistributedTrainer.threadsPerTask(sc, twentySteps().build(), 1));
        assertEquals(3, DistributedTrainer.threadsPerTask(sc, twentySteps().threadsPerTask(3).build(), 2));
        assertThrows(UserInputException.class, () -> twentySteps().threadsPerTask(-1).build());
        assertEquals(2, DistributedTrainer.localCores("local[2,2]"));
        assertEquals(4, DistributedTrainer.localCores("local[4]"));
        assertEquals(1, DistributedTrainer.localCores("local"));
        assertEquals(Runtime.getRuntime().availableProcessors(), DistributedTrainer.localCores("local[*]"));
        assertEquals(0, DistributedTrainer.localCores("spark://host:7077"));
        assertEquals(0, DistributedTrainer.localCores("local-cluster[2,1,1024]"));
    }

    @Test
    void withoutDropoutTheEngineTrainersOwnEpochLoopGivesTheSameParameters() {
        ModelSpec noDropout = TestData.smallConvNetWithoutDropout();
        LocalTrainer trainer = new LocalTrainer(noDropout, MOMENTUM, SEED);
        trainer.fit(DATA, null, 2, BATCH);
        TrainingResult result = new DistributedTrainer(sc, noDropout, TrainerConfig.builder().epochs(2)
                .batchSize(BATCH).seed(SEED).optimizer(MOMENTUM).build()).withLog(line -> { }).fit(twoPartitions);
        assertEquals(trainer.step(), result.steps());
        double difference = TestArrays.relativeDifference(result.params(), trainer.parameters());
        assertTrue(difference <= TOLERANCE, "LocalTrainer.fit and the driver differ by " + difference);
    }

    @Test
    void treeDepthDoesNotChangeTheResult() {
        float[] depth1 = fit(twoPartitions, twentySteps().treeDepth(1).build());
        float[] depth3 = fit(twoPartitions, twentySteps().treeDepth(3).build());
        assertTrue(TestArrays.relativeDifference(depth1, depth3) <= TOLERANCE);
    }

    @Test
    void localStepsOnOnePartitionAreSynchronousSgd() {
        ShardedDataset one = ShardedDataset.fromArrays(sc, DATA, 1);
        float[] synchronous = fit(one, twentySteps().build());
        TrainingResult local = fit(one, twentySteps().syncEvery(4).build(), new ArrayList<>());
        assertEquals(STEPS, local.steps());
        assertTrue(TestArrays.relativeDifference(local.params(), synchronous) <= TOLERANCE);
        one.release();
    }

    @Test
    void localStepsOnTwoPartitionsStillLearn() {
        TrainingResult result = fit(twoPartitions, TrainerConfig.builder().epochs(4).batchSize(BATCH).seed(SEED)
                .optimizer(OptimizerConfig.of("adam", 0.01)).syncEvery(3).build(), new ArrayList<>());
        assertTrue(result.last().trainLoss() < 0.5 * result.history().get(0).trainLoss() || result.last()
                .trainAccuracy() > 0.9, "loss " + result.history());
    }

    @Test
    void aTaskFailingOnItsFirstAttemptIsRetriedToTheSameParameters() {
        AtomicInteger failures = new AtomicInteger();
        SparkListener listener = new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                if (end.reason() instanceof ExceptionFailure failure
                        && failure.className().endsWith("InjectedFaultException")) {
                    failures.incrementAndGet();
                }
            }
        };
        sc.sc().addSparkListener(listener);
        try {
            float[] clean = fit(twoPartitions, twentySteps().build());
            float[] faulty = fit(twoPartitions, twentySteps().faultInjection(new FaultInjection(7, 1)).build());
            assertEquals(1, failures.get(), "exactly the injected failure happened");
            assertTrue(TestArrays.relativeDifference(faulty, clean) <= TOLERANCE);
        } finally {
            sc.sc().removeSparkListener(listener);
        }
    }

    @Test
    void resumingFromStepTenReachesTheUninterruptedParameters(@TempDir Path dir) {
        float[] uninterrupted = fit(twoPartitions, twentySteps().build());
        String checkpoints = dir.toUri().toString();
        List<String> firstLog = new ArrayList<>();
        TrainingResult first = fit(twoPartitions, twentySteps().maxSteps(10).checkpointDir(checkpoints).build(),
                firstLog);
        assertEquals(10, first.steps());
        assertTrue(Files.isDirectory(dir.resolve("step-000010")));
        List<String> log = new ArrayList<>();
        TrainingResult resumed = fit(twoPartitions, twentySteps().checkpointDir(checkpoints).resume(true).build(), log);
        assertEquals(STEPS, resumed.steps());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("resuming from checkpoint step-000010")), log.toString());
        assertTrue(TestArrays.relativeDifference(resumed.params(), uninterrupted) <= TOLERANCE);
        assertTrue(Files.isDirectory(dir.resolve("step-000020")), "a checkpoint at the end");
    }

    @Test
    void aCorruptNewestCheckpointFallsBackToThePreviousOne(@TempDir Path dir) throws IOException {
        float[] uninterrupted = fit(twoPartitions, twentySteps().build());
        String checkpoints = dir.toUri().toString();
        fit(twoPartitions, twentySteps().maxSteps(15).checkpointDir(checkpoints).checkpointEvery(5).build());
        for (String step : new String[] {"step-000005", "step-000010", "step-000015"}) {
            assertTrue(Files.isDirectory(dir.resolve(step)), step);
        }
        Path state = dir.resolve("step-000015").resolve("state.bin");
        try (RandomAccessFile file = new RandomAccessFile(state.toFile(), "rw")) {
            file.setLength(file.length() - 7);
        }
        Files.deleteIfExists(dir.resolve("step-000015").resolve(".state.bin.crc"));
        List<String> log = new ArrayList<>();
        TrainingResult resumed = fit(twoPartitions, twentySteps().checkpointDir(checkpoints).resume(true).build(), log);
        assertTrue(log.stream().anyMatch(l -> l.startsWith("skipping damaged checkpoint") && l.contains("step-000015")),
                log.toString());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("resuming from checkpoint step-000010")), log.toString());
        assertTrue(TestArrays.relativeDifference(resumed.params(), uninterrupted) <= TOLERANCE);
    }

    @Test
    void logsReportsAndEpochsAndNamesStepsInJobDescriptions() throws Exception {
        List<String> descriptions = Collections.synchronizedList(new ArrayList<>());
        SparkListener listener = new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart start) {
                descriptions.add(String.valueOf(start.properties().getProperty("spark.job.description")));
            }
        };
        sc.sc().addSparkListener(listener);
        int builtBefore = WorkerContext.built();
        List<String> log = new ArrayList<>();
        List<Long> progress = new ArrayList<>();
        TrainingResult result;
        try {
            ShardedDataset test = ShardedDataset.fromArrays(sc, TestData.bands(60, 8, 3, 99), 2);
            result = new DistributedTrainer(sc, SPEC, TrainerConfig.builder().epochs(2).batchSize(BATCH).seed(SEED)
                    .optimizer(MOMENTUM).allReduce(AllReduce.TREE).build()).withLog(log::add)
                    .withStepListener((step, total, epoch, loss) -> progress.add(step * 100 + total))
                    .fit(twoPartitions, test);
            test.release();
            sc.sc().listenerBus().waitUntilEmpty();
        } finally {
            sc.sc().removeSparkListener(listener);
        }
        assertTrue(log.get(0).contains("params") && log.get(0).toLowerCase().contains("receptive"), log.get(0));
        assertEquals(2, result.history().size());
        assertEquals(14, progress.size());
        assertEquals(1 * 100 + 14, progress.get(0));
        assertEquals(14 * 100 + 14, progress.get(13));
        assertTrue(log.stream().anyMatch(l -> l.startsWith("epoch 2: 7 steps, train loss")), log.toString());
        assertTrue(log.contains("all-reduce: tree (as configured: a treeAggregate job per step)"), log.toString());
        EpochMetrics last = result.last();
        assertEquals(210, last.samples());
        assertTrue(last.testAccuracy() >= 0 && last.testAccuracy() <= 1);
        assertTrue(last.computeSeconds() > 0 && last.imagesPerSecond() > 0);
        assertTrue(descriptions.contains("convspark small-conv: epoch 2/2, step 3/7 (global step 10)"),
                descriptions.toString());
        assertTrue(descriptions.contains("convspark small-conv: epoch 1/2, test evaluation"));
        assertTrue(WorkerContext.built() - builtBefore <= 4, "networks are reused across tasks and steps, built "
                + (WorkerContext.built() - builtBefore) + " for " + 14 * 2 + " tasks");
    }

    @Test
    void refusesDataOfTheWrongShapeAndResumeOfAnotherModel(@TempDir Path dir) {
        ShardedDataset wrong = ShardedDataset.fromArrays(sc, TestData.bands(20, 6, 3, 1), 2);
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> fit(wrong, twentySteps().build()));
        assertEquals("the training samples have shape 1x6x6, model small-conv takes 1x8x8", shape.getMessage());
        wrong.release();
        String checkpoints = dir.toUri().toString();
        fit(twoPartitions, twentySteps().maxSteps(2).checkpointDir(checkpoints).build());
        TrainerConfig resume = twentySteps().seed(SEED + 1).checkpointDir(checkpoints).resume(true).build();
        IllegalArgumentException seed = assertThrows(IllegalArgumentException.class, () -> fit(twoPartitions, resume));
        assertTrue(seed.getMessage().contains("resume with the same seed"), seed.getMessage());
        IllegalArgumentException fresh = assertThrows(IllegalArgumentException.class,
                () -> fit(twoPartitions, twentySteps().checkpointDir(checkpoints).build()));
        assertTrue(fresh.getMessage().endsWith("already holds checkpoints (step-000002); resume from them or choose an"
                + " empty directory"), fresh.getMessage());
        assertFalse(Files.exists(dir.resolve("step-000020")));
    }

    @Test
    void resumeRefusesADirectoryWhoseCheckpointsAreAllDamaged(@TempDir Path dir) throws IOException {
        String checkpoints = dir.toUri().toString();
        fit(twoPartitions, twentySteps().maxSteps(2).checkpointDir(checkpoints).checkpointEvery(1).build());
        for (String step : new String[] {"step-000001", "step-000002"}) {
            Files.delete(dir.resolve(step).resolve("meta.json"));
        }
        UserInputException e = assertThrows(UserInputException.class,
                () -> fit(twoPartitions, twentySteps().checkpointDir(checkpoints).resume(true).build()));
        assertTrue(e.getMessage().startsWith("resume: none of the 2 checkpoints in ") && e.getMessage().contains(
                "is valid (newest step-000002: ") && e.getMessage().contains("meta.json: is missing"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("step-000003")), "nothing written over them");
    }

    @Test
    void divergenceStopsTheRunNamingTheStep(@TempDir Path dir) {
        TrainerConfig exploding = twentySteps().optimizer(OptimizerConfig.of("sgd", 1e30)).checkpointDir(
                dir.toUri().toString()).checkpointEvery(1).build();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> fit(twoPartitions, exploding));
        assertTrue(e.getMessage().startsWith("training diverged at step " + e.step() + ": "), e.getMessage());
        // lenet-style test model: the first bad gradient belongs to a layer with parameters, named with its type
        assertTrue(e.layer() != null && e.layer().matches("layer \\d+ \\((conv|linear)\\)"), e.getMessage());
        assertTrue(e.getMessage().contains("the gradient of " + e.layer() + " is "), e.getMessage());
        String newest = Checkpoint.directoryName(e.step());
        assertTrue(e.getMessage().contains("the newest checkpoint, " + newest + " in "), e.getMessage());
        assertTrue(Files.isDirectory(dir.resolve(newest)), "the last good step's checkpoint");
        assertFalse(Files.exists(dir.resolve(Checkpoint.directoryName(e.step() + 1))), "nothing after it");
    }

    @Test
    void sameRunTwiceGivesIdenticalParameters() {
        assertArrayEquals(fit(twoPartitions, twentySteps().maxSteps(5).build()),
                fit(twoPartitions, twentySteps().maxSteps(5).build()));
    }
}
