package org.convspark.engine.spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.geometry.Padding;
import org.convspark.engine.geometry.PaddingMode;
import org.convspark.engine.model.TestSpecs;
import org.convspark.engine.tensor.Shape;
import org.junit.jupiter.api.Test;

class ModelSpecJsonTest {

    private static final String LENET5 = "{\"name\": \"lenet5\", \"input\": [1, 28, 28],\n"
            + " \"layers\": [\n"
            + "  {\"type\": \"conv\", \"out_channels\": 6, \"kernel\": 5, \"padding\": 2},\n"
            + "  {\"type\": \"relu\"},\n"
            + "  {\"type\": \"maxpool\", \"kernel\": 2},\n"
            + "  {\"type\": \"conv\", \"out_channels\": 16, \"kernel\": 5},\n"
            + "  {\"type\": \"relu\"},\n"
            + "  {\"type\": \"maxpool\", \"kernel\": 2},\n"
            + "  {\"type\": \"flatten\"},\n"
            + "  {\"type\": \"linear\", \"out_features\": 120}, {\"type\": \"relu\"},\n"
            + "  {\"type\": \"linear\", \"out_features\": 84}, {\"type\": \"relu\"},\n"
            + "  {\"type\": \"linear\", \"out_features\": 10}]}";

    @Test
    void readsTheReadmeExampleWithPyTorchDefaults() {
        ModelSpec spec = ModelSpecJson.parse(LENET5, "lenet5.json");
        assertEquals("lenet5", spec.name());
        assertEquals(Shape.of(1, 28, 28), spec.input());
        assertEquals(12, spec.layers().size());
        ConvSpec conv = (ConvSpec) spec.layers().get(0);
        assertEquals(new ConvSpec(6, ConvGeometry.builder(5, 5).padding(2).build(), true), conv);
        MaxPoolSpec pool = (MaxPoolSpec) spec.layers().get(2);
        assertArrayEquals(new int[] {2, 2}, pool.geometry().stride(), "pool stride defaults to the kernel");
        assertEquals(new LinearSpec(120, true), spec.layers().get(7));
        assertEquals(Shape.of(16, 5, 5), spec.outputShape(5));
        assertEquals(Shape.of(10), spec.outputShape());
        assertEquals(61_706, spec.parameterCount());
    }

    @Test
    void readsEveryFieldOfEveryType() {
        String json = "{\"name\": \"all\", \"input\": [4, 9, 10], \"layers\": ["
                + "{\"type\": \"conv\", \"out_channels\": 8, \"kernel\": [3, 2], \"stride\": [1, 2], \"padding\": [2, 1],"
                + " \"dilation\": [2, 1], \"groups\": 2, \"padding_mode\": \"reflect\", \"bias\": false,"
                + " \"true_convolution\": true},"
                + "{\"type\": \"leakyrelu\", \"slope\": 0.2},"
                + "{\"type\": \"maxpool\", \"kernel\": 3, \"stride\": 1, \"padding\": 1, \"dilation\": 2, \"ceil_mode\": true},"
                + "{\"type\": \"avgpool\", \"kernel\": [2, 1], \"stride\": [2, 1], \"padding\": [1, 0],"
                + " \"ceil_mode\": true, \"count_include_pad\": false},"
                + "{\"type\": \"tanh\"}, {\"type\": \"sigmoid\"}, {\"type\": \"globalavgpool\"},"
                + "{\"type\": \"dropout\", \"p\": 0.25}, {\"type\": \"linear\", \"out_features\": 3, \"bias\": false}]}";
        ModelSpec spec = ModelSpecJson.parse(json, "all.json");
        ConvGeometry g = ConvGeometry.builder(3, 2).stride(1, 2).padding(2, 1).dilation(2, 1).groups(2)
                .paddingMode(PaddingMode.REFLECT).build();
        assertEquals(List.of(
                new ConvSpec(8, g, false, true),
                new ActivationSpec(ActivationSpec.Kind.LEAKYRELU, 0.2),
                new MaxPoolSpec(ConvGeometry.builder(3, 3).stride(1).padding(1).dilation(2).ceilMode(true).build()),
                new AvgPoolSpec(ConvGeometry.builder(2, 1).stride(2, 1).padding(1, 0).ceilMode(true).build(), false),
                ActivationSpec.of(ActivationSpec.Kind.TANH),
                ActivationSpec.of(ActivationSpec.Kind.SIGMOID),
                new GlobalAvgPoolSpec(),
                new DropoutSpec(0.25),
                new LinearSpec(3, false)), spec.layers());
    }

    @Test
    void namedPaddingRulesAndDefaults() {
        ModelSpec spec = ModelSpecJson.parse("{\"input\": [1, 10], \"layers\": ["
                + "{\"type\": \"conv\", \"out_channels\": 1, \"kernel\": 4, \"padding\": \"same\"},"
                + "{\"type\": \"conv\", \"out_channels\": 1, \"kernel\": 3, \"padding\": \"full\"},"
                + "{\"type\": \"conv\", \"out_channels\": 1, \"kernel\": 3, \"padding\": \"valid\"},"
                + "{\"type\": \"leakyrelu\"}, {\"type\": \"dropout\"}]}", "dir/net.json");
        assertEquals("net", spec.name(), "the name defaults to the file name");
        ConvGeometry same = ((ConvSpec) spec.layers().get(0)).geometry();
        assertEquals(ConvGeometry.builder(4).padding(Padding.SAME).build(), same);
        assertEquals(1, same.padBefore(0));
        assertEquals(2, same.padAfter(0));
        assertEquals(Shape.of(1, 10), spec.outputShape(0));
        assertEquals(Shape.of(1, 12), spec.outputShape(1));
        assertEquals(Shape.of(1, 10), spec.outputShape(2));
        assertEquals(ActivationSpec.DEFAULT_SLOPE, ((ActivationSpec) spec.layers().get(3)).slope());
        assertEquals(0.5, ((DropoutSpec) spec.layers().get(4)).p());
    }

