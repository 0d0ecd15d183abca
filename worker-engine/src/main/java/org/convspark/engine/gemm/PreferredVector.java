package org.convspark.engine.gemm;

import jdk.incubator.vector.FloatVector;

/** The Vector API's preferred float width here; only loaded when {@code jdk.incubator.vector} is present. */
final class PreferredVector {
    private PreferredVector() {
    }

    static int bits() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize();
    }
}
