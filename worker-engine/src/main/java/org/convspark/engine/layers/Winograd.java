package org.convspark.engine.layers;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.convspark.engine.tensor.Buffer;

/**
 * One 3x3 stride-1 correlation by Winograd's minimal filtering F(2x2, 3x3) (Lavin and Gray,
 * 2015), channels-last: each 2x2 block of output positions ("tile") comes from a 4x4 block of
 * the zero-padded input, {@code Y = A^T [(G g G^T) . (B^T d B)] A}, so the 36 multiply-adds per
 * tile, input channel and output channel of the direct convolution become 16; the 16 elementwise
 * products summed over input channels are 16 matrix products {@code M[xi] = V[xi] U[xi]} ({@code
 * tiles x Cin} by {@code Cin x Cout}), which run on {@link LaneKernels}' tiles. The transforms
 * are additions over channel vectors. The weight gradient is {@code dU[xi] = V[xi]^T dM[xi]} with
 * {@code dM = A dY A^T}, then {@code dg = G^T dU G} ({@link #kernelGradient}).
 *
 * <p>Tiles go through in chunks whose transformed input and products fit in L2 (60 tiles at 64
 * channels either side): transformed, multiplied and transformed back before the next chunk. The
 * whole batch at once, as the formulas read, wrote 8 MB of {@code V} for ResNet's 64-channel 8x8
 * layer at batch 128 and ran at the memory's speed (its input transform alone took 2.9 ms, the
 * direct convolution's forward 3.4). For the same reason the weight gradient transforms the
 * kept padded input again rather than keeping {@code V}.
 *
 * <p>The transform matrices hold 0, +-1 and +-1/2 only, so the rounding stays that of a direct
 * convolution: against nested loops in double on Gaussian data, ResNet's 64-channel 8x8 layer at
 * batch 128 is within 3.2e-7 (output) and 3.4e-7 (input gradient) of the largest value, its weight
 * gradient (8,192 positions summed per value) within 2.8e-6; {@code WinogradConvTest} checks the
 * path against those loops, and the golden cases' tolerances hold.
 *
 * <p>Only loaded when the {@code jdk.incubator.vector} module is present.
 */
final class Winograd {
    private static final VectorSpecies<Float> SPECIES = LaneKernels.SPECIES;
    private static final int LANES = LaneKernels.LANES;
    /** Elements of a transformed tile (4x4). */
    static final int ALPHA = 16;
    /**
     * Floats of {@code V} and {@code M} per chunk of tiles, half of a 1 MB L2: 60 tiles at 64
     * channels either side, 24 at 128. Forward+backward ms, one thread, same runs, chunks of 2^16 /
     * 2^17 / 2^18 floats: 128->128 at 16x16 (batch 32) 43.2 / 36.8 / 44.4, 64->64 at 8x8 11.2 /
     * 10.7 / 11.0, at 32x32 40.5 / 38.3 / 40.5.
     */
    private static final int CHUNK_FLOATS = 1 << 17;

    private final int inChannels;
    private final int outChannels;
    private final int inRows;
    private final int inCols;
    private final int outRows;
    private final int outCols;
    private final int top;
    private final int left;
    private final int tileRows;
    private final int tileCols;
    private final int frameRows;
    private final int frameCols;
    private final int tilesPerSample;
    /** The reduction's offsets, {@code 0 .. Cin - 1}, padded with zeros to whole gradient tiles. */
    private final int[] channels;
    private final int channelsPadded;
    /** {@code U[xi]}, {@code Cin x Cout} each. */
    private final float[][] kernels = new float[ALPHA][];
    private final float[] zeros;
    /** Tiles per chunk, a multiple of {@link LaneKernels#POSITIONS}. */
    private final int chunk;
    /** A chunk's tiles' offsets in {@link #transformed} and {@link #products}. */
    private final int[] tileBase;
    private final int[] tileOut;