    @Test
    void threeDimensionalSpecs() {
        ModelSpec spec = ModelSpecJson.parse("{\"name\": \"v\", \"input\": [2, 8, 9, 10], \"layers\": ["
                + "{\"type\": \"conv\", \"out_channels\": 4, \"kernel\": [3, 3, 1], \"padding\": [1, 1, 0]},"
                + "{\"type\": \"maxpool\", \"kernel\": 2}, {\"type\": \"flatten\"}]}", "v.json");
        assertEquals(Shape.of(4, 4, 4, 5), spec.outputShape(1));
        assertEquals(Shape.of(320), spec.outputShape());
    }

    @Test
    void writingLeavesOutDefaults() {
        assertEquals("{\n"
                + "  \"name\": \"lenet5\",\n"
                + "  \"input\": [1, 28, 28],\n"
                + "  \"layers\": [\n"
                + "    {\"type\": \"conv\", \"out_channels\": 6, \"kernel\": 5, \"padding\": 2},\n"
                + "    {\"type\": \"relu\"},\n"
                + "    {\"type\": \"maxpool\", \"kernel\": 2},\n"
                + "    {\"type\": \"conv\", \"out_channels\": 16, \"kernel\": 5},\n"
                + "    {\"type\": \"relu\"},\n"
                + "    {\"type\": \"maxpool\", \"kernel\": 2},\n"
                + "    {\"type\": \"flatten\"},\n"
                + "    {\"type\": \"linear\", \"out_features\": 120},\n"
                + "    {\"type\": \"relu\"},\n"
                + "    {\"type\": \"linear\", \"out_features\": 84},\n"
                + "    {\"type\": \"relu\"},\n"
                + "    {\"type\": \"linear\", \"out_features\": 10}\n"
                + "  ]\n"
                + "}", ModelSpecJson.toJson(ModelSpecJson.parse(LENET5, "lenet5.json")));
    }

    @Test
    void everySpecRoundTrips() {
        List<ModelSpec> specs = List.of(
                ModelSpecJson.parse(LENET5, "lenet5.json"),
                TestSpecs.load("alexnet"), TestSpecs.load("vgg16"),
                ModelZoo.get("cifar-small"),
                new ModelSpec("every-field", Shape.of(4, 9, 10), List.of(
                        new ConvSpec(8, ConvGeometry.builder(3, 2).stride(1, 2).padding(2, 1).dilation(2, 1).groups(2)
                                .paddingMode(PaddingMode.CIRCULAR).build(), false, true),
                        new ActivationSpec(ActivationSpec.Kind.LEAKYRELU, 0.125),
                        new MaxPoolSpec(ConvGeometry.builder(3, 3).stride(1, 2).padding(1).dilation(2, 1)
                                .ceilMode(true).build()),
                        new AvgPoolSpec(ConvGeometry.builder(2, 1).stride(1, 1).padding(1, 0).build(), false),
                        new ConvSpec(2, ConvGeometry.builder(4, 2).padding(Padding.SAME).build(), true),
                        new GlobalAvgPoolSpec(), new DropoutSpec(0.1), new LinearSpec(3, true))));
        for (ModelSpec spec : specs) {
            String json = ModelSpecJson.toJson(spec);
            ModelSpec back = ModelSpecJson.parse(json, spec.name() + ".json");
            assertEquals(spec, back, json);
            assertEquals(json, ModelSpecJson.toJson(back));
        }
    }

    @Test
    void asymmetricPaddingOtherThanSameHasNoSpecForm() {
        ModelSpec spec = new ModelSpec("a", Shape.of(1, 8), List.of(
                new ConvSpec(1, ConvGeometry.builder(3).padding(Padding.of(new int[] {0}, new int[] {2})).build(), true)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelSpecJson.toJson(spec));
        assertTrue(e.getMessage().contains("has no spec form"), e.getMessage());
    }

    @Test
    void layerTypesAreListed() {
        assertEquals(List.of("conv", "convtranspose", "maxpool", "avgpool", "globalavgpool", "relu", "leakyrelu", "tanh", "sigmoid",
                "batchnorm", "flatten", "linear", "add", "concat", "dropout"), ModelSpecJson.layerTypes());
    }

    @Test
    void shapeErrorsFromModelSpecNameTheLayerAndItsPosition() {
        ModelSpecException e = assertThrows(ModelSpecException.class, () -> ModelSpecJson.parse(
                "{\"input\": [1, 4, 4], \"layers\": [\n {\"type\": \"relu\"},\n {\"type\": \"linear\", \"out_features\": 2}]}",
                "s.json"));
        assertEquals(1, e.layerIndex());
        assertEquals("linear", e.layerType());
        assertEquals("s.json:3:2: layer 1 (linear): linear needs a flat input (add a flatten layer before it), "
                + "got 1x4x4 [input 1x4x4]", e.getMessage());
        assertFalse(e.getMessage().contains("Exception"));
    }
}
