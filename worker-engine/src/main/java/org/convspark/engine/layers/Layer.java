package org.convspark.engine.layers;

import org.convspark.engine.tensor.Shape;
import org.convspark.engine.tensor.Tensor;

/**
 * One layer of a network over a batch. A layer is built for a fixed per-sample input shape
 * ({@code C, spatial...} or {@code features}) and owns the parameter range
 * {@code [offset, offset + parameterCount())} of the network's flat parameter array, which is
 * passed in on every call; it keeps no parameters of its own.
 *
 * <p>Lifecycle: {@code forward} (caches what backward needs), then {@code backward} for the
 * same batch. Tensors returned live in the layer's reusable buffers and stay valid until the
 * layer's next call of the same method. A layer is not thread-safe: one instance per thread.
 */
public interface Layer {
    /** Per-sample input shape this layer was built for. */
    Shape inputShape();

    /** Per-sample output shape. */
    Shape outputShape();

    /** Number of parameters (weights then biases, in PyTorch's layout). */
    int parameterCount();

    /** Writes initial values into {@code params[offset ...]}; no-op for parameter-free layers. */
    void initialize(float[] params, int offset, java.util.Random rng);

    /** Forward over a batch {@code N x inputShape}; {@code training} enables dropout. */
    Tensor forward(Tensor input, float[] params, int offset, boolean training);

    /**
     * Backward for the batch of the last {@code forward}: adds parameter gradients into
     * {@code grads[offset ...]} (accumulates, never overwrites) and returns the input gradient,
     * or null if told by {@link #setNeedsInputGradient} that nobody needs it.
     */
    Tensor backward(Tensor gradOutput, float[] params, int offset, float[] grads);

    /**
     * Says whether {@code backward} must compute the input gradient (default: it must). A network
     * tells its first layer it need not: nothing consumes the gradient of the data, and for a
     * convolution it is a third of the backward work plus a col2im. Layers may ignore the hint
     * and return the gradient anyway; this default does.
     */
    default void setNeedsInputGradient(boolean needed) {
    }
}
