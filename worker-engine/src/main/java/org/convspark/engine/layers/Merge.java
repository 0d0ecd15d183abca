package org.convspark.engine.layers;

import java.util.List;
import org.convspark.engine.tensor.Buffer;
import org.convspark.engine.tensor.Shape;
import org.convspark.engine.tensor.Tensor;

/**
 * A layer that joins several nodes of a model graph ({@code add}, {@code concat}). It has no
 * parameters and runs on all its inputs at once: {@link #merge} forward, {@link #split} backward
 * (one gradient per input, each in a buffer of its own, so the network may add any of them into
 * another node's gradient without touching the others). The one-input {@link Layer} methods refuse.
 */
public abstract class Merge extends ParameterFreeLayer {
    protected final List<Shape> inputShapes;
    private final Buffer output = new Buffer();
    private final Buffer[] gradients;
    private int lastBatch = -1;

    protected Merge(List<Shape> inputShapes, Shape outputShape) {
        super(inputShapes.get(0), outputShape);
        this.inputShapes = List.copyOf(inputShapes);
        this.gradients = new Buffer[inputShapes.size()];
        for (int k = 0; k < gradients.length; k++) {
            gradients[k] = new Buffer();
        }
    }

    /** Forward over the inputs' batches, in the order of the spec's {@code inputs}. */
    public final Tensor merge(Tensor[] inputs) {
        int batch = inputs[0].batch();
        for (int k = 0; k < inputs.length; k++) {
            BatchShape.require(type(), "input " + k, inputs[k], inputShapes.get(k));
            if (inputs[k].batch() != batch) {
                throw new IllegalArgumentException(type() + ": input " + k + " has batch " + inputs[k].batch()
                        + ", input 0 " + batch);
            }
        }
        lastBatch = batch;
        float[] y = output.get(batch * outputShape.size());
        forward(inputs, batch, y);
        return new Tensor(y, outputShape.prepend(batch));
    }

    /** The gradient of each input, for the last {@link #merge}'s batch. */
    public final Tensor[] split(Tensor gradOutput) {
        BatchShape.requireBackward(type(), gradOutput, outputShape, lastBatch);
        Tensor[] out = new Tensor[gradients.length];
        float[][] arrays = new float[gradients.length][];
        for (int k = 0; k < gradients.length; k++) {
            arrays[k] = gradients[k].get(lastBatch * inputShapes.get(k).size());
            out[k] = new Tensor(arrays[k], inputShapes.get(k).prepend(lastBatch));
        }
        backward(gradOutput.data(), lastBatch, arrays);
        return out;
    }

    protected abstract String type();

    /** Writes the output of {@code batch} samples into {@code y}. */
    protected abstract void forward(Tensor[] inputs, int batch, float[] y);

    /** Writes each input's gradient into {@code dx[k]}. */
    protected abstract void backward(float[] dy, int batch, float[][] dx);

    @Override
    public final Tensor forward(Tensor input, float[] params, int offset, boolean training) {
        throw new UnsupportedOperationException(type() + " merges " + inputShapes.size() + " inputs: call merge");
    }

    @Override
    public final Tensor backward(Tensor gradOutput, float[] params, int offset, float[] grads) {
        throw new UnsupportedOperationException(type() + " merges " + inputShapes.size() + " inputs: call split");
    }

    @Override
    public String toString() {
        return type() + " " + inputShapes + " -> " + outputShape;
    }

    /** Element-wise sum (a residual connection): the gradient passes unchanged to every input. */
    public static final class Add extends Merge {
        public Add(List<Shape> inputShapes) {
            super(inputShapes, inputShapes.get(0));
        }

        @Override
        protected String type() {
            return "add";
        }

        @Override
        protected void forward(Tensor[] inputs, int batch, float[] y) {
            int n = batch * outputShape.size();
            System.arraycopy(inputs[0].data(), 0, y, 0, n);
            for (int k = 1; k < inputs.length; k++) {
                float[] x = inputs[k].data();
                for (int i = 0; i < n; i++) {
                    y[i] += x[i];
                }
            }
        }

        @Override
        protected void backward(float[] dy, int batch, float[][] dx) {
            int n = batch * outputShape.size();
            for (float[] d : dx) {
                System.arraycopy(dy, 0, d, 0, n);
            }
        }
    }

    /** Stacked along the channels: each sample's inputs one after the other. */
    public static final class Concat extends Merge {
        public Concat(List<Shape> inputShapes, Shape outputShape) {
            super(inputShapes, outputShape);
        }

        @Override
        protected String type() {
            return "concat";
        }

        @Override
        protected void forward(Tensor[] inputs, int batch, float[] y) {
            int out = outputShape.size();
            for (int n = 0; n < batch; n++) {
                int at = n * out;
                for (int k = 0; k < inputs.length; k++) {
                    int size = inputShapes.get(k).size();
                    System.arraycopy(inputs[k].data(), n * size, y, at, size);
                    at += size;
                }
            }
        }

        @Override
        protected void backward(float[] dy, int batch, float[][] dx) {
            int out = outputShape.size();
            for (int n = 0; n < batch; n++) {
                int at = n * out;
                for (int k = 0; k < dx.length; k++) {
                    int size = inputShapes.get(k).size();
                    System.arraycopy(dy, at, dx[k], n * size, size);
                    at += size;
                }
            }
        }
    }
}
