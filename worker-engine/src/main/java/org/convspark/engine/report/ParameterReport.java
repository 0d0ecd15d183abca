package org.convspark.engine.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.spec.ActivationSpec;
import org.convspark.engine.spec.AddSpec;
import org.convspark.engine.spec.BatchNormSpec;
import org.convspark.engine.spec.ConvSpec;
import org.convspark.engine.spec.ConvTransposeSpec;
import org.convspark.engine.spec.GlobalAvgPoolSpec;
import org.convspark.engine.spec.LayerSpec;
import org.convspark.engine.spec.LinearSpec;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.tensor.Shape;

/**
 * Per layer: output shape, parameters, and for conv layers what the same mapping would cost
 * without weight sharing; FLOPs and activation floats per sample; totals. All counts are
 * {@code long} (the fully-connected equivalent of one VGG conv exceeds 2^31).
 *
 * <p>Conventions:
 * <ul>
 *   <li>{@code fullyConnectedParams} (conv only): a dense layer from the input volume to the
 *       output volume, {@code in.size * out.size}, plus one bias per output element when the
 *       conv has a bias.</li>
 *   <li>{@code locallyConnectedParams} (conv only): the same windows as the conv but each
 *       output position with its own weights, {@code positions * C_out * (C_in/groups) *
 *       kernel volume}, plus one bias per output element when the conv has a bias.</li>
 *   <li>{@code flops}: forward pass, per sample. Conv and linear count 2 x multiply-adds
 *       (conv {@code 2 * C_out * positions * (C_in/groups) * kernel volume}, linear {@code 2 *
 *       in * out}; bias additions are not counted, as is usual). Max and average pooling
 *       count kernel volume operations per output element, global average pooling one per
 *       input element, activations one per element; flatten and dropout (the identity at
 *       inference) count 0. A transposed conv counts its adjoint conv's multiply-adds ({@code 2 *
 *       in * (C_out/groups) * kernel volume}), batch norm 2 per element (scale and shift), add
 *       one per element per input after the first, concat 0.</li>
 *   <li>{@code params} are the trainable ones (PyTorch's count); batch norm's running statistics
 *       are counted apart ({@link #totalState}).</li>
 *   <li>{@code activations}: floats in the layer's output per sample; the total is the sum
 *       over layers (an upper bound on what a forward pass keeps for backward).</li>
 * </ul>
 */
public final class ParameterReport {
    /**
     * One layer. {@code fullyConnectedParams} and {@code locallyConnectedParams} are null for
     * layers other than conv.
     */
    public record Row(int index, String type, String name, Shape output, long params, Long fullyConnectedParams,
            Long locallyConnectedParams, long flops, long activations) {
    }

    /**
     * A block: the nodes whose dotted names start with {@code name + "."} ({@code stage1.block2}
     * holds {@code stage1.block2.conv1}); blocks nest.
     */
    public record Block(String name, int nodes, long params, long flops) {
    }

    private final ModelSpec spec;
    private final List<Row> rows;

    private ParameterReport(ModelSpec spec, List<Row> rows) {
        this.spec = spec;
        this.rows = Collections.unmodifiableList(rows);
    }

