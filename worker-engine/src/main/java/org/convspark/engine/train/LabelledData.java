package org.convspark.engine.train;

/**
 * Labelled samples packed in two arrays: sample {@code j} is
 * {@code images[j * sampleSize, (j + 1) * sampleSize)} with label {@code labels[j]}.
 */
public record LabelledData(float[] images, int[] labels) {
    public LabelledData {
        if (images == null || labels == null) {
            throw new IllegalArgumentException("images and labels must both be given");
        }
    }

    public int count() {
        return labels.length;
    }

    /** Checks the images hold exactly {@code count() * sampleSize} floats. */
    void checkSampleSize(String what, int sampleSize) {
        if (images.length != (long) labels.length * sampleSize) {
            throw new IllegalArgumentException(what + ": " + labels.length + " labels need " + labels.length + " x "
                    + sampleSize + " = " + (long) labels.length * sampleSize + " image floats, got " + images.length);
        }
    }
}
