package org.convspark.onnx;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.spec.ModelSpecJson;

/**
 * Random valid model specs over every layer kind, padding mode and 1/2/3-D input, for the export
 * tests: each candidate layer is drawn with random fields and kept only when the spec with it
 * still validates (shapes fit), so the generator needs no copy of the shape rules.
 */
final class RandomSpecs {
    private static final String[] MODES = {"zeros", "reflect", "replicate", "circular", "mean"};
    private static final String[] ACTIVATIONS = {"relu", "tanh", "sigmoid", "leakyrelu"};

    private final Random rng;
    private final int dims;
    private final List<String> layers = new ArrayList<>();
    private final String input;
    private final String name;

    private RandomSpecs(int index, int dims) {
        this.rng = new Random(1000L + index);
        this.name = "random" + index;
        this.dims = dims;
        int[] spatial = {20, 11, 7};
        StringBuilder in = new StringBuilder("[" + (1 + rng.nextInt(3)));
        for (int d = 0; d < dims; d++) {
            in.append(", ").append(spatial[dims - 1] + rng.nextInt(4));
        }
        this.input = in.append("]").toString();
    }

    /** Spec number {@code index} of a reproducible sequence; its rank cycles through 1, 2 and 3. */
    static ModelSpec spec(int index) {
        RandomSpecs g = new RandomSpecs(index, 1 + index % 3);
        int body = 3 + g.rng.nextInt(4);
        for (int i = 0; i < body; i++) {
            g.addBodyLayer();
        }
        g.addHead();
        return g.build(g.layers);
    }

    private void addBodyLayer() {
        for (int attempt = 0; attempt < 50; attempt++) {
            List<String> candidate = switch (rng.nextInt(9)) {
                case 0, 1 -> List.of(conv(pick(2, 4, 6), "n" + layers.size() + "c", null));
                case 2 -> List.of(convTranspose());
                case 3 -> List.of(maxPool());
                case 4 -> List.of(avgPool());
                case 5 -> List.of(batchNorm(), activation());
                case 6 -> List.of(activation(), dropout());
                case 7 -> residual();
                default -> concat();
            };
            if (fits(candidate)) {
                layers.addAll(candidate);
                return;
            }
        }
    }

    private void addHead() {
        int classes = 3 + rng.nextInt(3);
        List<String> head = new ArrayList<>();
        head.add(rng.nextBoolean() ? "{\"type\": \"globalavgpool\"}" : "{\"type\": \"flatten\"}");
        if (rng.nextBoolean()) {
            head.add("{\"type\": \"linear\", \"out_features\": " + pick(6, 8) + ", \"bias\": " + rng.nextBoolean() + "}");
            head.add(batchNorm());
            head.add(activation());
            head.add(dropout());
        }
        head.add("{\"type\": \"linear\", \"out_features\": " + classes + "}");
        layers.addAll(head);
    }

    private String conv(int out, String name, String inputs) {
        int kernel = 1 + rng.nextInt(3);
        int stride = rng.nextInt(4) == 0 ? 2 : 1;
        int dilation = rng.nextInt(4) == 0 ? 2 : 1;
        String padding = stride == 1 && rng.nextInt(3) == 0 ? "\"same\"" : Integer.toString(rng.nextInt(3));
        int groups = rng.nextBoolean() ? 2 : 1;
        return "{\"name\": \"" + name + "\", \"type\": \"conv\", \"out_channels\": " + out + ", \"kernel\": " + kernel
                + ", \"stride\": " + stride + ", \"dilation\": " + dilation + ", \"padding\": " + padding
                + ", \"padding_mode\": \"" + MODES[rng.nextInt(MODES.length)] + "\", \"groups\": " + groups
                + ", \"bias\": " + rng.nextBoolean() + ", \"true_convolution\": " + rng.nextBoolean()
                + (inputs == null ? "" : ", \"inputs\": " + inputs) + "}";
    }

    private String convTranspose() {
        int stride = 1 + rng.nextInt(2);
        int dilation = 1 + rng.nextInt(2);
        return "{\"type\": \"convtranspose\", \"out_channels\": " + pick(2, 4) + ", \"kernel\": " + (2 + rng.nextInt(2))
                + ", \"stride\": " + stride + ", \"dilation\": " + dilation + ", \"padding\": " + rng.nextInt(2)
                + ", \"output_padding\": " + rng.nextInt(Math.max(stride, dilation)) + ", \"groups\": "
                + (1 + rng.nextInt(2)) + ", \"bias\": " + rng.nextBoolean() + "}";
    }

