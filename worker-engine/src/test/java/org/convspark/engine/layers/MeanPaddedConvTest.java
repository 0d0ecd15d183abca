package org.convspark.engine.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.geometry.Padding;
import org.convspark.engine.geometry.PaddingMode;
import org.convspark.engine.model.LayerFactory;
import org.convspark.engine.model.Network;
import org.convspark.engine.spec.ConvSpec;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.spec.ModelSpecJson;
import org.convspark.engine.tensor.Shape;
import org.convspark.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Padding with mean values ({@code padding_mode: "mean"}); PyTorch's figures are golden cases
 * ({@code meanpad*}) and the gradients are checked by finite differences in {@code ConvGradientTest}.
 */
class MeanPaddedConvTest {
    private static ConvGeometry geometry(PaddingMode mode) {
        return ConvGeometry.builder(3, 2).stride(1, 2).padding(Padding.of(new int[] {2, 1}, new int[] {1, 0}))
                .paddingMode(mode).build();
    }

    @Test
    void onAConstantInputTheMeanIsTheEdgeSoItMatchesReplicatePadding() {
        Shape input = Shape.of(2, 5, 4);
        Layer mean = LayerFactory.create(new ConvSpec(3, geometry(PaddingMode.MEAN), true), input);
        Layer replicate = LayerFactory.create(new ConvSpec(3, geometry(PaddingMode.REPLICATE), true), input);
        assertTrue(mean instanceof MeanPaddedConv, mean.toString());
        assertEquals(replicate.outputShape(), mean.outputShape());
        float[] params = new float[mean.parameterCount()];
        mean.initialize(params, 0, new Random(3));
        float[] x = new float[2 * input.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = i < input.size() ? 0.75f : -1.5f; // one constant per sample
        }
        float[] a = mean.forward(new Tensor(x.clone(), input.prepend(2)), params, 0, false).toArray();
        float[] b = replicate.forward(new Tensor(x.clone(), input.prepend(2)), params, 0, false).toArray();
        assertArrayEquals(b, a, 1e-5f);
    }

    @Test
    void theMeanIsEachSamplesOwnChannelMean() {
        // A 1x1 kernel of weight 1 with padding 1 shows the padded input itself.
        Shape input = Shape.of(1, 3);
        Layer pad = LayerFactory.create(new ConvSpec(1, ConvGeometry.builder(1).padding(1)
                .paddingMode(PaddingMode.MEAN).build(), false), input);
        float[] y = pad.forward(new Tensor(new float[] {1, 2, 6, -3, 0, 0}, input.prepend(2)), new float[] {1}, 0,
                false).toArray();
        assertArrayEquals(new float[] {3, 1, 2, 6, 3, -1, -3, 0, 0, -1}, y, 0);
        // The border's gradient is shared out over the sample's elements: 1/3 each of (1 + 1).
        float[] dx = pad.backward(new Tensor(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 0, 0}, Shape.of(2, 1, 5)),
                new float[] {1}, 0, new float[1]).toArray();
        assertArrayEquals(new float[] {2f / 3, 2f / 3, 2f / 3, 0, 0, 0}, dx, 1e-6f);
    }

    @Test
    void aSpecWithMeanPaddingParsesWritesAndTrains() {
        ModelSpec spec = ModelSpecJson.parse("{\"name\": \"m\", \"input\": [1, 6, 6], \"layers\": [{\"type\": \"conv\", "
                + "\"out_channels\": 2, \"kernel\": 3, \"padding\": 1, \"padding_mode\": \"mean\"}, {\"type\": "
                + "\"flatten\"}, {\"type\": \"linear\", \"out_features\": 2}]}", "m.json");
        assertEquals(spec, ModelSpecJson.parse(ModelSpecJson.toJson(spec), "again"));
        assertTrue(ModelSpecJson.toJson(spec).contains("\"padding_mode\": \"mean\"")
                || ModelSpecJson.toJson(spec).contains("\"padding_mode\":\"mean\""), ModelSpecJson.toJson(spec));
        Network network = new Network(spec);
        float[] params = network.initialParameters(1);
        float[] grads = new float[params.length];
        float[] images = new float[2 * 36];
        Arrays.fill(images, 0.5f);
        images[40] = 1;
        network.trainBatch(params, images, 0, new int[] {0, 1}, 0, 2, grads, 1, 0);
        assertTrue(grads[0] != 0 || grads[1] != 0, "gradients reach the mean-padded conv's weights");
    }

    @Test
    void theConvolutionItselfRefusesMeanPaddingNamingTheWay() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Conv(new ConvSpec(1,
                ConvGeometry.builder(3).padding(1).paddingMode(PaddingMode.MEAN).build(), false), Shape.of(1, 5)));
        assertTrue(e.getMessage().contains("LayerFactory"), e.getMessage());
    }
}
