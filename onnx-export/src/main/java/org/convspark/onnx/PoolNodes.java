package org.convspark.onnx;

import static org.convspark.onnx.OnnxGraph.attribute;

import java.util.List;
import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.spec.AvgPoolSpec;
import org.convspark.engine.spec.MaxPoolSpec;

/**
 * {@code maxpool} and {@code avgpool} as ONNX {@code MaxPool} and {@code AveragePool}, whose
 * attributes say the same things (padding, dilation, {@code ceil_mode}, {@code count_include_pad}),
 * except where runtimes differ from the engine (see {@link #average}); the runtime tests hold both
 * to the engine's output, in ceil mode too.
 */
final class PoolNodes {
    private PoolNodes() {
    }

    static String max(OnnxGraph g, SpecNode n, MaxPoolSpec spec) {
        ConvGeometry geometry = spec.geometry();
        return g.node("MaxPool", n.base(), n.base(), List.of(n.input()),
                attribute("kernel_shape", geometry.kernel()), attribute("strides", geometry.stride()),
                attribute("dilations", geometry.dilation()), attribute("pads", ConvNodes.pads(geometry)),
                attribute("ceil_mode", geometry.ceilMode() ? 1L : 0L));
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
        int dims = geometry.dims();
        String x = n.input();
        boolean padded = spec.countIncludePad() && !geometry.unpadded();
        if (padded) {
            x = PaddingNodes.padOp(g, n, x, geometry, "constant");
        }
        int[] pads = new int[2 * dims];
        for (int d = 0; d < dims; d++) {
            int size = n.inputShape().dim(1 + d) + geometry.padBefore(d) + geometry.padAfter(d);
            int out = geometry.outputSize(d, n.inputShape().dim(1 + d));
            int overflow = Math.max(0, (out - 1) * geometry.stride(d) + geometry.kernel(d) - size);
            pads[d] = padded ? 0 : geometry.padBefore(d);
            pads[dims + d] = (padded ? 0 : geometry.padAfter(d)) + overflow;
        }
        return g.node("AveragePool", n.base(), n.base(), List.of(x),
                attribute("kernel_shape", geometry.kernel()), attribute("strides", geometry.stride()),
                attribute("pads", pads), attribute("ceil_mode", 0L), attribute("count_include_pad", 0L));
    }
}
