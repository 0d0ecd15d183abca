package org.convspark.engine.spec;

import org.convspark.engine.tensor.Shape;

/** Pooling: per-channel windows, so channels pass through and there are no parameters. */
public sealed interface PoolSpec extends WindowedSpec permits MaxPoolSpec, AvgPoolSpec {
    @Override
    default Shape outputShape(Shape input) {
        return geometry().outputSpatialShape(SpatialInput.channels(input, geometry(), type()), input);
    }

    @Override
    default long parameterCount(Shape input) {
        return 0;
    }
}
