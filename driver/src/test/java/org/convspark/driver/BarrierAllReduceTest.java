package org.convspark.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.convspark.engine.UserInputException;
import org.convspark.engine.data.LabelledImages;
import org.convspark.engine.optim.OptimizerConfig;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.testing.TestArrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AllReduce#BARRIER}: the same synchronous SGD as the tree path, in one job per round. */
class BarrierAllReduceTest {
    private static final int STEPS = 20;
    private static final int BATCH = 32;
    private static final long SEED = 11;
    private static final double TOLERANCE = 1e-5;
    /** Adam: its state travels into and out of every round. */
    private static final OptimizerConfig ADAM = OptimizerConfig.of("adam", 0.005);
    private static final LabelledImages DATA = TestData.bands(210, 8, 3, 5);
    private static final ModelSpec SPEC = TestData.smallConvNet();

    private static JavaSparkContext sc;
    private static ShardedDataset twoPartitions;

    @BeforeAll
    static void start() {
        SparkSession spark = SparkTestSupport.local();
        sc = SparkTestSupport.context(spark);
        twoPartitions = ShardedDataset.fromArrays(sc, DATA, 2);
    }

    /** 210 samples in batches of 32: 7 steps an epoch, so 20 steps end inside the third epoch. */
    private static TrainerConfig.Builder twentySteps(AllReduce mode) {
        return TrainerConfig.builder().epochs(5).maxSteps(STEPS).batchSize(BATCH).seed(SEED).optimizer(ADAM)
                .allReduce(mode);
    }

    private static TrainingResult fit(ShardedDataset data, TrainerConfig config, List<String> log) {
        return fit(data, config, log, (step, total, epoch, loss) -> { });
    }

    private static TrainingResult fit(ShardedDataset data, TrainerConfig config, List<String> log,
                                      StepListener listener) {
        return new DistributedTrainer(sc, SPEC, config).withLog(log::add).withStepListener(listener).fit(data);
    }

    private static float[] fit(ShardedDataset data, TrainerConfig config) {
        return fit(data, config, new ArrayList<>()).params();
    }

