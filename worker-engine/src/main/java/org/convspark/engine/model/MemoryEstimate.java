package org.convspark.engine.model;

import org.convspark.engine.geometry.PaddingMode;
import org.convspark.engine.layers.Conv;
import org.convspark.engine.spec.BatchNormSpec;
import org.convspark.engine.spec.ConvSpec;
import org.convspark.engine.spec.ConvTransposeSpec;
import org.convspark.engine.spec.DropoutSpec;
import org.convspark.engine.spec.LayerSpec;
import org.convspark.engine.spec.MaxPoolSpec;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.tensor.Shape;

/**
 * What training a {@link ModelSpec} holds in memory, computed from the spec alone (no network is
 * built, so a spec far too large to build can still be measured and refused with its numbers).
 * Counts follow the engine's own buffers: a {@link Network} runs a batch in chunks of at most
 * {@code Network.DEFAULT_CHUNK_FLOATS} activation floats (one sample when a sample alone is
 * larger); each layer keeps its output and input-gradient buffers for a chunk, pooling layers an
 * index and dropout a mask per output. A conv layer's im2col columns ({@code C_in * kernel
 * volume} rows, plus one for the bias, by output positions, per sample) are kept for backward
 * when a chunk's fit in {@link Conv#CACHE_FLOATS}, and built in blocks of about
 * {@link Conv#BLOCK_FLOATS} (a tile of about {@link Conv#TILE_FLOATS} of a larger sample)
 * otherwise.
 *
 * @param parameters             flat parameter count
 * @param inputFloats            floats of one input sample
 * @param activationFloats       input plus every layer's output, per sample (what a chunk is sized by)
 * @param workspaceFloatsPerSample the per-sample buffers of forward and backward: outputs, input
 *                               gradients, pooling indices and dropout masks
 * @param chunkSamples           samples a network processes at once; {@code Long.MAX_VALUE} with batch
 *                               norm, which trains a task's whole share at once
 * @param im2colFloats           all conv layers' im2col buffers together (for a whole chunk; with
 *                               batch norm each conv's kept columns counted at their cap)
 * @param largestIm2colLayer     the conv layer with the largest im2col buffers, or -1 without conv layers
 * @param largestIm2colFloats    their size
 */
public record MemoryEstimate(long parameters, long inputFloats, long activationFloats, long workspaceFloatsPerSample,
                             long chunkSamples, long im2colFloats, int largestIm2colLayer, long largestIm2colFloats) {

    public static MemoryEstimate of(ModelSpec spec) {
        long input = elements(spec.input());
        long activations = input;
        long workspace = 0;
        long im2col = 0;
        int largestLayer = -1;
        long largest = 0;
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec layer = spec.layers().get(i);
            Shape in = spec.inputShape(i);
            long out = elements(spec.outputShape(i));
            if (spec.readers(i) > 1) {
                // The sum of its readers' gradients (Network's gradientSums).
                workspace = plus(workspace, out);
            }
            activations = plus(activations, out);
            // Its output, the gradient it returns for its input, and a pooling index or dropout mask per output.
            // (batch norm: its normalized input)
            boolean perOutputExtra = layer instanceof MaxPoolSpec || layer instanceof DropoutSpec
                    || layer instanceof BatchNormSpec;
            workspace = plus(workspace, plus(plus(out, elements(in)), perOutputExtra ? out : 0));
            if (layer instanceof ConvSpec conv && conv.geometry().paddingMode() == PaddingMode.MEAN) {
                // MeanPaddedConv's padded copy of its input and that copy's gradient.
                workspace = plus(workspace, times(2, paddedElements(conv, in)));
            }
        }
        // A network with batch norm trains a task's whole share at once (its statistics are the batch's).
        long chunk = spec.stateCount() > 0 ? Long.MAX_VALUE
                : Network.chunkSamples(activations, Network.DEFAULT_CHUNK_FLOATS);
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec layer = spec.layers().get(i);
            long cols = -1;
            if (layer instanceof ConvSpec conv) {
                cols = im2colBuffers(conv, spec.inputShape(i), elements(spec.outputShape(i)), chunk);
            } else if (layer instanceof ConvTransposeSpec t) {
                // Its adjoint conv's columns, over this layer's output.
                cols = im2colBuffers(t.adjoint(spec.inputShape(i)), spec.outputShape(i), elements(spec.inputShape(i)),
                        chunk);
            }
            if (cols >= 0) {
                im2col = plus(im2col, cols);
                if (cols > largest) {
                    largest = cols;
                    largestLayer = i;
                }
            }
        }
        return new MemoryEstimate(spec.parameterCount(), input, activations, workspace, chunk, im2col, largestLayer,
                largest);
    }

    /** Elements of one sample's input with a conv's padding added on every side. */
    private static long paddedElements(ConvSpec conv, Shape in) {
        long n = in.dim(0);
        for (int d = 1; d < in.rank(); d++) {
            n = times(n, in.dim(d) + conv.geometry().padBefore(d - 1) + conv.geometry().padAfter(d - 1));
        }
        return n;
    }

    /** The columns a conv layer keeps for a chunk (when they fit its cache) plus its block or tile scratch. */
    private static long im2colBuffers(ConvSpec conv, Shape in, long out, long chunk) {
        long perSample = times(plus(times(in.dim(0), conv.geometry().kernelVolume()), conv.bias() ? 1 : 0),
                out / conv.outChannels());
        long chunkColumns = times(perSample, chunk);
        // An unbounded chunk (batch norm) caches a share's columns whenever they fit: at most the cache.
        long cached = chunkColumns <= Conv.CACHE_FLOATS ? chunkColumns : chunk == Long.MAX_VALUE ? Conv.CACHE_FLOATS : 0;
        long block = Math.min(chunkColumns, Math.max(Conv.BLOCK_FLOATS, Math.min(perSample, 2L * Conv.TILE_FLOATS)));
        return plus(cached, block);
    }

    /**
     * Bytes one thread needs to compute the gradient of {@code samples} samples: the gradient sum,
     * the gathered input samples, the layer buffers of one chunk, and the im2col matrices.
     */
    public long taskBytes(long samples) {
        return times(Float.BYTES, plus(plus(parameters, times(samples, inputFloats)),
                plus(workspaceFloats(samples), im2colFloats)));
    }

    /** Floats of the forward and backward layer buffers for {@code samples} samples (chunked). */
    public long workspaceFloats(long samples) {
        return times(Math.min(Math.max(samples, 1), chunkSamples), workspaceFloatsPerSample);
    }

    private static long elements(Shape shape) {
        long n = 1;
        for (int d : shape.dims()) {
            n = times(n, d);
        }
        return n;
    }

    /**
     * Saturating product of non-negative counts: a spec of absurd sizes measures as
     * {@code Long.MAX_VALUE}, never as a wrapped small number.
     */
    public static long times(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        return high != 0 || low < 0 ? Long.MAX_VALUE : low;
    }

    /** Saturating sum of non-negative counts. */
    public static long plus(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
