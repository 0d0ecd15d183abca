package org.convspark.bench;

import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.layers.BatchNorm;
import org.convspark.engine.layers.ConvTranspose;
import org.convspark.engine.layers.Layer;
import org.convspark.engine.layers.Merge;
import org.convspark.engine.spec.BatchNormSpec;
import org.convspark.engine.spec.ConvTransposeSpec;
import org.convspark.engine.tensor.Shape;
import org.convspark.engine.tensor.Tensor;

/**
 * The engine benchmark's layers besides convolution and pooling, each timed forward+backward as a
 * training step runs it. Batch norm and the residual add, at ResNet-20's first-stage size
 * (128x16x32x32, 8 MB per array), do a few flops per element: they are bound by memory, so they
 * are read in GB/s against {@link #COPY}, a plain copy of one such array measured in the same run
 * (the machine's practical bandwidth). {@link #UPSAMPLE} is a U-Net-style 2x upsampling by a
 * transposed convolution, read in GFLOP/s like the convolutions.
 */
public enum LayerShape {
    /**
     * Training forward then backward with the input gradient. Array passes, as {@link BatchNorm}
     * makes them: forward reads x for the moments, then reads x and writes x^ and y (4); backward
     * reads dy and x^ for the sums, then reads dy and x^ and writes dx (5): 9.
     */
    BATCHNORM("batch norm 128x16x32x32 (training)", 9) {
        @Override
        Supplier<Object> prepare(Random rng) {
            BatchNorm bn = new BatchNorm(new BatchNormSpec(BatchNormSpec.DEFAULT_EPS, BatchNormSpec.DEFAULT_MOMENTUM,
                    true), MAP);
            bn.setNeedsInputGradient(true);
            float[] params = parameters(bn, rng);
            float[] grads = new float[params.length];
            Tensor x = map(rng);
            Tensor dy = map(rng);
            return () -> {
                bn.forward(x, params, 0, true);
                return bn.backward(dy, params, 0, grads);
            };
        }

        @Override
        String pytorchLine() {
            return BenchMain.shapeLine("batchnorm", name(), BATCH, MAP.dim(0), MAP.dim(1), MAP.dim(2));
        }
    },
    /**
     * A residual connection, {@code merge} then {@code split} of {@link Merge.Add} over two inputs.
     * Array passes: forward copies x0 to y (2), then reads x1 and y and writes y (3); backward
     * copies dy into each input's gradient (4): 9.
     */
    ADD("residual add 2x 128x16x32x32", 9) {
        @Override
        Supplier<Object> prepare(Random rng) {
            Merge.Add add = new Merge.Add(List.of(MAP, MAP));
            Tensor[] inputs = {map(rng), map(rng)};
            Tensor dy = map(rng);
            return () -> {
                add.merge(inputs);
                return add.split(dy);
            };
        }

        @Override
        String pytorchLine() {
            return BenchMain.shapeLine("add", name(), BATCH, MAP.dim(0), MAP.dim(1), MAP.dim(2));
        }
    },
    /** {@code System.arraycopy} of one 128x16x32x32 array into another: one read, one write (2). */
    COPY("copy 128x16x32x32 (reference)", 2) {
        @Override
        Supplier<Object> prepare(Random rng) {
            float[] from = map(rng).data();
            float[] to = new float[from.length];
            return () -> {
                System.arraycopy(from, 0, to, 0, from.length);
                return to;
            };
        }
    },
    /** Transposed convolution 32x64x16x16 -> 32 channels, 2x2, stride 2 (output 32x32), with bias. */
    UPSAMPLE("upsample 32x64x16x16->32 k2 s2", 0) {
        @Override
        Supplier<Object> prepare(Random rng) {
            ConvTranspose up = upsample();
            float[] params = parameters(up, rng);
            float[] grads = new float[params.length];
            Tensor x = new Tensor(BenchData.gaussian(rng, UP_BATCH * UP_IN.size()), UP_IN.prepend(UP_BATCH));
            Tensor dy = new Tensor(BenchData.gaussian(rng, UP_BATCH * up.outputShape().size()),
                    up.outputShape().prepend(UP_BATCH));
            return () -> {
                up.forward(x, params, 0, true);
                return up.backward(dy, params, 0, grads);
            };
        }

        @Override
        String pytorchLine() {
            return BenchMain.shapeLine("convtranspose", name(), UP_BATCH, UP_IN.dim(0), UP_IN.dim(1), UP_IN.dim(2),
                    UP_OUT, UP_K, UP_K, 1);
        }

        /** Forward {@code 2 N Cin Cout k^2 H W} (H x W: the input's), backward twice that. */
        @Override
        double forwardBackwardFlops() {
            return 3 * 2.0 * UP_BATCH * UP_IN.dim(0) * UP_OUT * UP_K * UP_K * UP_IN.dim(1) * UP_IN.dim(2);
        }
    };

    private static final int BATCH = 128;
    /** One sample of ResNet-20's first stage. */
    private static final Shape MAP = Shape.of(16, 32, 32);
    private static final int UP_BATCH = 32;
    private static final Shape UP_IN = Shape.of(64, 16, 16);
    private static final int UP_OUT = 32;
    private static final int UP_K = 2;

    final String label;
    /** Full passes over a {@code BATCH x MAP} float array per call; 0 for {@link #UPSAMPLE}. */
    private final int arrayPasses;

    LayerShape(String label, int arrayPasses) {
        this.label = label;
        this.arrayPasses = arrayPasses;
    }

    /** The layer's buffers and inputs, and one forward+backward call on them. */
    abstract Supplier<Object> prepare(Random rng);

    /** {@link #UPSAMPLE}'s layer. */
    static ConvTranspose upsample() {
        return new ConvTranspose(new ConvTransposeSpec(UP_OUT, ConvGeometry.builder(UP_K, UP_K).stride(UP_K, UP_K)
                .build(), new int[] {0, 0}, true), UP_IN);
    }

    /** The layer for {@code engine_shapes.py} ({@code --shapes}), or null where PyTorch has no counterpart. */
    String pytorchLine() {
        return null;
    }

    /** Whether this layer is read in GB/s ({@link #bytes}) rather than GFLOP/s. */
    boolean memoryBound() {
        return arrayPasses > 0;
    }

    /** Bytes one call reads and writes, counted as the code makes its passes (see each constant). */
    double bytes() {
        return (double) arrayPasses * BATCH * MAP.size() * Float.BYTES;
    }

    /** FLOPs of one forward+backward call; 0 for the memory-bound layers. */
    double forwardBackwardFlops() {
        return 0;
    }

    private static Tensor map(Random rng) {
        return new Tensor(BenchData.gaussian(rng, BATCH * MAP.size()), MAP.prepend(BATCH));
    }

    private static float[] parameters(Layer layer, Random rng) {
        float[] params = new float[layer.parameterCount()];
        layer.initialize(params, 0, rng);
        return params;
    }
}
