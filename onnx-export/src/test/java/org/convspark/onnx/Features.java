package org.convspark.onnx;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.spec.AvgPoolSpec;
import org.convspark.engine.spec.BatchNormSpec;
import org.convspark.engine.spec.ConvSpec;
import org.convspark.engine.spec.ConvTransposeSpec;
import org.convspark.engine.spec.LayerSpec;
import org.convspark.engine.spec.MaxPoolSpec;

/** The layer options whose export differs from the plain case, so a test can show each was run. */
final class Features {
    static final Set<String> ALL = new TreeSet<>(Set.of("conv stride", "conv dilation", "conv groups",
            "conv true_convolution", "conv without bias", "convtranspose stride", "convtranspose output_padding",
            "convtranspose groups", "convtranspose dilation", "maxpool ceil_mode", "maxpool dilation",
            "maxpool padding", "avgpool ceil_mode", "avgpool padding", "avgpool count_include_pad false",
            "batchnorm without affine"));

    private Features() {
    }

    static Set<String> of(LayerSpec layer) {
        Set<String> f = new TreeSet<>();
        if (layer instanceof ConvSpec s) {
            window(f, "conv", s.geometry());
            add(f, s.trueConvolution(), "conv true_convolution");
            add(f, !s.bias(), "conv without bias");
        } else if (layer instanceof ConvTransposeSpec s) {
            window(f, "convtranspose", s.geometry());
            add(f, Arrays.stream(s.outputPadding()).anyMatch(p -> p > 0), "convtranspose output_padding");
        } else if (layer instanceof MaxPoolSpec s) {
            window(f, "maxpool", s.geometry());
        } else if (layer instanceof AvgPoolSpec s) {
            window(f, "avgpool", s.geometry());
            add(f, !s.countIncludePad(), "avgpool count_include_pad false");
        } else if (layer instanceof BatchNormSpec s) {
            add(f, !s.affine(), "batchnorm without affine");
        }
        f.retainAll(ALL);
        return f;
    }

    private static void window(Set<String> f, String type, ConvGeometry g) {
        add(f, Arrays.stream(g.stride()).anyMatch(s -> s > 1), type + " stride");
        add(f, Arrays.stream(g.dilation()).anyMatch(d -> d > 1), type + " dilation");
        add(f, g.groups() > 1, type + " groups");
        add(f, g.ceilMode(), type + " ceil_mode");
        add(f, !g.unpadded(), type + " padding");
    }

    private static void add(Set<String> f, boolean present, String feature) {
        if (present) {
            f.add(feature);
        }
    }
}