    /** The padded input, channels-last: only the image is ever written, so the border keeps a new array's zeros. */
    private final Buffer frames = new Buffer();
    /** This run's {@link #frames} array, which the transforms read. */
    private float[] frame;
    /** {@code V[xi]} of a chunk, {@code chunk x Cin} each. */
    private final float[][] transformed = new float[ALPHA][];
    /** {@code M[xi]} of a chunk, or {@code dM[xi]} in {@link #kernelGradient}: {@code chunk x Cout} each. */
    private final float[][] products = new float[ALPHA][];
    private final Buffer outputs = new Buffer();
    /** This run's {@link #outputs} array, which the output transform writes. */
    private float[] output;
    /** One tile's half-transformed vectors (see {@link #inputTransform}). */
    private final float[] scratch = new float[ALPHA * LANES];
    private final float[][] kernelGradients = new float[ALPHA][];

    /**
     * A correlation of {@code inChannels} planes {@code inRows x inCols}, zero-padded by {@code
     * top} and {@code left} (and as much as the output needs below and right), into {@code
     * outChannels} planes {@code outRows x outCols}.
     */
    Winograd(int inChannels, int outChannels, int inRows, int inCols, int top, int left, int outRows, int outCols) {
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.inRows = inRows;
        this.inCols = inCols;
        this.top = top;
        this.left = left;
        this.outRows = outRows;
        this.outCols = outCols;
        this.tileRows = (outRows + 1) / 2;
        this.tileCols = (outCols + 1) / 2;
        this.frameRows = 2 * tileRows + 2;
        this.frameCols = 2 * tileCols + 2;
        this.tilesPerSample = tileRows * tileCols;
        this.channelsPadded = DirectConv.roundUp(inChannels, LaneKernels.gradientTaps(outChannels));
        this.channels = new int[channelsPadded];
        for (int c = 0; c < inChannels; c++) {
            channels[c] = c;
        }
        int perTile = ALPHA * (inChannels + outChannels);
        this.chunk = Math.max(1, CHUNK_FLOATS / perTile / LaneKernels.POSITIONS) * LaneKernels.POSITIONS;
        this.tileBase = new int[chunk];
        this.tileOut = new int[chunk];
        for (int t = 0; t < chunk; t++) {
            tileBase[t] = t * inChannels;
            tileOut[t] = t * outChannels;
        }
        for (int x = 0; x < ALPHA; x++) {
            kernels[x] = new float[inChannels * outChannels];
            kernelGradients[x] = new float[channelsPadded * outChannels];
            transformed[x] = new float[chunk * inChannels];
            products[x] = new float[chunk * outChannels];
        }
        this.zeros = new float[outChannels];
    }

    /**
     * {@code U = G g G^T} for every pair of channels, {@code g[((o * Cin) + c) * 9 + a * 3 + b]}
     * the kernel this correlation applies.
     */
    void setKernels(float[] g) {
        float[] u = new float[ALPHA];
        float[] r = new float[12];
        for (int o = 0; o < outChannels; o++) {
            for (int c = 0; c < inChannels; c++) {
                int k = (o * inChannels + c) * 9;
                for (int b = 0; b < 3; b++) {
                    float g0 = g[k + b];
                    float g1 = g[k + 3 + b];
                    float g2 = g[k + 6 + b];
                    r[b] = g0;
                    r[3 + b] = 0.5f * (g0 + g1 + g2);
                    r[6 + b] = 0.5f * (g0 - g1 + g2);
                    r[9 + b] = g2;
                }
                for (int i = 0; i < 4; i++) {
                    float c0 = r[3 * i];
                    float c1 = r[3 * i + 1];
                    float c2 = r[3 * i + 2];
                    u[4 * i] = c0;
                    u[4 * i + 1] = 0.5f * (c0 + c1 + c2);
                    u[4 * i + 2] = 0.5f * (c0 - c1 + c2);
                    u[4 * i + 3] = c2;
                }
                for (int x = 0; x < ALPHA; x++) {
                    kernels[x][c * outChannels + o] = u[x];
                }
            }
        }
    }