    public static ParameterReport of(ModelSpec spec) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec layer = spec.layers().get(i);
            Shape in = spec.inputShape(i);
            Shape out = spec.outputShape(i);
            Long fullyConnected = null;
            Long locallyConnected = null;
            if (layer instanceof ConvSpec conv) {
                long outElements = out.size();
                long biases = conv.bias() ? outElements : 0;
                fullyConnected = (long) in.size() * outElements + biases;
                locallyConnected = outElements * weightsPerOutput(conv, in) + biases;
            }
            rows.add(new Row(i, layer.type(), spec.nodeName(i), out, layer.parameterCount(in) - layer.stateCount(in),
                    fullyConnected, locallyConnected, flops(layer, spec.inputShapes(i), out), out.size()));
        }
        return new ParameterReport(spec, rows);
    }

    /** Weights one output element of a conv reads: {@code (C_in/groups) * kernel volume}. */
    private static long weightsPerOutput(ConvSpec conv, Shape in) {
        return (long) (in.dim(0) / conv.geometry().groups()) * conv.geometry().kernelVolume();
    }

    private static long flops(LayerSpec layer, List<Shape> inputs, Shape out) {
        if (layer instanceof AddSpec) {
            return (long) (inputs.size() - 1) * out.size();
        }
        return flops(layer, inputs.get(0), out);
    }

    private static long flops(LayerSpec layer, Shape in, Shape out) {
        if (layer instanceof ConvSpec conv) {
            return 2L * out.size() * weightsPerOutput(conv, in);
        }
        if (layer instanceof ConvTransposeSpec t) {
            // Every input element meets C_out/groups x kernel weights: the adjoint conv's multiply-adds.
            return 2L * in.size() * (t.outChannels() / t.geometry().groups()) * t.geometry().kernelVolume();
        }
        if (layer instanceof LinearSpec) {
            return 2L * in.size() * out.size();
        }
        ConvGeometry window = Windows.of(layer);
        if (window != null) {
            return (long) out.size() * window.kernelVolume();
        }
        if (layer instanceof GlobalAvgPoolSpec) {
            return in.size();
        }
        if (layer instanceof ActivationSpec) {
            return out.size();
        }
        if (layer instanceof BatchNormSpec) {
            return 2L * out.size();
        }
        return 0;
    }

    public ModelSpec spec() {
        return spec;
    }

    public List<Row> rows() {
        return rows;
    }

    /** The blocks of the nodes' dotted names, in order of their first node; empty without such names. */
    public List<Block> blocks() {
        java.util.Map<String, long[]> sums = new java.util.LinkedHashMap<>();
        for (Row r : rows) {
            for (String block : BlockNames.enclosing(r.name())) {
                long[] sum = sums.computeIfAbsent(block, k -> new long[3]);
                sum[0]++;
                sum[1] += r.params();
                sum[2] += r.flops();
            }
        }
        List<Block> out = new ArrayList<>();
        sums.forEach((name, sum) -> out.add(new Block(name, (int) sum[0], sum[1], sum[2])));
        return out;
    }

    /** Trainable parameters, what PyTorch's {@code parameters()} counts. */
    public long totalParams() {
        return rows.stream().mapToLong(Row::params).sum();
    }

    /** Running statistics (batch norm's buffers): saved with the parameters, never trained. */
    public long totalState() {
        return spec.stateCount();
    }

    public long totalFlops() {
        return rows.stream().mapToLong(Row::flops).sum();
    }

    public long totalActivations() {
        return rows.stream().mapToLong(Row::activations).sum();
    }

    /** The aligned table a run logs, with a title line and a totals line. */
    public String toTable() {
        boolean names = spec.hasNames();
        List<String> header = new ArrayList<>(List.of("layer", "type", "output", "params", "fully-connected",
                "locally-connected", "flops", "activations"));
        List<Boolean> right = new ArrayList<>(List.of(true, false, false, true, true, true, true, true));
        if (names) {
            header.add(1, "name");
            right.add(1, false);
        }
        boolean[] rightAligned = new boolean[right.size()];
        for (int i = 0; i < rightAligned.length; i++) {
            rightAligned[i] = right.get(i);
        }
        TextTable t = new TextTable(header.toArray(new String[0]), rightAligned);
        for (Row r : rows) {
            List<String> cells = new ArrayList<>(List.of(Integer.toString(r.index()), r.type(), r.output().toString(),
                    TextTable.grouped(r.params()), orDash(r.fullyConnectedParams()), orDash(r.locallyConnectedParams()),
                    TextTable.grouped(r.flops()), TextTable.grouped(r.activations())));
            if (names) {
                cells.add(1, r.name() == null ? "" : r.name());
            }
            t.add(cells.toArray(new String[0]));
        }
        List<String> total = new ArrayList<>(List.of("", "total", "", TextTable.grouped(totalParams()), "", "",
                TextTable.grouped(totalFlops()), TextTable.grouped(totalActivations())));
        if (names) {
            total.add(1, "");
        }
        t.add(total.toArray(new String[0]));
        String state = totalState() == 0 ? "" : "Also " + TextTable.grouped(totalState()) + " running statistics "
                + "(batch norm's mean and variance per channel), saved with the parameters, not trained.\n";
        return "Parameters of " + spec.name() + " (input " + spec.input() + "; params = trainable; flops = forward "
                + "pass per sample, 2 x multiply-adds; fully-/locally-connected = the same conv without weight "
                + "sharing)\n" + t.render() + state + blockTable();
    }

    /** Per block of dotted node names (empty without blocks). */
    private String blockTable() {
        List<Block> blocks = blocks();
        if (blocks.isEmpty()) {
            return "";
        }
        TextTable t = new TextTable(new String[] {"block", "nodes", "params", "flops"},
                new boolean[] {false, true, true, true});
        for (Block b : blocks) {
            t.add(b.name(), Integer.toString(b.nodes()), TextTable.grouped(b.params()), TextTable.grouped(b.flops()));
        }
        return "Blocks of " + spec.name() + " (nodes named block.node)\n" + t.render();
    }

    private static String orDash(Long v) {
        return v == null ? "-" : TextTable.grouped(v);
    }
}
