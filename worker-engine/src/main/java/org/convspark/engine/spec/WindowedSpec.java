package org.convspark.engine.spec;

import org.convspark.engine.geometry.ConvGeometry;

/** A layer that slides a window over its input: conv and pooling, described by one geometry. */
public sealed interface WindowedSpec extends LayerSpec permits ConvSpec, PoolSpec {
    ConvGeometry geometry();
}
