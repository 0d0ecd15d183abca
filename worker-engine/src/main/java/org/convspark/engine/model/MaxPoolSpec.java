package org.convspark.engine.model;

import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.tensor.Shape;

/** Max pooling per channel; padding reads negative infinity; PyTorch's rule pad <= kernel/2. */
public record MaxPoolSpec(ConvGeometry geometry) implements LayerSpec {
    public MaxPoolSpec {
        PoolRules.check(geometry, "maxpool");
    }

    @Override
    public String type() {
        return "maxpool";
    }

    @Override
    public Shape outputShape(Shape input) {
        return geometry.outputSpatialShape(SpatialInput.channels(input, geometry, type()), input);
    }

    @Override
    public long parameterCount(Shape input) {
        return 0;
    }
}
