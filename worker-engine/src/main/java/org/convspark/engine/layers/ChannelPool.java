package org.convspark.engine.layers;

import org.convspark.engine.tensor.Buffer;
import org.convspark.engine.tensor.Shape;
import org.convspark.engine.tensor.Tensor;

/**
 * What the parameter-free pooling layers share: each channel plane of each sample maps to one
 * output plane on its own, so a batch is a loop over {@code N * C} planes; subclasses say what
 * one plane does forward and backward.
 */
abstract class ChannelPool extends ParameterFreeLayer {
    private final String type;
    private final int inputPlane;
    private final int outputPlane;
    private final Buffer output = new Buffer();
    private final Buffer gradInput = new Buffer();
    private int batch = -1;

    ChannelPool(String type, Shape inputShape, Shape outputShape) {
        super(inputShape, outputShape);
        this.type = type;
        int channels = inputShape.dim(0);
        this.inputPlane = inputShape.size() / channels;
        this.outputPlane = outputShape.size() / channels;
    }

    @Override
    public final Tensor forward(Tensor input, float[] params, int offset, boolean training) {
        BatchShape.require(type, "input", input, inputShape);
        batch = input.batch();
        int planes = batch * inputShape.dim(0);
        float[] y = output.get(planes * outputPlane);
        beginForward(planes * outputPlane);
        float[] x = input.data();
        for (int q = 0; q < planes; q++) {
            forwardPlane(x, q * inputPlane, y, q * outputPlane);
        }
        return new Tensor(y, outputShape.prepend(batch));
    }

    @Override
    public final Tensor backward(Tensor gradOutput, float[] params, int offset, float[] grads) {
        BatchShape.requireBackward(type, gradOutput, outputShape, batch);
        int planes = batch * inputShape.dim(0);
        float[] dx = gradInput.zeroed(planes * inputPlane);
        float[] dy = gradOutput.data();
        for (int q = 0; q < planes; q++) {
            backwardPlane(dy, q * outputPlane, dx, q * inputPlane);
        }
        return new Tensor(dx, inputShape.prepend(batch));
    }

    @Override
    public String toString() {
        return type + " " + inputShape + " -> " + outputShape;
    }

    /** Called once per forward with the number of output elements, before the planes. */
    void beginForward(int outputElements) {
    }

    /** One input plane at {@code x[xOffset...]} to one output plane at {@code y[yOffset...]}. */
    abstract void forwardPlane(float[] x, int xOffset, float[] y, int yOffset);

    /** Adds the input gradient of one plane into {@code dx[dxOffset...]} (zeroed beforehand). */
    abstract void backwardPlane(float[] dy, int dyOffset, float[] dx, int dxOffset);
}
