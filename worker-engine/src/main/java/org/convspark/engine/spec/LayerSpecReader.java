package org.convspark.engine.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.geometry.PaddingMode;
import org.convspark.engine.json.JsonObject;
import org.convspark.engine.json.JsonValue;

/**
 * Reads one layer object of a model spec: the table of layer types, the fields each takes
 * with their defaults (PyTorch's), and the records they become. Value rules (kernel >= 1,
 * groups dividing the channels, ...) stay in the records and {@link ConvGeometry}; this class
 * checks only names and JSON types, and wraps the records' errors with the layer's position.
 */
final class LayerSpecReader {
    /** PyTorch's default dropout probability. */
    static final double DEFAULT_DROPOUT = 0.5;

    private static final int[] ONE = {1};
    private static final int[] ZERO = {0};

    private record LayerType(List<String> fields, Function<SpecFields, LayerSpec> read) {
    }

    private static final Map<String, LayerType> TYPES = new LinkedHashMap<>();

    static {
        TYPES.put("conv", new LayerType(List.of("type", "out_channels", "kernel", "stride", "padding", "dilation",
                "groups", "padding_mode", "bias", "true_convolution"), LayerSpecReader::conv));
        TYPES.put("convtranspose", new LayerType(List.of("type", "out_channels", "kernel", "stride", "padding",
                "output_padding", "dilation", "groups", "bias"), LayerSpecReader::convTranspose));
        TYPES.put("maxpool", new LayerType(List.of("type", "kernel", "stride", "padding", "dilation", "ceil_mode"),
                LayerSpecReader::maxPool));
        TYPES.put("avgpool", new LayerType(List.of("type", "kernel", "stride", "padding", "ceil_mode",
                "count_include_pad"), LayerSpecReader::avgPool));
        TYPES.put("globalavgpool", new LayerType(List.of("type"), f -> new GlobalAvgPoolSpec()));
        for (ActivationSpec.Kind kind : ActivationSpec.Kind.values()) {
            List<String> fields = kind == ActivationSpec.Kind.LEAKYRELU ? List.of("type", "slope") : List.of("type");
            TYPES.put(kind.specName(), new LayerType(fields,
                    f -> new ActivationSpec(kind, f.number("slope", ActivationSpec.of(kind).slope()))));
        }
        TYPES.put("batchnorm", new LayerType(List.of("type", "eps", "momentum", "affine"),
                f -> new BatchNormSpec(f.number("eps", BatchNormSpec.DEFAULT_EPS),
                        f.number("momentum", BatchNormSpec.DEFAULT_MOMENTUM), f.bool("affine", true))));
        TYPES.put("flatten", new LayerType(List.of("type"), f -> new FlattenSpec()));
        TYPES.put("linear", new LayerType(List.of("type", "out_features", "bias"),
                f -> new LinearSpec(f.integer("out_features"), f.bool("bias", true))));
        TYPES.put("add", new LayerType(List.of("type"), f -> new AddSpec()));
        TYPES.put("concat", new LayerType(List.of("type"), f -> new ConcatSpec()));
        TYPES.put("dropout", new LayerType(List.of("type", "p"), f -> new DropoutSpec(f.number("p", DEFAULT_DROPOUT))));
    }

    private LayerSpecReader() {
    }

    /** The layer type names, in documentation order. */
    static List<String> typeNames() {
        return Collections.unmodifiableList(new ArrayList<>(TYPES.keySet()));
    }

    /**
     * @param spatialDims the spatial rank of the model input: the length of per-dimension arrays
     * @param source names the spec in errors for values without a location
     */
    static LayerSpec read(JsonValue value, int index, int spatialDims, String source) {
        return read(value, index, spatialDims, source, null);
    }

    /** As above for a node named {@code nodeName} (null: unnamed), which errors name too. */
    static LayerSpec read(JsonValue value, int index, int spatialDims, String source, String nodeName) {
        if (!(value instanceof JsonObject object)) {
            throw new SpecFields(JsonObject.builder().build(), source, index, null, spatialDims)
                    .error(null, value, "expected a layer object {\"type\": ...} but found " + value.kind());
        }
        SpecFields untyped = new SpecFields(object, source, index, null, spatialDims);
        String type = untyped.string("type", null);
        LayerType layerType = TYPES.get(type);
        if (layerType == null) {
            throw untyped.error(null, object.get("type"), "unknown layer type \"" + type + "\""
                    + ClosestName.hint(type, TYPES.keySet()) + "; known types: " + String.join(", ", TYPES.keySet()));
        }
        SpecFields fields = new SpecFields(object, source, index, ModelSpec.label(type, nodeName), spatialDims);
        fields.checkKnown(layerType.fields(), GraphReader.NODE_FIELDS, type);
        try {
            return layerType.read().apply(fields);
        } catch (ModelSpecException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw fields.wrap(e);
        }
    }

    private static LayerSpec conv(SpecFields f) {
        int outChannels = f.integer("out_channels");
        ConvGeometry geometry = convWindow(f, true)
                .paddingMode(f.named("padding_mode", PaddingMode.ZEROS.specName(), PaddingMode::fromSpecName))
                .build();
        return new ConvSpec(outChannels, geometry, f.bool("bias", true), f.bool("true_convolution", false));
    }

    /** A transposed conv's padding is integers only ("same" and the other rules are a conv's). */
    private static LayerSpec convTranspose(SpecFields f) {
        int outChannels = f.integer("out_channels");
        return new ConvTransposeSpec(outChannels, convWindow(f, false).build(), f.ints("output_padding", ZERO),
                f.bool("bias", true));
    }

    /** The window fields conv and transposed conv share; {@code namedPadding}: "same" and the other rules. */
    private static ConvGeometry.Builder convWindow(SpecFields f, boolean namedPadding) {
        return ConvGeometry.builder(f.ints("kernel", null))
                .stride(f.ints("stride", ONE))
                .padding(f.padding(namedPadding))
                .dilation(f.ints("dilation", ONE))
                .groups(f.integer("groups", 1));
    }

    /** Pool stride defaults to the kernel (PyTorch). */
    private static ConvGeometry.Builder poolWindow(SpecFields f) {
        int[] kernel = f.ints("kernel", null);
        return ConvGeometry.builder(kernel)
                .stride(f.ints("stride", kernel))
                .padding(f.padding(false))
                .ceilMode(f.bool("ceil_mode", false));
    }

    private static LayerSpec maxPool(SpecFields f) {
        return new MaxPoolSpec(poolWindow(f).dilation(f.ints("dilation", ONE)).build());
    }

    private static LayerSpec avgPool(SpecFields f) {
        return new AvgPoolSpec(poolWindow(f).build(), f.bool("count_include_pad", true));
    }
}
