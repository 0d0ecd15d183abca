package org.convspark.engine.data;

import java.util.Arrays;
import org.convspark.engine.tensor.Shape;

/**
 * {@code count} labelled samples of one per-sample shape ({@code C, H, W} for images), packed
 * row-major into one {@code float[]}, with one {@code int} label in {@code [0, numClasses)} each.
 * Validated on construction: sizes agree, labels are in range, pixels are finite. The arrays are
 * held, not copied: callers must not change them afterwards.
 */
public final class LabelledImages {
    private final Shape sampleShape;
    private final int sampleSize;
    private final float[] pixels;
    private final int[] labels;
    private final int numClasses;

    public LabelledImages(Shape sampleShape, float[] pixels, int[] labels, int numClasses) {
        this.sampleSize = sampleShape.size();
        if (sampleShape.rank() < 1 || sampleSize < 1) {
            throw new IllegalArgumentException("sample shape must have at least one element, got " + sampleShape);
        }
        if (numClasses < 2) {
            throw new IllegalArgumentException("numClasses must be >= 2, got " + numClasses);
        }
        if ((long) labels.length * sampleSize != pixels.length) {
            throw new IllegalArgumentException(labels.length + " labels of shape " + sampleShape + " need "
                    + (long) labels.length * sampleSize + " pixels, got " + pixels.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("label " + labels[i] + " of sample " + i + " is outside [0, "
                        + numClasses + ")");
            }
        }
        for (int i = 0; i < pixels.length; i++) {
            if (!Float.isFinite(pixels[i])) {
                throw new IllegalArgumentException("sample " + (i / sampleSize) + " has a non-finite value "
                        + pixels[i] + " at element " + (i % sampleSize));
            }
        }
        this.sampleShape = sampleShape;
        this.pixels = pixels;
        this.labels = labels;
        this.numClasses = numClasses;
    }

    public int count() {
        return labels.length;
    }

    public Shape sampleShape() {
        return sampleShape;
    }

    /** Floats per sample. */
    public int sampleSize() {
        return sampleSize;
    }

    public int numClasses() {
        return numClasses;
    }

    /** The packed pixels, sample {@code i} at {@code [i * sampleSize(), (i + 1) * sampleSize())}; not a copy. */
    public float[] pixels() {
        return pixels;
    }

    /** The labels; not a copy. */
    public int[] labels() {
        return labels;
    }

    /** A copy of samples {@code [from, to)}. */
    public LabelledImages slice(int from, int to) {
        if (from < 0 || to > count() || from > to) {
            throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of " + count() + " samples");
        }
        return new LabelledImages(sampleShape,
                Arrays.copyOfRange(pixels, from * sampleSize, to * sampleSize),
                Arrays.copyOfRange(labels, from, to), numClasses);
    }

    @Override
    public String toString() {
        return count() + " samples of " + sampleShape + ", " + numClasses + " classes";
    }
}
