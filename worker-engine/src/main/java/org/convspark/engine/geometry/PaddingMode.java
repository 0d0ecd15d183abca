package org.convspark.engine.geometry;

import java.util.Locale;

/**
 * How a window reads positions outside the input. Each mode is one index mapping from a padded
 * coordinate to a source coordinate; im2col gathers through it and col2im scatters back through
 * the same mapping, so a padded copy routes its gradient to the pixel it was copied from.
 */
public enum PaddingMode {
    /** Outside positions read zero (and receive no gradient). */
    ZEROS,
    /** Mirror without repeating the edge: -1 reads 1 (PyTorch/numpy "reflect"). */
    REFLECT,
    /** Repeat the edge value: -1 reads 0. */
    REPLICATE,
    /** Wrap around: -1 reads n-1. */
    CIRCULAR,
    /**
     * Each sample's channel padded with that channel's mean over the sample's spatial extent (the
     * gradient flows through the mean into every input element). Not an index map: the
     * convolution pads a copy ({@code MeanPaddedConv}) and runs on it unpadded.
     */
    MEAN;

    /** The modes that are index maps ({@link #sourceIndex}): every one but {@link #MEAN}. */
    public static final java.util.List<PaddingMode> INDEX_MAPS = java.util.List.of(ZEROS, REFLECT, REPLICATE, CIRCULAR);

    /**
     * The source index that padded coordinate {@code i} reads in a dimension of size {@code n},
     * or -1 when it reads zero. Valid for the pad widths {@link ConvGeometry} accepts.
     */
    public int sourceIndex(int i, int n) {
        if (i >= 0 && i < n) {
            return i;
        }
        switch (this) {
            case ZEROS:
                return -1;
            case REFLECT: {
                if (n == 1) {
                    return 0;
                }
                // Period 2(n-1) folds any distance, so wide pads stay in range too.
                int period = 2 * (n - 1);
                int m = Math.floorMod(i, period);
                return m < n ? m : period - m;
            }
            case REPLICATE:
                return i < 0 ? 0 : n - 1;
            case CIRCULAR:
                return Math.floorMod(i, n);
            case MEAN:
                throw new IllegalStateException("mean padding pads a copy of the input; it has no source index");
            default:
                throw new AssertionError(this);
        }
    }

    /** The spec/JSON name: {@code zeros}, {@code reflect}, {@code replicate}, {@code circular}, {@code mean}. */
    public String specName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PaddingMode fromSpecName(String name) {
        for (PaddingMode m : values()) {
            if (m.specName().equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("padding_mode \"" + name
                + "\" is not one of zeros, reflect, replicate, circular, mean");
    }
}
