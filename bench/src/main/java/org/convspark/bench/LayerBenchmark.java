package org.convspark.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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
 * Forward+backward of the layers of {@link LayerShape}, single thread, every call timed as in
 * {@link ConvBenchmark}: a ResNet step is not only convolutions, and batch norm and the residual
 * adds are bound by memory, which the copy beside them shows the limit of.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {JvmFlags.VECTOR, JvmFlags.FOREIGN, JvmFlags.NATIVE_ACCESS})
public class LayerBenchmark {
    /** Not called {@code shape}, so that {@code -p shape=...} selects convolutions only. */
    @Param({"BATCHNORM", "ADD", "COPY", "UPSAMPLE"})
    public LayerShape layer;

    private Supplier<Object> call;

    @Setup
    public void setUp() {
        call = layer.prepare(new Random(1));
    }

    @Benchmark
    public Object forwardBackward() {
        return call.get();
    }
}
