package org.convspark.engine.testing;

import org.convspark.engine.geometry.PaddingMode;

/**
 * The padding modes' index maps written independently of {@link PaddingMode#sourceIndex} (reflect
 * by repeated mirroring rather than a period), for the nested-loop references.
 */
public final class ReferencePadding {
    private ReferencePadding() {
    }

    /** The source index padded position {@code pos} reads in a dimension of size {@code n}, or -1 for zero. */
    public static int map(PaddingMode mode, int pos, int n) {
        switch (mode) {
            case ZEROS:
                return pos >= 0 && pos < n ? pos : -1;
            case REPLICATE:
                return Math.min(Math.max(pos, 0), n - 1);
            case CIRCULAR:
                return ((pos % n) + n) % n;
            case REFLECT:
                if (n == 1) {
                    return 0;
                }
                while (pos < 0 || pos >= n) {
                    pos = pos < 0 ? -pos : 2 * (n - 1) - pos;
                }
                return pos;
            default:
                throw new AssertionError(mode);
        }
    }
}
