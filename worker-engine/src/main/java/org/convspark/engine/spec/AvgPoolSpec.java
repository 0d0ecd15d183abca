package org.convspark.engine.spec;

import org.convspark.engine.geometry.ConvGeometry;

/**
 * Average pooling per channel. {@code countIncludePad} divides by the window clipped to input
 * plus padding; otherwise by the real input elements in the window (PyTorch's semantics).
 */
public record AvgPoolSpec(ConvGeometry geometry, boolean countIncludePad) implements PoolSpec {
    public AvgPoolSpec {
        PoolRules.check(geometry, "avgpool");
        for (int i = 0; i < geometry.dims(); i++) {
            if (geometry.dilation(i) != 1) {
                throw new IllegalArgumentException("avgpool has no dilation, got "
                        + java.util.Arrays.toString(geometry.dilation()));
            }
        }
    }

    @Override
    public String type() {
        return "avgpool";
    }
}
