package org.convspark.engine.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.geometry.Padding;
import org.convspark.engine.geometry.PaddingMode;
import org.convspark.engine.model.LayerFactory;
import org.convspark.engine.spec.ConvSpec;
import org.convspark.engine.tensor.Shape;
import org.convspark.engine.testing.GradientCheck;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Finite-difference checks of the convolution as the factory builds it: every padding mode (mean
 * padding through {@link MeanPaddedConv}) in 1, 2 and 3 dimensions, grouped, strided, dilated.
 */
class ConvGradientTest {

    static Stream<Arguments> configurations() {
        List<Arguments> out = new ArrayList<>();
        for (PaddingMode mode : PaddingMode.values()) {
            // 1-D: grouped, strided, dilated, asymmetric padding.
            out.add(Arguments.of(mode + " 1d", ConvGeometry.builder(3).stride(2).dilation(2)
                    .padding(Padding.of(new int[] {2}, new int[] {1})).groups(2).paddingMode(mode).build(),
                    4, Shape.of(4, 9), false));
            // 2-D: grouped, strided along one axis, dilated along the other.
            out.add(Arguments.of(mode + " 2d", ConvGeometry.builder(3, 2).stride(1, 2).dilation(2, 1)
                    .padding(2, 1).groups(2).paddingMode(mode).build(), 2, Shape.of(2, 6, 5), false));
            // 3-D: depthwise, "same" with an even kernel (asymmetric pads), true convolution.
            out.add(Arguments.of(mode + " 3d", ConvGeometry.builder(2, 3, 2).padding(Padding.SAME)
                    .groups(2).paddingMode(mode).build(), 4, Shape.of(2, 3, 4, 3), true));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void gradientsMatchFiniteDifferences(String name, ConvGeometry g, int outChannels, Shape input, boolean flip) {
        Layer conv = LayerFactory.create(new ConvSpec(outChannels, g, true, flip), input);
        GradientCheck.of(conv).check(2, name.hashCode());
    }
}