    /**
     * The correlation of {@code batch} samples of {@code in} (planes) into {@code out} (planes),
     * plus {@code bias} per output channel unless null.
     */
    void run(float[] in, int batch, float[] bias, float[] out) {
        int sampleFrame = frameRows * frameCols * inChannels;
        frame = frames.get(batch * sampleFrame);
        ChannelsLast.fromPlanes(in, 0, batch, inChannels, inRows, inCols, frame, frameRows, frameCols, top, left);
        int positions = outRows * outCols;
        output = outputs.get(batch * positions * outChannels);
        int tiles = batch * tilesPerSample;
        for (int first = 0; first < tiles; first += chunk) {
            // A last chunk short of tiles multiplies stale rows too; their products are not read.
            int count = Math.min(chunk, tiles - first);
            transformInputs(first, count);
            for (int x = 0; x < ALPHA; x++) {
                LaneKernels.tiles(kernels[x], outChannels, inChannels, channels, transformed[x], tileBase, tileOut, 0,
                        chunk, zeros, products[x], outChannels);
            }
            transformOutputs(first, count, bias);
        }
        ChannelsLast.toPlanes(output, batch, positions, outChannels, out, 0);
    }

    /** Rows of the upstream gradient's frame that {@link #kernelGradient} reads: whole tiles. */
    int gradientRows() {
        return 2 * tileRows;
    }

    /** Columns of that frame. */
    int gradientCols() {
        return 2 * tileCols;
    }

    /**
     * Adds to {@code g} (laid out as {@link #setKernels} reads it) the gradient of the kernel
     * from the upstream gradient {@code dy} and the input of the last {@link #run}, which had the
     * same batch. {@code dy} is channels-last in frames {@link #gradientRows()} x {@link
     * #gradientCols()}, zero outside the output: a tile's four values are then always loaded, where
     * a load or a zero (a phi of vectors, for the odd sizes' last tiles) made C2 box every vector
     * (120 MB a ResNet-20 step).
     */
    void kernelGradient(float[] dy, int batch, float[] g) {
        int tiles = batch * tilesPerSample;
        for (int x = 0; x < ALPHA; x++) {
            java.util.Arrays.fill(kernelGradients[x], 0f);
        }
        for (int first = 0; first < tiles; first += chunk) {
            int count = Math.min(chunk, tiles - first);
            transformInputs(first, count);
            transformGradients(dy, first, count);
            for (int x = 0; x < ALPHA; x++) {
                LaneKernels.gradients(products[x], 0, channels, channelsPadded, transformed[x], tileBase, 0, count,
                        kernelGradients[x], outChannels);
            }
        }
        float[] h = new float[12];
        for (int o = 0; o < outChannels; o++) {
            for (int c = 0; c < inChannels; c++) {
                int at = c * outChannels + o;
                // dg = G^T dU G: rows first (3 x 4), then columns (3 x 3).
                for (int j = 0; j < 4; j++) {
                    float u0 = kernelGradients[j][at];
                    float u1 = kernelGradients[4 + j][at];
                    float u2 = kernelGradients[8 + j][at];
                    float u3 = kernelGradients[12 + j][at];
                    h[j] = u0 + 0.5f * (u1 + u2);
                    h[4 + j] = 0.5f * (u1 - u2);
                    h[8 + j] = 0.5f * (u1 + u2) + u3;
                }
                int k = (o * inChannels + c) * 9;
                for (int a = 0; a < 3; a++) {
                    float h0 = h[4 * a];
                    float h1 = h[4 * a + 1];
                    float h2 = h[4 * a + 2];
                    float h3 = h[4 * a + 3];
                    g[k + 3 * a] += h0 + 0.5f * (h1 + h2);
                    g[k + 3 * a + 1] += 0.5f * (h1 - h2);
                    g[k + 3 * a + 2] += 0.5f * (h1 + h2) + h3;
                }
            }
        }
    }

