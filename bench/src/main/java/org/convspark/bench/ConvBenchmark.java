package org.convspark.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.convspark.engine.gemm.Gemm;
import org.convspark.engine.gemm.NetlibGemm;
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
 * Conv forward and forward+backward, single thread. Every call is timed ({@code SampleTime}) so
 * the table can use the median, which a shared machine's load spikes move least. The GEMM is the
 * engine's default unless {@code -p gemm=java} asks for netlib's Java kernels.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
// OpenBLAS threads would fight Spark's one task per core; run with OPENBLAS_NUM_THREADS=1.
@Fork(value = 1, jvmArgsAppend = {JvmFlags.VECTOR, JvmFlags.FOREIGN, JvmFlags.NATIVE_ACCESS})
public class ConvBenchmark {
    @Param({"LENET_CONV1", "LENET_CONV2", "RGB_3X3", "WIDE_3X3", "DEEP_3X3", "STRIDED", "DILATED", "GROUPED",
            "RESNET_16", "RESNET_32", "RESNET_64", "RESNET28_16", "RESNET28_32", "RESNET28_64", "RESNET_DOWN_32",
            "RESNET_DOWN_64", "RESNET_PROJ_32", "RESNET_PROJ_64"})
    public ConvShape shape;

    /** {@code default}: the engine's choice; {@code java}: netlib's Java BLAS, never native. */
    @Param({"default"})
    public String gemm;

    private Conv conv;
    private float[] params;
    private float[] grads;
    private Tensor input;
    private Tensor gradOutput;

    @Setup
    public void setUp() {
        Random rng = new Random(1);
        conv = new Conv(shape.spec, shape.input, backend(gemm));
        params = new float[conv.parameterCount()];
        conv.initialize(params, 0, rng);
        grads = new float[params.length];
        input = new Tensor(BenchData.gaussian(rng, shape.input.size() * shape.batch), shape.input.prepend(shape.batch));
        gradOutput = new Tensor(BenchData.gaussian(rng, conv.outputShape().size() * shape.batch),
                conv.outputShape().prepend(shape.batch));
    }

    /** The GEMM the {@code gemm} parameter names. */
    static Gemm backend(String name) {
        return name.equals("java") ? NetlibGemm.javaOnly() : Gemm.defaultGemm();
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
