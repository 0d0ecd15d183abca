package org.convspark.engine.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;
import java.util.stream.LongStream;
import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.spec.ConvTransposeSpec;
import org.convspark.engine.spec.LayerSpec;
import org.convspark.engine.spec.MergeSpec;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.tensor.Shape;

/**
 * How far each layer's units see, per spatial dimension, in input pixels. Starting from the
 * input (r = 1, j = 1, start = 0: the centre of the first pixel), each windowed layer (conv,
 * max/avg pool) with kernel k, dilation d, stride s and padding p (the padding before, which
 * is what shifts the first window) updates
 * <pre>
 *   r_out     = r_in + (k - 1) * d * j_in
 *   j_out     = j_in * s
 *   start_out = start_in + ((k - 1) * d / 2 - p) * j_in
 * </pre>
 * (Dumoulin and Visin, "A guide to convolution arithmetic", 2016; Araujo et al., "Computing
 * receptive fields of convolutional neural networks", Distill 2019). r is the field size, j
 * the distance in input pixels between neighbouring units, start the input coordinate of
 * the centre of the first unit's field (negative when it lies in the padding; fractional
 * for even kernels). Activations, dropout and batch norm pass the field through. Flatten, linear
 * and global average pooling mix every position, so their units, and those of every node they
 * feed, see the whole input and the field is undefined (null).
 *
 * <p>A transposed convolution of stride 1 is a convolution with the kernel flipped and padding
 * {@code (k - 1) d - p}, so it updates the field as that convolution does. With a larger stride
 * it upsamples: neighbouring units read different numbers of input units, so no single r, j and
 * start describe a layer's units; from there on the report says so instead of printing numbers
 * (the Distill reference library, computing only conv and pooling, has no such layer).
 */
public final class ReceptiveFieldReport {
    /** What a node's units see. */
    public enum Extent {
        /** A field: r, j and start describe every unit. */
        DEFINED,
        /** Every unit sees the whole input. */
        WHOLE_INPUT,
        /** Units differ (after a transposed convolution of stride > 1). */
        VARIES,
        /** Paths into the node (or into one it reads) have different jumps or centres. */
        NOT_ALIGNED;

        /** What the table prints for a node without a field. */
        public String text() {
            return switch (this) {
                case WHOLE_INPUT -> "whole input";
                case VARIES -> "varies";
                case NOT_ALIGNED -> "not aligned";
                case DEFINED -> "";
            };
        }
    }

    /** One node; the three arrays have one value per spatial dimension, or are null without a field. */
    public record Row(int index, String type, String name, Shape output, long[] receptiveField, long[] jump,
                      double[] start, Extent extent) {
        public boolean defined() {
            return extent == Extent.DEFINED;
        }

        /** Undefined because every unit sees the whole input (not because units differ or paths disagree). */
        public boolean wholeInput() {
            return extent == Extent.WHOLE_INPUT;
        }

        @Override
        public long[] receptiveField() {
            return receptiveField == null ? null : receptiveField.clone();
        }

        @Override
        public long[] jump() {
            return jump == null ? null : jump.clone();
        }

        @Override
        public double[] start() {
            return start == null ? null : start.clone();
        }
    }

    private final ModelSpec spec;
    private final List<Row> rows;

    private ReceptiveFieldReport(ModelSpec spec, List<Row> rows) {
        this.spec = spec;
        this.rows = Collections.unmodifiableList(rows);
    }