    /** Where tile {@code t}'s first output position is: sample, row and column. */
    private int sample(int t) {
        return t / tilesPerSample;
    }

    private int tileRow(int t) {
        return 2 * (t % tilesPerSample / tileCols);
    }

    private int tileCol(int t) {
        return 2 * (t % tileCols);
    }

    /** {@code V} for tiles {@code first ..} into the chunk's rows {@code 0 .. count - 1}. */
    private void transformInputs(int first, int count) {
        for (int row = 0; row < count; row++) {
            int t = first + row;
            int f = ((sample(t) * frameRows + tileRow(t)) * frameCols + tileCol(t)) * inChannels;
            for (int c = 0; c < inChannels; c += LANES) {
                inputTransform(f + c, row * inChannels + c);
            }
        }
    }

    /** {@code Y} for tiles {@code first ..} from the chunk's rows {@code 0 .. count - 1}. */
    private void transformOutputs(int first, int count, float[] bias) {
        for (int row = 0; row < count; row++) {
            int t = first + row;
            int y = tileRow(t);
            int x = tileCol(t);
            int at = ((sample(t) * outRows + y) * outCols + x) * outChannels;
            boolean right = x + 1 < outCols;
            boolean below = y + 1 < outRows;
            for (int o = 0; o < outChannels; o += LANES) {
                outputTransform(row * outChannels + o, at + o, right, below, bias, o);
            }
        }
    }

    /** {@code dM} for tiles {@code first ..} into the chunk's rows {@code 0 .. count - 1}. */
    private void transformGradients(float[] dy, int first, int count) {
        for (int row = 0; row < count; row++) {
            int t = first + row;
            int at = ((sample(t) * gradientRows() + tileRow(t)) * gradientCols() + tileCol(t)) * outChannels;
            for (int o = 0; o < outChannels; o += LANES) {
                gradientTransform(dy, at + o, row * outChannels + o);
            }
        }
    }

    /** {@code V = B^T d B} for the 4x4 block at {@code frame[f...]} (one vector of channels), into the chunk at {@code v}. */
    private void inputTransform(int f, int v) {
        // In two passes through a scratch tile, four vectors live at a time. Written as one
        // method with sixteen, C2 (JDK 17) compiled it unboxed alone but, once it was inlined into
        // a training step, boxed every vector (120 MB a ResNet-20 step).
        int n = inChannels;
        int ld = frameCols * n;
        for (int k = 0; k < 4; k++) {
            // Column k: B^T down the rows gives d0 - d2, d1 + d2, d2 - d1, d1 - d3.
            int at = f + k * n;
            FloatVector d0 = load(frame, at);
            FloatVector d1 = load(frame, at + ld);
            FloatVector d2 = load(frame, at + 2 * ld);
            FloatVector d3 = load(frame, at + 3 * ld);
            d0.sub(d2).intoArray(scratch, k * LANES);
            d1.add(d2).intoArray(scratch, (4 + k) * LANES);
            d2.sub(d1).intoArray(scratch, (8 + k) * LANES);
            d1.sub(d3).intoArray(scratch, (12 + k) * LANES);
        }
        for (int i = 0; i < 4; i++) {
            // Row i: B across the columns.
            FloatVector x0 = load(scratch, 4 * i * LANES);
            FloatVector x1 = load(scratch, (4 * i + 1) * LANES);
            FloatVector x2 = load(scratch, (4 * i + 2) * LANES);
            FloatVector x3 = load(scratch, (4 * i + 3) * LANES);
            x0.sub(x2).intoArray(transformed[4 * i], v);
            x1.add(x2).intoArray(transformed[4 * i + 1], v);
            x2.sub(x1).intoArray(transformed[4 * i + 2], v);
            x1.sub(x3).intoArray(transformed[4 * i + 3], v);
        }
    }