    /** Counts the jobs and the injected task failures while {@code run} runs. */
    private static int[] jobsAndInjectedFailures(Runnable run) {
        AtomicInteger jobs = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        SparkListener listener = new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart start) {
                jobs.incrementAndGet();
            }

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
            run.run();
            sc.sc().listenerBus().waitUntilEmpty();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(e);
        } finally {
            sc.sc().removeSparkListener(listener);
        }
        return new int[] {jobs.get(), failures.get()};
    }

    @Test
    void oneAndTwoPartitionsMatchTheEngineAloneAndTheTreePathInOneJobForTheRun() {
        float[] engine = new EngineAlone(SPEC, ADAM, DATA, BATCH, SEED).train(STEPS);
        TrainingResult treeRun = fit(twoPartitions, twentySteps(AllReduce.TREE).build(), new ArrayList<>());
        float[] tree = treeRun.params();
        for (int partitions : new int[] {1, 2}) {
            ShardedDataset data = partitions == 2 ? twoPartitions : ShardedDataset.fromArrays(sc, DATA, partitions);
            TrainingResult[] result = new TrainingResult[1];
            List<String> log = new ArrayList<>();
            List<String> progress = java.util.Collections.synchronizedList(new ArrayList<>());
            StepListener listener = (step, total, epoch, loss) -> progress.add(step + "/" + total + " epoch " + epoch
                    + (Double.isFinite(loss) && loss > 0 ? "" : " bad loss " + loss) + " on "
                    + Thread.currentThread().getName().replaceAll("-\\d+$", ""));
            int[] counts = jobsAndInjectedFailures(
                    () -> result[0] = fit(data, twentySteps(AllReduce.BARRIER).build(), log, listener));
            List<String> expected = new ArrayList<>();
            for (int s = 1; s <= STEPS; s++) {
                expected.add(s + "/" + STEPS + " epoch " + ((s - 1) / 7 + 1) + " on convspark-round-coordinator");
            }
            assertEquals(expected, progress, "every step reported as partition 0 finishes it, in order");
            assertEquals(STEPS, result[0].steps());
            assertEquals(1, counts[0], "one barrier job for the run's 3 epochs (7 + 7 + 6 steps), its warm-up "
                    + "included, none per step");
            assertTrue(log.stream().anyMatch(l -> l.matches("warm-up: 30 engine passes over synthetic samples \\(partition "
                    + "0's\\), then 20 training steps on the first batches, in every task and thrown away, .*")),
                    String.join("\n", log));
            assertEquals(3, result[0].history().size());
            for (int e = 0; e < 3; e++) {
                EpochMetrics barrier = result[0].history().get(e);
                EpochMetrics byTree = treeRun.history().get(e);
                assertEquals(byTree.steps(), barrier.steps());
                assertEquals(byTree.samples(), barrier.samples());
                assertEquals(byTree.trainLoss(), barrier.trainLoss(), 1e-4 * Math.abs(byTree.trainLoss()));
                assertEquals(byTree.trainAccuracy(), barrier.trainAccuracy(), 1e-9);
            }
            double vsEngine = TestArrays.relativeDifference(result[0].params(), engine);
            double vsTree = TestArrays.relativeDifference(result[0].params(), tree);
            System.out.printf("barrier, %d partitions, after %d steps: vs the engine alone %.3g, vs tree %.3g%n",
                    partitions, STEPS, vsEngine, vsTree);
            assertTrue(vsEngine <= TOLERANCE, partitions + " partitions differ from the engine alone by " + vsEngine);
            assertTrue(vsTree <= TOLERANCE, partitions + " partitions differ from the tree path by " + vsTree);
            assertTrue(log.stream().anyMatch(l -> l.contains("\"all_reduce\":\"barrier\"")), log.toString());
            if (data != twoPartitions) {
                data.release();
            }
        }
    }

    @Test
    void aFailedTaskRerunsTheRoundToTheSameParameters() {
        float[] clean = fit(twoPartitions, twentySteps(AllReduce.BARRIER).build());
        float[][] faulty = new float[1][];
        List<Long> reported = new java.util.concurrent.CopyOnWriteArrayList<>();
        int[] counts = jobsAndInjectedFailures(() -> faulty[0] = fit(twoPartitions,
                twentySteps(AllReduce.BARRIER).faultInjection(new FaultInjection(9, 1)).build(), new ArrayList<>(),
                (step, total, epoch, loss) -> reported.add(step)).params());
        assertEquals(1, counts[1], "exactly the injected failure happened");
        assertTrue(TestArrays.relativeDifference(faulty[0], clean) <= TOLERANCE);
        List<Long> once = new ArrayList<>();
        for (long s = 1; s <= STEPS; s++) {
            once.add(s);
        }
        assertEquals(once, reported, "the rerun round does not report its first steps again");
    }

    @Test
    void aStepListenerFailingOnTheLastStepOfARoundIsRethrownByFit() {
        // Partition 0 reports a step after it has the mean, so the job can finish before the listener is done.
        StepListener slowAndFailing = (step, total, epoch, loss) -> {
            if (step == total) {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("listener failed at step " + step);
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> fit(twoPartitions, twentySteps(AllReduce.BARRIER).build(), new ArrayList<>(), slowAndFailing));
        assertEquals("listener failed at step " + STEPS, e.getMessage());
    }

    @Test
    void roundsEndAtCheckpointsAndResumeReachesTheUninterruptedParameters(@TempDir Path dir) {
        float[] uninterrupted = fit(twoPartitions, twentySteps(AllReduce.BARRIER).build());
        String checkpoints = dir.toUri().toString();
        fit(twoPartitions, twentySteps(AllReduce.BARRIER).maxSteps(12).checkpointDir(checkpoints).checkpointEvery(5)
                .build());
        for (String step : new String[] {"step-000005", "step-000010", "step-000012"}) {
            assertTrue(Files.isDirectory(dir.resolve(step)), step);
        }
        List<String> log = new ArrayList<>();
        TrainingResult resumed = fit(twoPartitions, twentySteps(AllReduce.BARRIER).checkpointDir(checkpoints)
                .checkpointEvery(5).resume(true).build(), log);
        assertTrue(log.stream().anyMatch(l -> l.startsWith("resuming from checkpoint step-000012")), log.toString());
        assertEquals(STEPS, resumed.steps());
        assertTrue(Files.isDirectory(dir.resolve("step-000015")), "checkpoints continue on the multiples");
        assertTrue(TestArrays.relativeDifference(resumed.params(), uninterrupted) <= TOLERANCE);
    }

    @Test
    void divergenceStopsTheRunNamingTheStepAndKeepsTheLastGoodCheckpoint(@TempDir Path dir) {
        TrainerConfig exploding = twentySteps(AllReduce.BARRIER).optimizer(OptimizerConfig.of("sgd", 1e30))
                .checkpointDir(dir.toUri().toString()).checkpointEvery(1).build();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> fit(twoPartitions, exploding));
        assertTrue(e.getMessage().startsWith("training diverged at step " + e.step() + ": "), e.getMessage());
        assertTrue(e.layer() != null && e.layer().matches("layer \\d+ \\((conv|linear)\\)"), e.getMessage());
        String newest = Checkpoint.directoryName(e.step());
        assertTrue(e.getMessage().contains("the newest checkpoint, " + newest + " in "), e.getMessage());
        assertTrue(Files.isDirectory(dir.resolve(newest)), "the last good step's checkpoint");
        assertFalse(Files.exists(dir.resolve(Checkpoint.directoryName(e.step() + 1))), "nothing after it");
    }

    @Test
    void refusesMorePartitionsThanTaskSlotsAndLocalStepsBeforeAnyJob() {
        ShardedDataset three = ShardedDataset.fromArrays(sc, DATA, 3);
        try {
            int[] counts = jobsAndInjectedFailures(() -> {
                UserInputException e = assertThrows(UserInputException.class,
                        () -> fit(three, twentySteps(AllReduce.BARRIER).build()));
                assertEquals("all_reduce barrier: a barrier round runs all 3 partitions' tasks at once, and master "
                        + "local[2,2] offers 2 task slots (at most 2 partitions, or a master with more threads); "
                        + "use all_reduce tree or auto", e.getMessage());
            });
            assertEquals(0, counts[0], "no job started");
        } finally {
            three.release();
        }
        UserInputException e = assertThrows(UserInputException.class,
                () -> twentySteps(AllReduce.BARRIER).syncEvery(2).build());
        assertTrue(e.getMessage().startsWith("sync_every 2 (local steps and parameter averaging) and all_reduce "
                + "barrier"), e.getMessage());
        assertEquals(AllReduce.BARRIER, AllReduce.parse(" Barrier", "--all-reduce"));
        assertEquals("--all-reduce ring: unknown; choose auto, tree or barrier",
                assertThrows(UserInputException.class, () -> AllReduce.parse("ring", "--all-reduce")).getMessage());
    }

    @Test
    void autoTakesTheCollectiveWhenEveryPartitionHasASlotAndSaysWhy() {
        List<String> log = new ArrayList<>();
        TrainingResult result = fit(twoPartitions, twentySteps(AllReduce.AUTO).build(), log);
        assertEquals(AllReduce.BARRIER, result.allReduce().mode());
        assertTrue(log.contains("all-reduce: barrier (auto: all 2 partitions get a task slot at once (2 slots), so "
                + "barrier rounds whose tasks all-reduce among themselves)"), log.toString());
        EpochMetrics first = result.history().get(0);
        // Under one gradient's bytes a step even in the first 7-step epoch, which carries the round's
        // joins (LocalClusterTest checks cifar-small against 1% of n x 4 x P).
        int gradientBytes = 4 * result.params().length;
        assertTrue(first.driverBytesPerStep() > 0 && first.driverBytesPerStep() < gradientBytes,
                "the driver only coordinates: " + first.driverBytesPerStep() + " bytes a step, a gradient has "
                        + gradientBytes);
        assertTrue(first.taskBytesPerStep() > 0, "the tasks' bytes are counted");
        ShardedDataset three = ShardedDataset.fromArrays(sc, DATA, 3);
        try {
            List<String> treeLog = new ArrayList<>();
            TrainingResult tree = fit(three, twentySteps(AllReduce.AUTO).build(), treeLog);
            assertEquals(new AllReduceChoice(AllReduce.TREE, "a barrier round runs all 3 partitions' tasks at once, "
                    + "and master local[2,2] offers 2 task slots (at most 2 partitions, or a master with more "
                    + "threads), so a treeAggregate job per step"), tree.allReduce());
            assertTrue(treeLog.contains(tree.allReduce().toLine()), treeLog.toString());
            assertTrue(Double.isNaN(tree.history().get(0).driverBytesPerStep()), "no collective bytes on the tree path");
        } finally {
            three.release();
        }
        assertEquals(AllReduce.TREE, fit(twoPartitions, twentySteps(AllReduce.AUTO).syncEvery(2).build(),
                new ArrayList<>()).allReduce().mode(), "local steps run as tree jobs");
    }

    @Test
    void aTaskThatNeverJoinsFailsItsRoundWithinTheTimeoutAndTheRerunReachesTheSameParameters() {
        float[] clean = fit(twoPartitions, twentySteps(AllReduce.BARRIER).build());
        org.apache.spark.SparkConf live = sc.sc().conf();
        live.set(org.convspark.driver.collective.CollectiveSettings.TIMEOUT, "2s");
        try {
            List<String> log = new ArrayList<>();
            long begin = System.nanoTime();
            float[] rerun = fit(twoPartitions, twentySteps(AllReduce.BARRIER)
                    .faultInjection(FaultInjection.neverJoins(1)).build(), log).params();
            double seconds = (System.nanoTime() - begin) / 1e9;
            assertTrue(log.stream().anyMatch(l -> l.startsWith("barrier round from step 0 failed (attempt 1 of ")
                    && l.contains("partition [1] did not join")), log.toString());
            assertTrue(seconds < 30, "the round failed after the 2 s timeout, not a hang: " + seconds + " s");
            org.junit.jupiter.api.Assertions.assertArrayEquals(clean, rerun, "the same parameters, bit for bit");
        } finally {
            live.remove(org.convspark.driver.collective.CollectiveSettings.TIMEOUT);
        }
    }

    @Test
    void garbageHugeFramesAndIdleConnectionsDuringARunLeaveItsParametersUnchanged() throws Exception {
        float[] clean = fit(twoPartitions, twentySteps(AllReduce.BARRIER).build());
        org.convspark.driver.collective.PeerTransport transport =
                org.convspark.driver.collective.PeerTransport.ofThisJvm().orElseThrow();
        long refusedBefore = transport.refused();
        List<java.net.Socket> idle = new ArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread attacker = new Thread(() -> {
            java.util.Random random = new java.util.Random(3);
            try {
                for (int i = 0; i < 200; i++) {
                    java.net.Socket s = new java.net.Socket("127.0.0.1", transport.port());
                    idle.add(s);
                }
                do { // at least once, however fast the run is
                    try (java.net.Socket s = new java.net.Socket("127.0.0.1", transport.port())) {
                        byte[] garbage = new byte[4096];
                        random.nextBytes(garbage);
                        s.getOutputStream().write(garbage);
                    }
                    try (java.net.Socket s = new java.net.Socket("127.0.0.1", transport.port())) {
                        s.getOutputStream().write(java.nio.ByteBuffer.allocate(64).putLong(Integer.MAX_VALUE)
                                .put((byte) 9).putInt(Integer.MAX_VALUE - 13).array());
                    }
                    Thread.sleep(5);
                } while (running.get());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        attacker.start();
        float[] attacked;
        try {
            attacked = fit(twoPartitions, twentySteps(AllReduce.BARRIER).build());
        } finally {
            running.set(false);
            attacker.join();
            for (java.net.Socket s : idle) {
                s.close();
            }
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(clean, attacked, "the same parameters, bit for bit");
        assertEquals(200, idle.size());
        long deadline = System.currentTimeMillis() + 10_000; // the transport's threads count them
        while (transport.refused() - refusedBefore < 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(transport.refused() - refusedBefore >= 2, "the hostile frames were dropped and counted: "
                + (transport.refused() - refusedBefore));
    }

    @Test
    void theFirstRoundsWarmUpLeavesTheParametersAndTheEpochsAsWithout() {
        List<String> log = new ArrayList<>();
        TrainingResult warmed = fit(twoPartitions, twentySteps(AllReduce.BARRIER).build(), log);
        TrainingResult cold = fit(twoPartitions, twentySteps(AllReduce.BARRIER).warmUpSteps(0).build(),
                new ArrayList<>());
        org.junit.jupiter.api.Assertions.assertArrayEquals(cold.params(), warmed.params(), "bit for bit");
        double warmedBytes = 0;
        double coldBytes = 0;
        for (int e = 0; e < 3; e++) {
            EpochMetrics a = warmed.history().get(e);
            EpochMetrics b = cold.history().get(e);
            assertEquals(b.trainLoss(), a.trainLoss(), 0.0, "epoch " + (e + 1));
            assertEquals(b.trainAccuracy(), a.trainAccuracy(), 0.0);
            warmedBytes += a.taskBytesPerStep() * a.steps();
            coldBytes += b.taskBytesPerStep() * b.steps();
        }
        // The warm-up's messages are not the round's: the same bytes in all (an epoch's share depends on
        // which of a peer's messages had arrived when partition 0 reported the epoch), but for progress
        // reports, sent on time (one more is a few dozen bytes; one warm-up step's partial alone, 1.9 KB).
        assertEquals(coldBytes, warmedBytes, 500);
        assertTrue(log.stream().anyMatch(l -> l.startsWith("warm-up: 30 engine passes over synthetic samples "
                + "(partition 0's), then 20 training steps")), String.join("\n", log)); // at most the run's 20
    }

    @Test
    void aTestSetPartitionedDifferentlyIsEvaluatedByTheDriverBetweenOneRoundPerEpoch() {
        ShardedDataset testTwo = ShardedDataset.fromArrays(sc, TestData.bands(60, 8, 3, 6), 2);
        ShardedDataset testThree = ShardedDataset.fromArrays(sc, TestData.bands(60, 8, 3, 6), 3);
        try {
            TrainerConfig config = twentySteps(AllReduce.BARRIER).build();
            TrainingResult inRound = new DistributedTrainer(sc, SPEC, config).withLog(line -> { })
                    .fit(twoPartitions, testTwo);
            TrainingResult[] byDriver = new TrainingResult[1];
            int[] counts = jobsAndInjectedFailures(() -> byDriver[0] = new DistributedTrainer(sc, SPEC, config)
                    .withLog(line -> { }).fit(twoPartitions, testThree));
            assertEquals(7, counts[0], "the warm-up job, then a barrier round and a test evaluation job per epoch");
            org.junit.jupiter.api.Assertions.assertArrayEquals(inRound.params(), byDriver[0].params());
            assertEquals(3, byDriver[0].history().size());
            for (int e = 0; e < 3; e++) {
                assertEquals(inRound.history().get(e).testAccuracy(), byDriver[0].history().get(e).testAccuracy(),
                        1e-12, "epoch " + (e + 1));
                assertEquals(inRound.history().get(e).testLoss(), byDriver[0].history().get(e).testLoss(), 1e-9);
            }
        } finally {
            testTwo.release();
            testThree.release();
        }
    }
}
