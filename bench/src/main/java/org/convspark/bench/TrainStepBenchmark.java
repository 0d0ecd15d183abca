package org.convspark.bench;

import java.util.concurrent.TimeUnit;
import org.convspark.engine.data.LabelledImages;
import org.convspark.engine.layers.BatchResult;
import org.convspark.engine.optim.OptimizerConfig;
import org.convspark.engine.train.LocalTrainer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step, engine alone: forward, backward and a momentum SGD step over consecutive
 * batches of one epoch order ({@link LocalTrainer#trainStep}), for LeNet-5 and ResNet-20 on 1 or
 * 2 engine threads ({@link StepConfig}). The table reports images per second from the median step
 * time, beside PyTorch's for the ResNets (the target for LeNet-5: 5,400 images/s at batch 64).
 *
 * <p>Ten seconds of warm-up and of measurement: a ResNet-20 step takes 0.3-0.6 s on a slower
 * machine (an Intel VM whose two vCPUs are one core's hyperthreads), where three one-second
 * warm-up iterations ended before C2 had compiled the step (its first took 8 s, the third still
 * 392 ms against 300 once warm) and five one-second iterations sampled a dozen steps.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {JvmFlags.VECTOR, JvmFlags.FOREIGN, JvmFlags.NATIVE_ACCESS})
public class TrainStepBenchmark {
    /** {@code model:batch:threads} ({@link StepConfig}); {@code --shapes} gives the ResNet ones to resnet.py. */
    @Param({"lenet5:64:1", "lenet5:256:1", "resnet20-28:128:1", "resnet20-28:128:2", "resnet20-32:128:1",
            "resnet20-32:128:2"})
    public String config;

    private LocalTrainer trainer;
    private LabelledImages data;
    private int[][] batches;
    private int next;

    @Setup
    public void setUp() {
        StepConfig c = StepConfig.parse(config);
        data = c.data();
        trainer = new LocalTrainer(c.spec(), OptimizerConfig.of("momentum", 0.01), 1, c.threads());
        batches = new int[data.count() / c.batch()][];
        for (int b = 0; b < batches.length; b++) {
            batches[b] = new int[c.batch()];
            for (int k = 0; k < c.batch(); k++) {
                batches[b][k] = b * c.batch() + k;
            }
        }
    }

    @TearDown
    public void tearDown() {
        trainer.close();
    }

    @Benchmark
    public BatchResult step() {
        int[] samples = batches[next];
        next = (next + 1) % batches.length;
        return trainer.trainStep(data, samples, 0);
    }
}
