package org.convspark.engine.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every malformed spec gives one {@link ModelSpecException} whose message names the position,
 * the layer (index and type, when the layer got that far), the field and the problem.
 */
class ModelSpecJsonErrorsTest {

    static Stream<Arguments> malformedSpecs() {
        return Stream.of(
                Arguments.of("bad JSON", -1,
                        "{\"input\": [1, 28, 28], \"layers\": [{\"type\": \"relu\"} {\"type\": \"flatten\"}]}",
                        "spec.json:1:52: expected ',' or ']' but found '{'"),
                Arguments.of("top level not an object", -1,
                        "[1, 28, 28]",
                        "spec.json:1:1: a model spec must be an object {\"name\", \"input\", \"layers\"} but found an array of 3"),
                Arguments.of("unknown top-level field", -1,
                        "{\"input\": [1, 8, 8], \"layer\": [{\"type\": \"relu\"}]}",
                        "spec.json:1:31: unknown field \"layer\" (did you mean \"layers\"?); a model spec takes: name, input, layers"),
                Arguments.of("bad input rank", -1,
                        "{\"input\": [784], \"layers\": [{\"type\": \"relu\"}]}",
                        "spec.json:1:11: field \"input\": must be [C, L], [C, H, W] or [C, D, H, W] with every size >= 1, got [784]"),
                Arguments.of("zero input size", -1,
                        "{\"input\": [1, 0, 28], \"layers\": [{\"type\": \"relu\"}]}",
                        "spec.json:1:11: field \"input\": must be [C, L], [C, H, W] or [C, D, H, W] with every size >= 1, got [1, 0, 28]"),
                Arguments.of("input of wrong type", -1,
                        "{\"input\": \"1x28x28\", \"layers\": [{\"type\": \"relu\"}]}",
                        "spec.json:1:11: field \"input\": expected an array of integers but found a string"),
                Arguments.of("empty layers", -1,
                        "{\"input\": [1, 8, 8], \"layers\": []}",
                        "spec.json:1:32: field \"layers\": a model needs at least one layer"),
                Arguments.of("missing layers", -1,
                        "{\"input\": [1, 8, 8]}",
                        "spec.json:1:1: field \"layers\": required field is missing"),
                Arguments.of("layer not an object", 1,
                        "{\"input\": [1, 8, 8], \"layers\": [{\"type\": \"relu\"}, 3]}",
                        "spec.json:1:51: layer 1: expected a layer object {\"type\": ...} but found a number (3)"),
                Arguments.of("missing type", 0,
                        "{\"input\": [1, 8, 8], \"layers\": [{\"kernel\": 3}]}",
                        "spec.json:1:33: layer 0, field \"type\": required field is missing"),
                Arguments.of("unknown type", 1,
                        "{\"input\": [1, 8, 8], \"layers\": [{\"type\": \"relu\"}, {\"type\": \"conv2d\", \"out_channels\": 4, \"kernel\": 3}]}",
                        "spec.json:1:60: layer 1: unknown layer type \"conv2d\" (did you mean \"conv\"?); known types: conv, convtranspose, maxpool, avgpool, globalavgpool, relu, leakyrelu, tanh, sigmoid, batchnorm, flatten, linear, add, concat, dropout"),
                Arguments.of("unknown field", 0,
                        "{\"input\": [1, 8, 8], \"layers\": [{\"type\": \"conv\", \"out_channels\": 4, \"kernel\": 3, \"strides\": 2}]}",
                        "spec.json:1:93: layer 0 (conv): unknown field \"strides\" (did you mean \"stride\"?); conv takes: type, out_channels, kernel, stride, padding, dilation, groups, padding_mode, bias, true_convolution"),
                Arguments.of("field of another type", 0,
                        "{\"input\": [1, 8, 8], \"layers\": [{\"type\": \"relu\", \"slope\": 0.1}]}",
                        "spec.json:1:59: layer 0 (relu): unknown field \"slope\"; relu takes no fields besides \"type\""),
                Arguments.of("missing field", 0,
                        "{\"input\": [1, 8, 8], \"layers\": [{\"type\": \"conv\", \"kernel\": 3}]}",
                        "spec.json:1:33: layer 0 (conv), field \"out_channels\": required field is missing"),
                Arguments.of("wrong type", 0,
                        "{\"input\": [1, 8, 8], \"layers\": [{\"type\": \"conv\", \"out_channels\": 4, \"kernel\": \"3\"}]}",
                        "spec.json:1:79: layer 0 (conv), field \"kernel\": expected an integer or an array of 2 integers but found a string"),
                Arguments.of("fraction for an integer", 0,
                        "{\"input\": [1, 8, 8], \"layers\": [{\"type\": \"conv\", \"out_channels\": 6.5, \"kernel\": 3}]}",
                        "spec.json:1:66: layer 0 (conv), field \"out_channels\": expected an integer but found 6.5"),
                Arguments.of("boolean of wrong type", 0,
                        "{\"input\": [1, 8, 8], \"layers\": [{\"type\": \"conv\", \"out_channels\": 4, \"kernel\": 3, \"bias\": \"yes\"}]}",
                        "spec.json:1:90: layer 0 (conv), field \"bias\": expected true or false but found a string"),
                Arguments.of("array of wrong length", 0,
                        "{\"input\": [1, 8, 8], \"layers\": [{\"type\": \"conv\", \"out_channels\": 4, \"kernel\": [3, 3, 3]}]}",
                        "spec.json:1:79: layer 0 (conv), field \"kernel\": expected an integer or an array of 2 integers but found an array of 3"),
                Arguments.of("non-integer array element", 0,
                        "{\"input\": [1, 8, 8], \"layers\": [{\"type\": \"conv\", \"out_channels\": 4, \"kernel\": [3, \"3\"]}]}",
                        "spec.json:1:83: layer 0 (conv), field \"kernel\": element 1: expected an integer but found a string"),
                Arguments.of("negative kernel", 0,
                        "{\"input\": [1, 8, 8], \"layers\": [{\"type\": \"conv\", \"out_channels\": 4, \"kernel\": -5}]}",
                        "spec.json:1:79: layer 0 (conv): kernel must be >= 1, got [-5, -5]"),
                Arguments.of("zero stride", 2,
                        "{\"input\": [1, 8, 8], \"layers\": [{\"type\": \"conv\", \"out_channels\": 4, \"kernel\": 3}, {\"type\": \"relu\"}, {\"type\": \"maxpool\", \"kernel\": 2, \"stride\": [1, 0]}]}",
                        "spec.json:1:144: layer 2 (maxpool): stride must be >= 1, got [1, 0]"),
                Arguments.of("negative padding", 0,
                        "{\"input\": [1, 8, 8], \"layers\": [{\"type\": \"conv\", \"out_channels\": 4, \"kernel\": 3, \"padding\": -1}]}",
                        "spec.json:1:93: layer 0 (conv): padding must be >= 0, got [-1, -1]"),
                Arguments.of("bad padding string", 0,
                        "{\"input\": [1, 8, 8], \"layers\": [{\"type\": \"conv\", \"out_channels\": 4, \"kernel\": 3, \"padding\": \"half\"}]}",
                        "spec.json:1:93: layer 0 (conv): padding \"half\" is not one of valid, same, full (or an integer, or one integer per dimension)"),
                Arguments.of("same padding with stride 2", 0,
                        "{\"input\": [1, 8, 8], \"layers\": [{\"type\": \"conv\", \"out_channels\": 4, \"kernel\": 3, \"stride\": 2, \"padding\": \"same\"}]}",
                        "spec.json:1:106: layer 0 (conv): padding \"same\" needs stride 1, got stride [2, 2]"),
                Arguments.of("named padding on a pool", 0,
                        "{\"input\": [1, 8, 8], \"layers\": [{\"type\": \"maxpool\", \"kernel\": 2, \"padding\": \"same\"}]}",
                        "spec.json:1:77: layer 0 (maxpool), field \"padding\": expected an integer or an array of 2 integers but found a string"),
                Arguments.of("bad padding mode", 0,
                        "{\"input\": [1, 8, 8], \"layers\": [{\"type\": \"conv\", \"out_channels\": 4, \"kernel\": 3, \"padding\": 1, \"padding_mode\": \"mirror\"}]}",
                        "spec.json:1:112: layer 0 (conv): padding_mode \"mirror\" is not one of zeros, reflect, replicate, circular, mean"),
                Arguments.of("output size < 1", 3,
                        "{\"input\": [1, 8, 8], \"layers\": [{\"type\": \"conv\", \"out_channels\": 4, \"kernel\": 3}, {\"type\": \"maxpool\", \"kernel\": 2}, {\"type\": \"relu\"}, {\"type\": \"conv\", \"out_channels\": 4, \"kernel\": 5}]}",
                        "spec.json:1:135: layer 3 (conv): kernel [5, 5] spans 5 but the padded input is only 3 in spatial dimension 0 (input 3, padding 0+0) [input 4x3x3]"),
                Arguments.of("groups do not divide the input channels", 0,
                        "{\"input\": [3, 8, 8], \"layers\": [{\"type\": \"conv\", \"out_channels\": 4, \"kernel\": 3, \"groups\": 2}]}",
                        "spec.json:1:33: layer 0 (conv): groups 2 does not divide the 3 input channels of input 3x8x8 [input 3x8x8]"),
                Arguments.of("groups do not divide out_channels", 0,
                        "{\"input\": [4, 8, 8], \"layers\": [{\"type\": \"conv\", \"out_channels\": 6, \"kernel\": 3, \"groups\": 4}]}",
                        "spec.json:1:92: layer 0 (conv): groups 4 does not divide out_channels 6"),
                Arguments.of("reflect padding too wide", 0,
                        "{\"input\": [1, 4, 4], \"layers\": [{\"type\": \"conv\", \"out_channels\": 4, \"kernel\": 3, \"padding\": 4, \"padding_mode\": \"reflect\"}]}",
                        "spec.json:1:33: layer 0 (conv): reflect padding 4 must be smaller than the input size 4 in spatial dimension 0 [input 1x4x4]"),
                Arguments.of("pool padding wider than half the kernel", 0,
                        "{\"input\": [1, 8, 8], \"layers\": [{\"type\": \"maxpool\", \"kernel\": 2, \"padding\": 2}]}",
                        "spec.json:1:33: layer 0 (maxpool): maxpool padding [2, 2] must be at most half the kernel [2, 2]"),
                Arguments.of("linear on unflattened input", 1,
                        "{\"input\": [1, 8, 8], \"layers\": [{\"type\": \"conv\", \"out_channels\": 4, \"kernel\": 3}, {\"type\": \"linear\", \"out_features\": 10}]}",
                        "spec.json:1:83: layer 1 (linear): linear needs a flat input (add a flatten layer before it), got 4x6x6 [input 4x6x6]"),
                Arguments.of("conv after flatten", 1,
                        "{\"input\": [1, 8, 8], \"layers\": [{\"type\": \"flatten\"}, {\"type\": \"conv\", \"out_channels\": 4, \"kernel\": 3}]}",
                        "spec.json:1:54: layer 1 (conv): conv with a 2-d kernel needs a 3-d input (C, spatial x2), got 64 [input 64]"),
                Arguments.of("zero out_features", 2,
                        "{\"input\": [1, 8, 8], \"layers\": [{\"type\": \"flatten\"}, {\"type\": \"relu\"}, {\"type\": \"linear\", \"out_features\": 0}]}",
                        "spec.json:1:107: layer 2 (linear): out_features must be >= 1, got 0"),
                Arguments.of("dropout p out of range", 1,
                        "{\"input\": [1, 8, 8], \"layers\": [{\"type\": \"flatten\"}, {\"type\": \"dropout\", \"p\": 1.5}]}",
                        "spec.json:1:79: layer 1 (dropout): p must be in [0, 1), got 1.5"),
                Arguments.of("duplicate field", -1,
                        "{\"input\": [1, 8, 8], \"layers\": [{\"type\": \"conv\", \"out_channels\": 4, \"kernel\": 3, \"kernel\": 5}]}",
                        "spec.json:1:82: duplicate key \"kernel\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedSpecs")
    void malformedSpecsGiveOneClearMessage(String name, int layer, String json, String expected) {
        ModelSpecException e = assertThrows(ModelSpecException.class, () -> ModelSpecJson.parse(json, "spec.json"));
        assertEquals(expected, e.getMessage());
        assertEquals(layer, e.layerIndex());
        if (layer != ModelSpecException.NO_LAYER) {
            assertTrue(e.getMessage().contains("layer " + layer), e.getMessage());
        }
        assertTrue(e.getMessage().startsWith("spec.json:1:"), "every error has a position: " + e.getMessage());
        assertFalse(e.getMessage().contains("Exception"), e.getMessage());
    }

    @Test
    void theTableHasAtLeastFifteenCases() {
        assertTrue(malformedSpecs().count() >= 15);
    }

    @Test
    void errorsKeepTheLayerTypeAndFieldAsData() {
        ModelSpecException e = assertThrows(ModelSpecException.class, () -> ModelSpecJson.parse(
                "{\"input\": [1, 8, 8], \"layers\": [{\"type\": \"relu\"},\n"
                + "  {\"type\": \"conv\", \"out_channels\": 4, \"kernel\": \"3\"}]}", "net.json"));
        assertEquals("net.json:2:49", e.where());
        assertEquals(1, e.layerIndex());
        assertEquals("conv", e.layerType());
        assertEquals("kernel", e.field());
        assertEquals("expected an integer or an array of 2 integers but found a string", e.problem());
    }

    @Test
    void zooNamesAreSuggested() {
        ModelSpecException e = assertThrows(ModelSpecException.class, () -> ModelZoo.get("lenet"));
        assertEquals("unknown zoo model \"lenet\" (did you mean \"lenet5\"?); the zoo has: lenet5, cifar-small, resnet20, resnet32",
                e.getMessage());
    }
}
