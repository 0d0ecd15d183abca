package org.convspark.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.convspark.engine.gemm.Gemm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * sgemm alone at 2048^3 through the engine's default GEMM: the machine's practical ceiling that
 * the convolution figures are read against. The thread count is OpenBLAS's, fixed by the
 * environment ({@code OPENBLAS_NUM_THREADS}) of the JMH run, which its forks inherit.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {JvmFlags.VECTOR, JvmFlags.FOREIGN, JvmFlags.NATIVE_ACCESS})
public class GemmBenchmark {
    static final int SIZE = 2048;

    private final Gemm gemm = Gemm.defaultGemm();
    private float[] a;
    private float[] b;
    private float[] c;

    @Setup
    public void setUp() {
        Random rng = new Random(1);
        a = BenchData.gaussian(rng, SIZE * SIZE);
        b = BenchData.gaussian(rng, SIZE * SIZE);
        c = new float[SIZE * SIZE];
    }

    /** FLOPs of one call: 2 n^3. */
    static double flops() {
        return 2.0 * SIZE * SIZE * SIZE;
    }

    @Benchmark
    public float[] sgemm() {
        gemm.sgemm(false, false, SIZE, SIZE, SIZE, 1f, a, 0, SIZE, b, 0, SIZE, 0f, c, 0, SIZE);
        return c;
    }
}
