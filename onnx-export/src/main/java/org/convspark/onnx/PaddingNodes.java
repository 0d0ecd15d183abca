package org.convspark.onnx;

import static org.convspark.onnx.OnnxGraph.attribute;

import java.util.ArrayList;
import java.util.List;
import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.geometry.PaddingMode;

/**
 * A convolution's padding when it is not zeros, as explicit nodes before an unpadded ONNX
 * {@code Conv}: {@code reflect} and {@code replicate} are {@code Pad}'s {@code reflect} and
 * {@code edge} modes (the same index maps); {@code circular} is a {@code Slice} of each end
 * concatenated to the other, one spatial axis after another (exact at opset 17, where {@code Pad}
 * has no {@code wrap}); {@code mean} subtracts each sample's channel mean, pads with zeros and adds
 * the mean back, which is the engine's padding up to float rounding.
 */
final class PaddingNodes {
    private PaddingNodes() {
    }

    /** The padded input tensor of node {@code n} reading {@code x}, for a geometry whose mode is not zeros. */
    static String pad(OnnxGraph g, SpecNode n, String x, ConvGeometry geometry) {
        PaddingMode mode = geometry.paddingMode();
        return switch (mode) {
            case REFLECT -> padOp(g, n, x, geometry, "reflect");
            case REPLICATE -> padOp(g, n, x, geometry, "edge");
            case CIRCULAR -> circular(g, n, x, geometry);
            case MEAN -> mean(g, n, x, geometry);
            case ZEROS -> throw new IllegalArgumentException("zero padding is the Conv's own pads");
        };
    }

    /**
     * {@code Pad}'s pads input for a window's pads attribute ({@code [spatial begins..., spatial
     * ends...]}): the begins of every axis (batch and channel unpadded), then the ends.
     */
    static long[] padWidths(int[] windowPads) {
        int dims = windowPads.length / 2;
        long[] pads = new long[2 * (dims + 2)];
        for (int d = 0; d < dims; d++) {
            pads[2 + d] = windowPads[d];
            pads[dims + 4 + d] = windowPads[dims + d];
        }
        return pads;
    }

    /** {@code Pad} of every spatial axis by the geometry's widths, in ONNX mode {@code onnxMode}. */
    static String padOp(OnnxGraph g, SpecNode n, String x, ConvGeometry geometry, String onnxMode) {
        String pads = g.longs(n.base() + "/pads", padWidths(ConvNodes.pads(geometry)));
        return g.node("Pad", n.base() + "/pad", n.base() + "/padded", List.of(x, pads), attribute("mode", onnxMode));
    }

    private static String circular(OnnxGraph g, SpecNode n, String x, ConvGeometry geometry) {
        String current = x;
        for (int d = 0; d < geometry.dims(); d++) {
            int size = n.inputShape().dim(1 + d);
            int before = geometry.padBefore(d);
            int after = geometry.padAfter(d);
            if (before == 0 && after == 0) {
                continue;
            }
            long axis = 2 + d;
            List<String> parts = new ArrayList<>();
            if (before > 0) {
                parts.add(slice(g, n, current, axis, size - before, size, "tail" + d));
            }
            parts.add(current);
            if (after > 0) {
                parts.add(slice(g, n, current, axis, 0, after, "head" + d));
            }
            current = g.node("Concat", n.base() + "/wrap" + d, n.base() + "/wrapped" + d, parts,
                    attribute("axis", axis));
        }
        return current;
    }

    private static String slice(OnnxGraph g, SpecNode n, String x, long axis, long start, long end, String what) {
        String starts = g.longs(n.base() + "/" + what + "_start", start);
        String ends = g.longs(n.base() + "/" + what + "_end", end);
        String axes = g.longs(n.base() + "/" + what + "_axis", axis);
        return g.node("Slice", n.base() + "/" + what, n.base() + "/" + what, List.of(x, starts, ends, axes));
    }

    private static String mean(OnnxGraph g, SpecNode n, String x, ConvGeometry geometry) {
        int[] spatialAxes = new int[geometry.dims()];
        for (int d = 0; d < spatialAxes.length; d++) {
            spatialAxes[d] = 2 + d;
        }
        String m = g.node("ReduceMean", n.base() + "/mean", n.base() + "/mean", List.of(x),
                attribute("axes", spatialAxes), attribute("keepdims", 1L));
        String centred = g.node("Sub", n.base() + "/centre", n.base() + "/centred", List.of(x, m));
        String padded = padOp(g, n, centred, geometry, "constant");
        return g.node("Add", n.base() + "/uncentre", n.base() + "/mean_padded", List.of(padded, m));
    }
}
