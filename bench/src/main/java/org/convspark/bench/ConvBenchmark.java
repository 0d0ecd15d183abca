package org.convspark.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.convspark.engine.layers.Conv;
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

/**
 * Conv forward and forward+backward, single thread, through the default GEMM. The scores are
 * times per batch; {@link ConvBenchmarkMain} turns them into GFLOP/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
// OpenBLAS threads would fight Spark's one task per core; the engine is measured single-threaded.
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class ConvBenchmark {
    @Param({"LENET_CONV1", "LENET_CONV2", "WIDE_3X3"})
    public ConvShape shape;

    private Conv conv;
    private float[] params;
    private float[] grads;
    private Tensor input;
    private Tensor gradOutput;

    @Setup
    public void setUp() {
        Random rng = new Random(1);
        conv = new Conv(shape.spec, shape.input);
        params = new float[conv.parameterCount()];
        conv.initialize(params, 0, rng);
        grads = new float[params.length];
        input = new Tensor(random(rng, shape.input.size() * shape.batch), shape.input.prepend(shape.batch));
        gradOutput = new Tensor(random(rng, conv.outputShape().size() * shape.batch),
                conv.outputShape().prepend(shape.batch));
    }

    private static float[] random(Random rng, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) rng.nextGaussian();
        }
        return a;
    }

    @Benchmark
    public Tensor forward() {
        return conv.forward(input, params, 0, true);
    }

    @Benchmark
    public Tensor forwardBackward() {
        conv.forward(input, params, 0, true);
        return conv.backward(gradOutput, params, 0, grads);
    }
}