    private String maxPool() {
        return "{\"type\": \"maxpool\", \"kernel\": " + (2 + rng.nextInt(2)) + ", \"stride\": " + (1 + rng.nextInt(2))
                + ", \"padding\": " + rng.nextInt(2) + ", \"dilation\": " + (1 + rng.nextInt(2)) + ", \"ceil_mode\": "
                + rng.nextBoolean() + "}";
    }

    private String avgPool() {
        return "{\"type\": \"avgpool\", \"kernel\": " + (2 + rng.nextInt(2)) + ", \"stride\": " + (1 + rng.nextInt(2))
                + ", \"padding\": " + rng.nextInt(2) + ", \"ceil_mode\": " + rng.nextBoolean()
                + ", \"count_include_pad\": " + rng.nextBoolean() + "}";
    }

    private String batchNorm() {
        return "{\"type\": \"batchnorm\", \"affine\": " + rng.nextBoolean() + ", \"eps\": " + pick(1, 1000) / 1e5 + "}";
    }

    private String activation() {
        String kind = ACTIVATIONS[rng.nextInt(ACTIVATIONS.length)];
        return "{\"type\": \"" + kind + "\"" + (kind.equals("leakyrelu") ? ", \"slope\": 0.2" : "") + "}";
    }

    private String dropout() {
        return "{\"type\": \"dropout\", \"p\": 0.3}";
    }

    /** A "same" convolution beside the identity, summed: a residual block. */
    private List<String> residual() {
        String from = lastName();
        int channels = outputChannels();
        String branch = "{\"name\": \"r" + layers.size() + "\", \"type\": \"conv\", \"out_channels\": " + channels
                + ", \"kernel\": 3, \"padding\": \"same\", \"padding_mode\": \"" + MODES[rng.nextInt(MODES.length)]
                + "\"}";
        return List.of(branch, "{\"type\": \"add\", \"inputs\": [\"" + from + "\", \"r" + layers.size() + "\"]}");
    }

    /** Two convolutions of the same node, stacked along the channels. */
    private List<String> concat() {
        String from = "\"" + lastName() + "\"";
        String a = "k" + layers.size() + "a";
        String b = "k" + layers.size() + "b";
        return List.of(
                "{\"name\": \"" + a + "\", \"type\": \"conv\", \"out_channels\": 2, \"kernel\": 1, \"inputs\": " + from
                        + "}",
                "{\"name\": \"" + b + "\", \"type\": \"conv\", \"out_channels\": 3, \"kernel\": 3, \"padding\": 1, "
                        + "\"padding_mode\": \"" + MODES[rng.nextInt(MODES.length)] + "\", \"inputs\": " + from + "}",
                "{\"type\": \"concat\", \"inputs\": [\"" + a + "\", \"" + b + "\"]}");
    }

    /** The name merges use for the current last node: the input, or a name given to that node. */
    private String lastName() {
        if (layers.isEmpty()) {
            return "input";
        }
        String last = layers.get(layers.size() - 1);
        if (last.startsWith("{\"name\": \"")) {
            return last.substring(10, last.indexOf('"', 10));
        }
        String name = "t" + layers.size();
        layers.set(layers.size() - 1, "{\"name\": \"" + name + "\", " + last.substring(1));
        return name;
    }

    private int outputChannels() {
        return layers.isEmpty() ? build(List.of("{\"type\": \"relu\"}")).input().dim(0)
                : build(layers).outputShape().dim(0);
    }

    private boolean fits(List<String> candidate) {
        List<String> all = new ArrayList<>(layers);
        all.addAll(candidate);
        try {
            ModelSpec spec = build(all);
            // Keep the tests small: no layer may grow the activations past 4,096 values per sample.
            for (int i = 0; i < spec.layers().size(); i++) {
                if (spec.outputShape(i).size() > 4096 || spec.outputShape(i).size() < 1) {
                    return false;
                }
            }
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private ModelSpec build(List<String> body) {
        return ModelSpecJson.parse("{\"name\": \"" + name + "\", \"input\": " + input + ", \"layers\": ["
                + String.join(",\n", body) + "]}", name + ".json");
    }

    private int pick(int... values) {
        return values[rng.nextInt(values.length)];
    }
}
