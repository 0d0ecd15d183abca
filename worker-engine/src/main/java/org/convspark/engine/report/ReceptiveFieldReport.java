package org.convspark.engine.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;
import java.util.stream.LongStream;
import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.spec.ConvTransposeSpec;
import org.convspark.engine.spec.LayerSpec;
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
 * for even kernels). Activations and dropout pass the field through. Flatten, linear and
 * global average pooling mix every position, so from the first of them on each unit sees
 * the whole input and the field is undefined (null).
 *
 * <p>A transposed convolution of stride 1 is a convolution with the kernel flipped and padding
 * {@code (k - 1) d - p}, so it updates the field as that convolution does. With a larger stride
 * it upsamples: neighbouring units read different numbers of input units, so no single r, j and
 * start describe a layer's units; from there on the report says so instead of printing numbers
 * (the Distill reference library, computing only conv and pooling, has no such layer).
 */
public final class ReceptiveFieldReport {
    /** One layer; the three arrays have one value per spatial dimension, or are null when undefined. */
    public record Row(int index, String type, Shape output, long[] receptiveField, long[] jump, double[] start,
                      boolean uniform) {
        public boolean defined() {
            return receptiveField != null;
        }

        /** Undefined because every unit sees the whole input (not because units differ). */
        public boolean wholeInput() {
            return receptiveField == null && uniform;
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

    public static ReceptiveFieldReport of(ModelSpec spec) {
        int dims = spec.input().rank() - 1;
        long[] r = LongStream.generate(() -> 1).limit(dims).toArray();
        long[] j = LongStream.generate(() -> 1).limit(dims).toArray();
        double[] start = new double[dims];
        boolean defined = true;
        boolean uniform = true;
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec layer = spec.layers().get(i);
            ConvGeometry g = Windows.of(layer);
            if (defined && layer instanceof ConvTransposeSpec t) {
                g = t.geometry();
                for (int a = 0; a < dims && uniform; a++) {
                    uniform = g.stride(a) == 1;
                }
                defined = uniform;
                for (int a = 0; a < dims && defined; a++) {
                    long span = (long) (g.kernel(a) - 1) * g.dilation(a);
                    r[a] += span * j[a];
                    start[a] += (g.padBefore(a) - span / 2.0) * j[a];
                }
            } else if (defined && g != null) {
                for (int a = 0; a < dims; a++) {
                    long span = (long) (g.kernel(a) - 1) * g.dilation(a);
                    r[a] += span * j[a];
                    start[a] += (span / 2.0 - g.padBefore(a)) * j[a];
                    j[a] *= g.stride(a);
                }
            } else if (!Windows.keepsPositions(layer)) {
                defined = false;
            }
            rows.add(defined ? new Row(i, layer.type(), spec.outputShape(i), r.clone(), j.clone(), start.clone(), true)
                    : new Row(i, layer.type(), spec.outputShape(i), null, null, null, uniform));
        }
        return new ReceptiveFieldReport(spec, rows);
    }

    public ModelSpec spec() {
        return spec;
    }

    public List<Row> rows() {
        return rows;
    }

    /** The aligned table a run logs, with a title line and a line saying where fields end. */
    public String toTable() {
        TextTable t = new TextTable(new String[] {"layer", "type", "output", "receptive field r", "jump j", "start"},
                new boolean[] {true, false, false, false, false, false});
        Row firstUndefined = null;
        for (Row row : rows) {
            if (row.defined()) {
                t.add(Integer.toString(row.index()), row.type(), row.output().toString(),
                        joined(row.receptiveField), joined(row.jump), "(" + DoubleStream.of(row.start)
                                .mapToObj(ReceptiveFieldReport::coordinate).collect(Collectors.joining(", ")) + ")");
            } else {
                firstUndefined = firstUndefined == null ? row : firstUndefined;
                t.add(Integer.toString(row.index()), row.type(), row.output().toString(),
                        row.wholeInput() ? "whole input" : "varies", "-", "-");
            }
        }
        String text = "Receptive fields of " + spec.name() + " (input " + spec.input() + "; r = field size and "
                + "j = jump in input pixels, start = centre of the first unit's field)\n" + t.render();
        if (firstUndefined != null && !firstUndefined.uniform()) {
            text += "From layer " + firstUndefined.index() + " (" + firstUndefined.type() + ", stride > 1) on, units "
                    + "read different numbers of input units: no single field describes them.\n";
        } else if (firstUndefined != null) {
            text += "From layer " + firstUndefined.index() + " (" + firstUndefined.type()
                    + ") on, every unit sees the whole input.\n";
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
