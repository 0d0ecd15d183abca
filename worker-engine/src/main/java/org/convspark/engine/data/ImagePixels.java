package org.convspark.engine.data;

/**
 * Turns the pixel bytes of Spark's image data source (row-major, interleaved, OpenCV order: gray,
 * BGR or BGRA) into the model's layout: channel planes ({@code C x H x W}), RGB order, scaled to
 * {@code [0, 1]}. The rule for channel counts: a model with 3 input channels gets gray images
 * repeated into R, G and B; a model with 1 input channel gets colour images as luma
 * ({@code 0.299 R + 0.587 G + 0.114 B}, ITU-R BT.601); alpha is dropped. Other channel counts
 * are refused by the image reader before anything is decoded.
 */
public final class ImagePixels {
    /** BT.601 luma weights, for blue, green and red (the source's byte order). */
    private static final float LUMA_B = 0.114f;
    private static final float LUMA_G = 0.587f;
    private static final float LUMA_R = 0.299f;

    private ImagePixels() {
    }

    /** Whether a model with {@code channels} input channels can take images. */
    public static boolean supports(int channels) {
        return channels == 1 || channels == 3;
    }

    /**
     * Converts one image of {@code height x width} with {@code sourceChannels} (1, 3 or 4)
     * interleaved bytes per pixel into {@code targetChannels} (1 or 3) planes.
     */
    public static float[] toPlanes(byte[] data, int height, int width, int sourceChannels, int targetChannels) {
        int positions = height * width;
        if (data.length != positions * sourceChannels) {
            throw new IllegalArgumentException("expected " + positions * sourceChannels + " bytes for " + height + "x"
                    + width + "x" + sourceChannels + ", got " + data.length);
        }
        if (!supports(targetChannels) || sourceChannels < 1 || sourceChannels == 2 || sourceChannels > 4) {
            throw new IllegalArgumentException("cannot convert " + sourceChannels + " to " + targetChannels
                    + " channels");
        }
        float[] out = new float[positions * targetChannels];
        for (int p = 0; p < positions; p++) {
            int at = p * sourceChannels;
            if (sourceChannels == 1) {
                float gray = (data[at] & 0xff) / 255f;
                for (int c = 0; c < targetChannels; c++) {
                    out[c * positions + p] = gray;
                }
            } else {
                float blue = (data[at] & 0xff) / 255f;
                float green = (data[at + 1] & 0xff) / 255f;
                float red = (data[at + 2] & 0xff) / 255f;
                if (targetChannels == 1) {
                    out[p] = LUMA_R * red + LUMA_G * green + LUMA_B * blue;
                } else {
                    out[p] = red;
                    out[positions + p] = green;
                    out[2 * positions + p] = blue;
                }
            }
        }
        return out;
    }
}
