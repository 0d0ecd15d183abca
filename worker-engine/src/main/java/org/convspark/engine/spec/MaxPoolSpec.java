package org.convspark.engine.spec;

import org.convspark.engine.geometry.ConvGeometry;

/** Max pooling per channel; padding reads negative infinity; PyTorch's rule pad <= kernel/2. */
public record MaxPoolSpec(ConvGeometry geometry) implements PoolSpec {
    public MaxPoolSpec {
        PoolRules.check(geometry, "maxpool");
    }

    @Override
    public String type() {
        return "maxpool";
    }
}