    /**
     * Node by node in spec order: a node reads its inputs' fields. A merge's field is the largest
     * of its inputs' (Araujo et al.: the receptive field of a node is the largest over all paths
     * into it) when they share jump and centre; when they do not, the graph is not aligned there
     * and the report says so for that node and the nodes it feeds up to one that mixes every position
     * (flatten, linear, global pooling: whole input), as the Distill reference
     * library does, instead of printing one wrong number.
     */
    public static ReceptiveFieldReport of(ModelSpec spec) {
        int dims = spec.input().rank() - 1;
        Row start = new Row(ModelSpec.MODEL_INPUT, "input", null, spec.input(),
                LongStream.generate(() -> 1).limit(dims).toArray(), LongStream.generate(() -> 1).limit(dims).toArray(),
                new double[dims], Extent.DEFINED);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < spec.layers().size(); i++) {
            List<Row> in = new ArrayList<>();
            for (int k : spec.inputs(i)) {
                in.add(k == ModelSpec.MODEL_INPUT ? start : rows.get(k));
            }
            rows.add(row(spec, i, in));
        }
        return new ReceptiveFieldReport(spec, rows);
    }

    private static Row row(ModelSpec spec, int i, List<Row> in) {
        LayerSpec layer = spec.layers().get(i);
        if (!(layer instanceof MergeSpec) && !(layer instanceof ConvTransposeSpec) && Windows.of(layer) == null
                && !Windows.keepsPositions(layer)) {
            // Flatten, linear, global pooling: every unit mixes every position, whatever came before.
            return undefined(spec, i, Extent.WHOLE_INPUT);
        }
        Extent extent = Extent.DEFINED;
        // A path that sees the whole input makes the node see it; else the first problem upstream.
        for (Extent worst : new Extent[] {Extent.WHOLE_INPUT, Extent.NOT_ALIGNED, Extent.VARIES}) {
            if (extent == Extent.DEFINED && in.stream().anyMatch(r -> r.extent() == worst)) {
                extent = worst;
            }
        }
        if (extent != Extent.DEFINED) {
            return undefined(spec, i, extent);
        }
        Row first = in.get(0);
        long[] r = first.receptiveField();
        long[] j = first.jump();
        double[] start = first.start();
        if (layer instanceof MergeSpec) {
            for (Row other : in) {
                if (!Arrays.equals(other.jump, j) || !Arrays.equals(other.start, start)) {
                    return undefined(spec, i, Extent.NOT_ALIGNED);
                }
                for (int a = 0; a < r.length; a++) {
                    r[a] = Math.max(r[a], other.receptiveField[a]);
                }
            }
            return field(spec, i, r, j, start);
        }
        ConvGeometry g = Windows.of(layer);
        if (layer instanceof ConvTransposeSpec t) {
            g = t.geometry();
            for (int a = 0; a < r.length; a++) {
                if (g.stride(a) != 1) {
                    return undefined(spec, i, Extent.VARIES);
                }
            }
            for (int a = 0; a < r.length; a++) {
                long span = (long) (g.kernel(a) - 1) * g.dilation(a);
                r[a] += span * j[a];
                start[a] += (g.padBefore(a) - span / 2.0) * j[a];
            }
        } else if (g != null) {
            for (int a = 0; a < r.length; a++) {
                long span = (long) (g.kernel(a) - 1) * g.dilation(a);
                r[a] += span * j[a];
                start[a] += (span / 2.0 - g.padBefore(a)) * j[a];
                j[a] *= g.stride(a);
            }
        } else if (!Windows.keepsPositions(layer)) {
            return undefined(spec, i, Extent.WHOLE_INPUT);
        }
        return field(spec, i, r, j, start);
    }

    private static Row field(ModelSpec spec, int i, long[] r, long[] j, double[] start) {
        return new Row(i, spec.layers().get(i).type(), spec.nodeName(i), spec.outputShape(i), r, j, start, Extent.DEFINED);
    }

    private static Row undefined(ModelSpec spec, int i, Extent extent) {
        return new Row(i, spec.layers().get(i).type(), spec.nodeName(i), spec.outputShape(i), null, null, null, extent);
    }

    public ModelSpec spec() {
        return spec;
    }

    public List<Row> rows() {
        return rows;
    }

    /**
     * Each block of dotted node names ({@code stage2}, {@code stage2.block1}, nesting, in order of
     * their first node) with the row of its last node: what the block's output sees.
     */
    public java.util.Map<String, Row> blockOutputs() {
        java.util.Map<String, Row> out = new java.util.LinkedHashMap<>();
        for (Row r : rows) {
            for (String block : BlockNames.enclosing(r.name())) {
                out.put(block, r);
            }
        }
        return out;
    }

    /** The aligned table a run logs, with a title line and a line saying where fields end. */
    public String toTable() {
        boolean names = spec.hasNames();
        List<String> header = new ArrayList<>(List.of("layer", "type", "output", "receptive field r", "jump j",
                "start"));
        if (names) {
            header.add(1, "name");
        }
        boolean[] right = new boolean[header.size()];
        right[0] = true;
        TextTable t = new TextTable(header.toArray(new String[0]), right);
        Row firstUndefined = null;
        Row firstUnaligned = null;
        for (Row row : rows) {
            List<String> cells = new ArrayList<>();
            cells.add(Integer.toString(row.index()));
            if (names) {
                cells.add(row.name() == null ? "" : row.name());
            }
            cells.add(row.type());
            cells.add(row.output().toString());
            if (row.defined()) {
                cells.add(joined(row.receptiveField));
                cells.add(joined(row.jump));
                cells.add("(" + DoubleStream.of(row.start).mapToObj(ReceptiveFieldReport::coordinate)
                        .collect(Collectors.joining(", ")) + ")");
            } else {
                if (row.extent() == Extent.NOT_ALIGNED) {
                    firstUnaligned = firstUnaligned == null ? row : firstUnaligned;
                } else {
                    firstUndefined = firstUndefined == null ? row : firstUndefined;
                }
                cells.addAll(List.of(row.extent().text(), "-", "-"));
            }
            t.add(cells.toArray(new String[0]));
        }
        String text = "Receptive fields of " + spec.name() + " (input " + spec.input() + "; r = field size and "
                + "j = jump in input pixels, start = centre of the first unit's field)\n" + t.render();
        java.util.Map<String, Row> blocks = blockOutputs();
        if (!blocks.isEmpty()) {
            TextTable b = new TextTable(new String[] {"block", "output node", "receptive field r", "jump j"},
                    new boolean[] {false, false, false, false});
            blocks.forEach((block, row) -> b.add(block, row.name(), row.defined() ? joined(row.receptiveField)
                    : row.extent().text(), row.defined() ? joined(row.jump) : "-"));
            text += "Receptive fields of " + spec.name() + "'s blocks (at each block's last node)\n" + b.render();
        }
        if (firstUnaligned != null) {
            text += "The graph is not aligned at layer " + firstUnaligned.index() + " ("
                    + spec.label(firstUnaligned.index()) + "): the paths into it reach it with "
                    + "different jumps or centres, so no single field describes its units (nor those of the nodes it "
                    + "feeds, up to a layer that mixes every position).\n";
        }
        // In a chain "from layer X on" is exact; in a graph only the nodes X feeds follow it.
        String from = firstUndefined == null ? "" : spec.isChain()
                ? "From layer " + firstUndefined.index() + " (" + firstUndefined.type()
                : "In layer " + firstUndefined.index() + " (" + firstUndefined.type();
        String on = spec.isChain() ? " on" : " and the nodes it feeds";
        if (firstUndefined != null && firstUndefined.extent() == Extent.VARIES) {
            text += from + ", stride > 1)" + on + ", units read different numbers of input units: no single field "
                    + "describes them.\n";
        } else if (firstUndefined != null) {
            text += from + ")" + on + ", every unit sees the whole input.\n";
        }
        return text;
    }

    private static String joined(long[] values) {
        return LongStream.of(values).mapToObj(Long::toString).collect(Collectors.joining("x"));
    }

    /** Starts are multiples of 0.5: "-2" or "1.5". */
    public static String coordinate(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
