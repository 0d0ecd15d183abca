package org.convspark.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.convspark.engine.layers.MaxPool;
import org.convspark.engine.tensor.Tensor;
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

/** Max-pool 2x2 stride 2 forward and forward+backward, single thread, every call timed. */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {JvmFlags.VECTOR, JvmFlags.FOREIGN, JvmFlags.NATIVE_ACCESS})
public class PoolBenchmark {
    /** Not called {@code shape}, so that {@code -p shape=...} selects convolutions only. */
    @Param({"LENET_POOL1", "WIDE_POOL"})
    public PoolShape pool;

    private MaxPool layer;
    private Tensor input;
    private Tensor gradOutput;

    @Setup
    public void setUp() {
        Random rng = new Random(1);
        layer = new MaxPool(pool.spec, pool.input);
        input = new Tensor(BenchData.gaussian(rng, pool.input.size() * pool.batch), pool.input.prepend(pool.batch));
        gradOutput = new Tensor(BenchData.gaussian(rng, layer.outputShape().size() * pool.batch),
                layer.outputShape().prepend(pool.batch));
    }

    @Benchmark
    public Tensor forward() {
        return layer.forward(input, null, 0, true);
    }

    @Benchmark
    public Tensor forwardBackward() {
        layer.forward(input, null, 0, true);
        return layer.backward(gradOutput, null, 0, null);
    }
}
