package org.convspark.engine.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.convspark.engine.tensor.Shape;
import org.junit.jupiter.api.Test;

class ModelZooTest {

    @Test
    void lenet5IsTheReadmeExample() {
        ModelSpec spec = ModelZoo.get("lenet5");
        assertEquals("lenet5", spec.name());
        assertEquals(Shape.of(1, 28, 28), spec.input());
        assertEquals(61_706, spec.parameterCount());
        assertEquals(Shape.of(10), spec.outputShape());
        assertEquals(List.of("conv", "relu", "maxpool", "conv", "relu", "maxpool", "flatten", "linear", "relu",
                "linear", "relu", "linear"), spec.layers().stream().map(LayerSpec::type).toList());
    }

    @Test
    void cifarSmallTakes3x32x32AndGivesTenClasses() {
        ModelSpec spec = ModelZoo.get("cifar-small");
        assertEquals(Shape.of(3, 32, 32), spec.input());
        assertEquals(Shape.of(64, 8, 8), spec.outputShape(9));
        assertEquals(Shape.of(10), spec.outputShape());
        // 896 + 9,248 + 18,496 + 36,928 (3x3 convs) + 1,048,832 (4096 -> 256) + 2,570 (256 -> 10)
        assertEquals(1_116_970, spec.parameterCount());
    }

    @Test
    void everyListedNameLoads() {
        assertEquals(List.of("lenet5", "cifar-small", "resnet20", "resnet32"), ModelZoo.names());
        for (String name : ModelZoo.names()) {
            assertEquals(name, ModelZoo.get(name).name());
        }
    }

    /** PyTorch's counts of the same networks, printed by {@code bench/resnet/resnet.py count} (torch 1.13). */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"resnet20, 3, 32, 272474", "resnet20, 1, 28, 272186",
        "resnet32, 3, 32, 466906", "resnet32, 1, 28, 466618"})
    void theResNetsHavePyTorchsParameterCounts(String name, int channels, int size, long pytorch) {
        ModelSpec spec = ModelZoo.get(name).withInput(Shape.of(channels, size, size));
        assertEquals(pytorch, spec.parameterCount() - spec.stateCount());
        assertEquals(Shape.of(10), spec.outputShape());
        org.convspark.engine.report.ParameterReport report = org.convspark.engine.report.ParameterReport.of(spec);
        assertEquals(pytorch, report.totalParams());
        new org.convspark.engine.model.Network(spec); // builds
    }
}
