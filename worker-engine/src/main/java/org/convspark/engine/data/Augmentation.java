package org.convspark.engine.data;

import java.io.Serializable;
import java.util.SplittableRandom;
import org.convspark.engine.tensor.Shape;

/**
 * Training-time augmentation of image samples ({@code C x spatial...}): a random crop after
 * zero padding of {@code cropPadding} on every side of every spatial dimension (the sample keeps
 * its size: an offset in {@code [-p, p]} per dimension, uncovered positions zero) and, with
 * {@code flip}, a mirror of the last spatial dimension (horizontal for images) with probability
 * 1/2. Every draw is a pure function of (seed, epoch, the sample's index in the data set), so
 * the same sample gets the same transform whichever partition, task or thread trains it: the
 * result does not depend on the partitioning. Never applied to test or scored data (the trainer
 * applies it to training batches only).
 */
public record Augmentation(int cropPadding, boolean flip) implements Serializable {
    /** No augmentation. */
    public static final Augmentation NONE = new Augmentation(0, false);
    static final String EXPECTED = "expected none, or a comma-separated list of crop:P (random crop after zero "
            + "padding of P) and flip (random horizontal mirror), e.g. crop:4,flip";

    public Augmentation {
        if (cropPadding < 0) {
            throw new IllegalArgumentException("crop padding must be >= 0, got " + cropPadding);
        }
    }

    /** {@code none}, or a comma-separated list of {@code crop:P} and {@code flip}; an IllegalArgumentException says what is expected. */
    public static Augmentation parse(String value) {
        String text = value.trim();
        if (text.equals("none")) {
            return NONE;
        }
        int crop = 0;
        boolean flip = false;
        for (String part : text.split(",", -1)) {
            String p = part.trim();
            if (p.equals("flip") && !flip) {
                flip = true;
            } else if (p.startsWith("crop:") && crop == 0) {
                try {
                    crop = Integer.parseInt(p.substring("crop:".length()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(EXPECTED);
                }
                if (crop < 1) {
                    throw new IllegalArgumentException("crop padding must be >= 1; " + EXPECTED);
                }
            } else {
                throw new IllegalArgumentException(EXPECTED);
            }
        }
        return new Augmentation(crop, flip);
    }

    public boolean isNone() {
        return cropPadding == 0 && !flip;
    }

    /**
     * Augments the sample at {@code images[offset ...]} of shape {@code sample} ({@code C x
     * spatial...}, at least one spatial dimension) in place, drawing from (seed, epoch, index).
     * {@code scratch} holds at least {@code sample.size()} floats.
     */
    public void apply(float[] images, int offset, Shape sample, long seed, int epoch, long index, float[] scratch) {
        if (isNone()) {
            return;
        }
        int dims = sample.rank() - 1;
        if (dims < 1) {
            throw new IllegalArgumentException("augmentation needs samples of channels x spatial dimensions, got "
                    + sample);
        }
        SplittableRandom random = new SplittableRandom(mix(seed, epoch, index));
        int[] shift = new int[dims];
        for (int d = 0; d < dims; d++) {
            shift[d] = cropPadding == 0 ? 0 : random.nextInt(2 * cropPadding + 1) - cropPadding;
        }
        boolean mirror = flip && random.nextBoolean();
        int size = sample.size();
        int channels = sample.dim(0);
        int plane = size / channels;
        System.arraycopy(images, offset, scratch, 0, size);
        int[] at = new int[dims];
        for (int o = 0; o < plane; o++) {
            // Output position o reads input position (o mirrored in the last axis) + shift, or zero outside.
            int rest = o;
            int source = 0;
            boolean inside = true;
            for (int d = dims - 1; d >= 0; d--) {
                int n = sample.dim(d + 1);
                at[d] = rest % n;
                rest /= n;
            }
            for (int d = 0; d < dims; d++) {
                int n = sample.dim(d + 1);
                int i = (mirror && d == dims - 1 ? n - 1 - at[d] : at[d]) + shift[d];
                inside &= i >= 0 && i < n;
                source = source * n + i;
            }
            for (int c = 0; c < channels; c++) {
                images[offset + c * plane + o] = inside ? scratch[c * plane + source] : 0f;
            }
        }
    }

    /** A seed per (seed, epoch, index): SplitMix64's finalizer over a distinct combination of the three. */
    private static long mix(long seed, int epoch, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L + index * 0x94D049BB133111EBL
                + 0x2545F4914F6CDD1DL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public String toString() {
        if (isNone()) {
            return "none";
        }
        return (cropPadding > 0 ? "crop:" + cropPadding : "") + (cropPadding > 0 && flip ? "," : "")
                + (flip ? "flip" : "");
    }
}
