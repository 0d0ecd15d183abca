package org.convspark.engine.spec;

import java.util.Arrays;
import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.geometry.PaddingMode;

/** Constraints pooling adds to a window geometry (PyTorch's, so models port both ways). */
final class PoolRules {
    private PoolRules() {
    }

    static void check(ConvGeometry g, String layerType) {
        if (g.groups() != 1) {
            throw new IllegalArgumentException(layerType + " has no groups, got " + g.groups());
        }
        if (g.paddingMode() != PaddingMode.ZEROS) {
            throw new IllegalArgumentException(layerType + " has no padding_mode, got " + g.paddingMode().specName());
        }
        for (int i = 0; i < g.dims(); i++) {
            // A pad wider than half the kernel would give windows made only of padding.
            if (g.padBefore(i) > g.kernel(i) / 2 || g.padAfter(i) > g.kernel(i) / 2) {
                throw new IllegalArgumentException(layerType + " padding " + Arrays.toString(g.padBefore())
                        + " must be at most half the kernel " + Arrays.toString(g.kernel()));
            }
        }
    }
}
