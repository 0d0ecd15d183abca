package org.convspark.engine.report;

import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.spec.LayerSpec;
import org.convspark.engine.spec.WindowedSpec;

/** Which layers slide a window over the input, and which keep every position as it is. */
final class Windows {
    private Windows() {
    }

    /** The window of a conv or pooling layer, or null for a layer without one. */
    static ConvGeometry of(LayerSpec layer) {
        return layer instanceof WindowedSpec w ? w.geometry() : null;
    }

    /** Activations, dropout and batch norm map each position to itself. */
    static boolean keepsPositions(LayerSpec layer) {
        return layer instanceof org.convspark.engine.spec.ActivationSpec
                || layer instanceof org.convspark.engine.spec.DropoutSpec
                || layer instanceof org.convspark.engine.spec.BatchNormSpec;
    }
}
