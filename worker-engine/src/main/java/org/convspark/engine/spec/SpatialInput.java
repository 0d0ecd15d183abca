package org.convspark.engine.spec;

import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.tensor.Shape;

/** Checks that a per-sample shape is {@code C, spatial...} with the geometry's spatial rank. */
final class SpatialInput {
    private SpatialInput() {
    }

    static int channels(Shape input, ConvGeometry geometry, String layerType) {
        if (input.rank() != geometry.dims() + 1) {
            throw new IllegalArgumentException(layerType + " with a " + geometry.dims() + "-d kernel needs a "
                    + (geometry.dims() + 1) + "-d input (C" + ", spatial x" + geometry.dims() + "), got " + input);
        }
        return input.dim(0);
    }

    /** As {@link #channels}, which the geometry's groups must divide. */
    static int groupedChannels(Shape input, ConvGeometry geometry, String layerType) {
        int channels = channels(input, geometry, layerType);
        if (channels % geometry.groups() != 0) {
            throw new IllegalArgumentException("groups " + geometry.groups() + " does not divide the "
                    + channels + " input channels of input " + input);
        }
        return channels;
    }
}
