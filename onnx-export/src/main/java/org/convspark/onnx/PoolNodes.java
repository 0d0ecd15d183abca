package org.convspark.onnx;

import static org.convspark.onnx.OnnxGraph.attribute;

import java.util.List;
import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.spec.AvgPoolSpec;
import org.convspark.engine.spec.MaxPoolSpec;

/**
 * {@code maxpool} and {@code avgpool} as ONNX {@code MaxPool} and {@code AveragePool}. Ceil mode
 * is never left to the runtime: opset 17 keeps windows the engine drops and runtimes divide
 * ceil-mode averages differently, so both run in floor mode with the engine's windows made
 * explicit as end pads; the runtime tests hold both to the engine's output.
 */
final class PoolNodes {
    private PoolNodes() {
    }

    /**
     * Max pooling in floor mode with the end pads widened until it makes the engine's windows: opset
     * 17's {@code ceil_mode} keeps a last window that starts in the trailing padding, which the
     * engine (and PyTorch) drops, and padding never wins a max. Where a widened pad would reach the
     * kernel's size, which runtimes refuse as an attribute, the padding is a {@code Pad} with
     * negative infinity instead.
     */
    static String max(OnnxGraph g, SpecNode n, MaxPoolSpec spec) {
        ConvGeometry geometry = spec.geometry();
        int[] pads = floorPads(n, geometry, false);
        String x = n.input();
        int dims = geometry.dims();
        boolean explicit = false;
        for (int d = 0; d < dims; d++) {
            explicit |= pads[d] >= geometry.kernel(d) || pads[dims + d] >= geometry.kernel(d);
        }
        if (explicit) {
            x = g.node("Pad", n.base() + "/pad", n.base() + "/padded", List.of(x,
                    g.longs(n.base() + "/pads", PaddingNodes.padWidths(pads)),
                    g.floats(n.base() + "/minus_infinity", new float[] {Float.NEGATIVE_INFINITY})));
            pads = new int[2 * dims];
        }
        return g.node("MaxPool", n.base(), n.base(), List.of(x),
                attribute("kernel_shape", geometry.kernel()), attribute("strides", geometry.stride()),
                attribute("dilations", geometry.dilation()), attribute("pads", pads), attribute("ceil_mode", 0L));
    }

    /**
     * Floor-mode pads that make exactly the engine's windows: the geometry's, less those already
     * applied as real zeros ({@code prePadded}), with each end widened by what the engine's last
     * window runs past the padded input.
     */
    private static int[] floorPads(SpecNode n, ConvGeometry geometry, boolean prePadded) {
        int dims = geometry.dims();
        int[] pads = new int[2 * dims];
        for (int d = 0; d < dims; d++) {
            int in = n.inputShape().dim(1 + d);
            int size = in + geometry.padBefore(d) + geometry.padAfter(d);
            int out = geometry.outputSize(d, in);
            int overflow = Math.max(0, (out - 1) * geometry.stride(d) + geometry.effectiveKernel(d) - size);
            pads[d] = prePadded ? 0 : geometry.padBefore(d);
            pads[dims + d] = (prePadded ? 0 : geometry.padAfter(d)) + overflow;
        }
        return pads;
    }

    /**
     * Average pooling, exactly as the engine (and PyTorch) divides: a window's divisor counts the
     * padding when {@code count_include_pad} but never the part of a ceil-mode window that runs
     * past the padded input. ONNX runtimes disagree on that last part, so it is not left to them:
     * counted padding becomes real zeros ({@code Pad}), and {@code AveragePool} runs in floor mode
     * without counting pads, its end pads widened until it makes as many windows as the engine.
     */
    static String average(OnnxGraph g, SpecNode n, AvgPoolSpec spec) {
        ConvGeometry geometry = spec.geometry();
        String x = n.input();
        boolean padded = spec.countIncludePad() && !geometry.unpadded();
        if (padded) {
            x = PaddingNodes.padOp(g, n, x, geometry, "constant");
        }
        int[] pads = floorPads(n, geometry, padded);
        return g.node("AveragePool", n.base(), n.base(), List.of(x),
                attribute("kernel_shape", geometry.kernel()), attribute("strides", geometry.stride()),
                attribute("pads", pads), attribute("ceil_mode", 0L), attribute("count_include_pad", 0L));
    }
}
