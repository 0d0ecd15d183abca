package org.convspark.engine.layers;

import org.convspark.engine.geometry.ConvGeometry;
import org.convspark.engine.testing.ReferencePadding;

/**
 * Reference convolution by direct nested loops in double, sharing nothing with the engine but
 * the resolved pad widths: its own output sizes, its own N-d index walk and its own padding
 * maps (reflect by repeated mirroring). Forward and all three gradients.
 */
final class NaiveConv {
    final double[] output;
    final double[] gradInput;
    final double[] gradWeight;
    final double[] gradBias;

    private final ConvGeometry g;
    private final int dims;
    private final int[] inSpatial;
    private final int[] outSpatial;
    private final int inPlane;
    private final int outPlane;
    private final int kernelVolume;

    /**
     * Runs forward on {@code x} ({@code batch x inChannels x inSpatial}) with weights {@code w}
     * (and biases {@code b}, or null) and backward with upstream gradient {@code dy} (may be null).
     */
    NaiveConv(ConvGeometry g, int batch, int inChannels, int[] inSpatial, int outChannels,
              float[] x, float[] w, float[] b, float[] dy) {
        this.g = g;
        this.dims = g.dims();
        this.inSpatial = inSpatial.clone();
        this.outSpatial = new int[dims];
        for (int i = 0; i < dims; i++) {
            int padded = inSpatial[i] + g.padBefore(i) + g.padAfter(i);
            outSpatial[i] = (padded - g.dilation(i) * (g.kernel(i) - 1) - 1) / g.stride(i) + 1;
        }
        this.inPlane = product(inSpatial);
        this.outPlane = product(outSpatial);
        this.kernelVolume = product(g.kernel());
        int groups = g.groups();
        int cinG = inChannels / groups;
        int coutG = outChannels / groups;
        output = new double[batch * outChannels * outPlane];
        gradInput = new double[x.length];
        gradWeight = new double[w.length];
        gradBias = new double[outChannels];
        int[] o = new int[dims];
        int[] t = new int[dims];
        for (int n = 0; n < batch; n++) {
            for (int co = 0; co < outChannels; co++) {
                int group = co / coutG;
                for (int po = 0; po < outPlane; po++) {
                    unflatten(po, outSpatial, o);
                    int yi = (n * outChannels + co) * outPlane + po;
                    double sum = b == null ? 0 : b[co];
                    double up = dy == null ? 0 : dy[yi];
                    gradBias[co] += up;
                    for (int ci = 0; ci < cinG; ci++) {
                        int xPlane = (n * inChannels + group * cinG + ci) * inPlane;
                        for (int pt = 0; pt < kernelVolume; pt++) {
                            unflatten(pt, g.kernel(), t);
                            int src = source(o, t);
                            if (src < 0) {
                                continue;
                            }
                            int wi = (co * cinG + ci) * kernelVolume + pt;
                            sum += (double) w[wi] * x[xPlane + src];
                            gradInput[xPlane + src] += up * w[wi];
                            gradWeight[wi] += up * x[xPlane + src];
                        }
                    }
                    output[yi] = sum;
                }
            }
        }
        if (b == null) {
            java.util.Arrays.fill(gradBias, 0);
        }
    }

    int[] outSpatial() {
        return outSpatial.clone();
    }

    /** Flat in-plane index of the input pixel tap {@code t} of output {@code o} reads, or -1 for zero. */
    private int source(int[] o, int[] t) {
        int flat = 0;
        for (int i = 0; i < dims; i++) {
            int pos = o[i] * g.stride(i) - g.padBefore(i) + t[i] * g.dilation(i);
            int s = ReferencePadding.map(g.paddingMode(), pos, inSpatial[i]);
            if (s < 0) {
                return -1;
            }
            flat = flat * inSpatial[i] + s;
        }
        return flat;
    }

    private static void unflatten(int flat, int[] sizes, int[] out) {
        for (int i = sizes.length - 1; i >= 0; i--) {
            out[i] = flat % sizes[i];
            flat /= sizes[i];
        }
    }

    private static int product(int[] a) {
        int p = 1;
        for (int v : a) {
            p *= v;
        }
        return p;
    }
}