    /**
     * {@code Y = A^T M A} plus the bias (output channels {@code o ..}) from the chunk at {@code m}
     * into the output at {@code at}: its right column and lower row only where they are inside.
     */
    private void outputTransform(int m, int at, boolean right, boolean below, float[] bias, int o) {
        // A^T down each column k: rows m0 + m1 + m2 (a) and m1 - m2 - m3 (b). Written out (as in inputTransform, no helper takes or returns a vector).
        FloatVector m1 = load(products[4], m);
        FloatVector m2 = load(products[8], m);
        FloatVector a0 = load(products[0], m).add(m1).add(m2);
        FloatVector b0 = m1.sub(m2).sub(load(products[12], m));
        m1 = load(products[5], m);
        m2 = load(products[9], m);
        FloatVector a1 = load(products[1], m).add(m1).add(m2);
        FloatVector b1 = m1.sub(m2).sub(load(products[13], m));
        m1 = load(products[6], m);
        m2 = load(products[10], m);
        FloatVector a2 = load(products[2], m).add(m1).add(m2);
        FloatVector b2 = m1.sub(m2).sub(load(products[14], m));
        m1 = load(products[7], m);
        m2 = load(products[11], m);
        FloatVector a3 = load(products[3], m).add(m1).add(m2);
        FloatVector b3 = m1.sub(m2).sub(load(products[15], m));
        FloatVector b = bias == null ? FloatVector.zero(SPECIES) : FloatVector.fromArray(SPECIES, bias, o);
        a0.add(a1).add(a2).add(b).intoArray(output, at);
        if (right) {
            a1.sub(a2).sub(a3).add(b).intoArray(output, at + outChannels);
        }
        if (below) {
            at += outCols * outChannels;
            b0.add(b1).add(b2).add(b).intoArray(output, at);
            if (right) {
                b1.sub(b2).sub(b3).add(b).intoArray(output, at + outChannels);
            }
        }
    }

    /**
     * {@code dM = A dY A^T} for the 2x2 block of {@code dy} at {@code at} (one vector of output
     * channels) into the chunk's {@link #products} at {@code m}.
     */
    private void gradientTransform(float[] dy, int at, int m) {
        int down = gradientCols() * outChannels;
        FloatVector y00 = load(dy, at);
        FloatVector y01 = load(dy, at + outChannels);
        FloatVector y10 = load(dy, at + down);
        FloatVector y11 = load(dy, at + down + outChannels);
        // A dY: rows y0, y0 + y1, y0 - y1, -y1 (y0, y1 the rows of dY); A^T across each row
        // (e0, e0 + e1, e0 - e1, -e1). Written out (as in inputTransform, no helper takes or returns a vector).
        y00.intoArray(products[0], m);
        y00.add(y01).intoArray(products[1], m);
        y00.sub(y01).intoArray(products[2], m);
        y01.neg().intoArray(products[3], m);
        FloatVector e0 = y00.add(y10);
        FloatVector e1 = y01.add(y11);
        e0.intoArray(products[4], m);
        e0.add(e1).intoArray(products[5], m);
        e0.sub(e1).intoArray(products[6], m);
        e1.neg().intoArray(products[7], m);
        e0 = y00.sub(y10);
        e1 = y01.sub(y11);
        e0.intoArray(products[8], m);
        e0.add(e1).intoArray(products[9], m);
        e0.sub(e1).intoArray(products[10], m);
        e1.neg().intoArray(products[11], m);
        y10.neg().intoArray(products[12], m);
        y10.neg().add(y11.neg()).intoArray(products[13], m);
        y11.sub(y10).intoArray(products[14], m);
        y11.intoArray(products[15], m);
    }

    private static FloatVector load(float[] a, int at) {
        return FloatVector.fromArray(SPECIES, a, at);
    }
}
