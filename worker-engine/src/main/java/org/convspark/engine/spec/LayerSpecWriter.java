package org.convspark.engine.spec;

import java.util.Arrays;
import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.geometry.PaddingMode;
import org.convspark.engine.json.JsonArray;
import org.convspark.engine.json.JsonNumber;
import org.convspark.engine.json.JsonObject;
import org.convspark.engine.json.JsonString;
import org.convspark.engine.json.JsonValue;

/**
 * Writes one layer in the spec format {@link LayerSpecReader} reads, leaving out fields that
 * equal their defaults and writing a per-dimension value as one integer when all dimensions
 * agree, so a written spec reads like a hand-written one.
 */
final class LayerSpecWriter {
    private LayerSpecWriter() {
    }

    static JsonObject write(LayerSpec layer) {
        JsonObject.Builder b = JsonObject.builder().put("type", layer.type());
        if (layer instanceof ConvSpec c) {
            ConvGeometry g = c.geometry();
            b.put("out_channels", c.outChannels()).put("kernel", ints(g.kernel()));
            putUnlessOne(b, "stride", g.stride());
            putPadding(b, g);
            putUnlessOne(b, "dilation", g.dilation());
            if (g.groups() != 1) {
                b.put("groups", g.groups());
            }
            if (g.paddingMode() != PaddingMode.ZEROS) {
                b.put("padding_mode", g.paddingMode().specName());
            }
            putIfFalse(b, "bias", c.bias());
            if (c.trueConvolution()) {
                b.put("true_convolution", true);
            }
        } else if (layer instanceof ConvTransposeSpec t) {
            ConvGeometry g = t.geometry();
            b.put("out_channels", t.outChannels()).put("kernel", ints(g.kernel()));
            putUnlessOne(b, "stride", g.stride());
            putPadding(b, g);
            if (Arrays.stream(t.outputPadding()).anyMatch(p -> p != 0)) {
                b.put("output_padding", ints(t.outputPadding()));
            }
            putUnlessOne(b, "dilation", g.dilation());
            if (g.groups() != 1) {
                b.put("groups", g.groups());
            }
            putIfFalse(b, "bias", t.bias());
        } else if (layer instanceof MaxPoolSpec m) {
            putPoolWindow(b, m.geometry());
            putUnlessOne(b, "dilation", m.geometry().dilation());
        } else if (layer instanceof AvgPoolSpec a) {
            putPoolWindow(b, a.geometry());
            putIfFalse(b, "count_include_pad", a.countIncludePad());
        } else if (layer instanceof ActivationSpec a) {
            if (a.kind() == ActivationSpec.Kind.LEAKYRELU && a.slope() != ActivationSpec.DEFAULT_SLOPE) {
                b.put("slope", a.slope());
            }
        } else if (layer instanceof LinearSpec l) {
            b.put("out_features", l.outFeatures());
            putIfFalse(b, "bias", l.bias());
        } else if (layer instanceof BatchNormSpec n) {
            if (n.eps() != BatchNormSpec.DEFAULT_EPS) {
                b.put("eps", n.eps());
            }
            if (n.momentum() != BatchNormSpec.DEFAULT_MOMENTUM) {
                b.put("momentum", n.momentum());
            }
            putIfFalse(b, "affine", n.affine());
        } else if (layer instanceof DropoutSpec d) {
            if (d.p() != LayerSpecReader.DEFAULT_DROPOUT) {
                b.put("p", d.p());
            }
        }
        return b.build();
    }

    private static void putPoolWindow(JsonObject.Builder b, ConvGeometry g) {
        b.put("kernel", ints(g.kernel()));
        if (!Arrays.equals(g.stride(), g.kernel())) {
            b.put("stride", ints(g.stride()));
        }
        putPadding(b, g);
        if (g.ceilMode()) {
            b.put("ceil_mode", true);
        }
    }

    /**
     * Symmetric padding as integers; asymmetric padding exists only as the resolution of
     * "same" (the odd pixel after), so it is written back as "same".
     */
    private static void putPadding(JsonObject.Builder b, ConvGeometry g) {
        int[] before = g.padBefore();
        if (Arrays.equals(before, g.padAfter())) {
            if (Arrays.stream(before).anyMatch(p -> p != 0)) {
                b.put("padding", ints(before));
            }
            return;
        }
        for (int i = 0; i < g.dims(); i++) {
            int span = g.dilation(i) * (g.kernel(i) - 1);
            if (g.stride(i) != 1 || g.padBefore(i) != span / 2 || g.padAfter(i) != span - span / 2) {
                throw new IllegalArgumentException("padding " + Arrays.toString(before) + " before and "
                        + Arrays.toString(g.padAfter()) + " after has no spec form (only symmetric or \"same\")");
            }
        }
        b.put("padding", JsonString.of("same"));
    }

    private static void putUnlessOne(JsonObject.Builder b, String name, int[] values) {
        if (Arrays.stream(values).anyMatch(v -> v != 1)) {
            b.put(name, ints(values));
        }
    }

    private static void putIfFalse(JsonObject.Builder b, String name, boolean value) {
        if (!value) {
            b.put(name, false);
        }
    }

    private static JsonValue ints(int[] values) {
        boolean same = Arrays.stream(values).allMatch(v -> v == values[0]);
        return same ? JsonNumber.of(values[0]) : JsonArray.ofInts(values);
    }
}
