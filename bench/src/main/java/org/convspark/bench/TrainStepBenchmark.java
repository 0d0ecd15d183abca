package org.convspark.bench;

import java.util.concurrent.TimeUnit;
import org.convspark.engine.data.EmbeddedMnist;
import org.convspark.engine.data.LabelledImages;
import org.convspark.engine.layers.BatchResult;
import org.convspark.engine.spec.ModelZoo;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * One LeNet-5 training step, engine alone on one thread: forward, backward and a momentum SGD
 * step over a batch of the embedded MNIST (28x28, Fashion-MNIST's shape), consecutive batches
 * of one epoch order ({@link LocalTrainer#trainStep}). The table reports images per second from
 * the median step time (the target for the engine: 5,400 images/s at batch 64).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class TrainStepBenchmark {
    @Param({"64", "256"})
    public int batch;

    private LocalTrainer trainer;
    private LabelledImages data;
    private int[][] batches;
    private int next;

    @Setup
    public void setUp() {
        data = EmbeddedMnist.train();
        trainer = new LocalTrainer(ModelZoo.get("lenet5"), OptimizerConfig.of("momentum", 0.01), 1);
        batches = new int[data.count() / batch][];
        for (int b = 0; b < batches.length; b++) {
            batches[b] = new int[batch];
            for (int k = 0; k < batch; k++) {
                batches[b][k] = b * batch + k;
            }
        }
    }

    @Benchmark
    public BatchResult step() {
        int[] samples = batches[next];
        next = (next + 1) % batches.length;
        return trainer.trainStep(data, samples, 0);
    }
}
