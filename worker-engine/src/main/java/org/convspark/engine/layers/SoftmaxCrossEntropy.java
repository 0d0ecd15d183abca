package org.convspark.engine.layers;

import org.convspark.engine.tensor.Buffer;
import org.convspark.engine.tensor.Shape;
import org.convspark.engine.tensor.Tensor;

/**
 * Softmax followed by cross-entropy against integer labels, over a batch of logits
 * {@code N x classes}. The loss uses log-sum-exp shifted by the row maximum, so large logits
 * neither overflow nor lose the answer. Returns the loss SUM and its gradient per sample,
 * {@code softmax - onehot}, not divided by N: sums from any split of a batch add up.
 */
public final class SoftmaxCrossEntropy {
    private final int classes;
    private final Buffer gradient = new Buffer();
    private Tensor lastGradient;

    public SoftmaxCrossEntropy(int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("softmax cross-entropy needs >= 1 class, got " + classes);
        }
        this.classes = classes;
    }

    public int classes() {
        return classes;
    }

    /** Loss sum and correct count of {@code logits} against {@code labels[labelOffset ...]}. */
    public BatchResult loss(Tensor logits, int[] labels, int labelOffset) {
        return compute(logits, labels, labelOffset, null);
    }

    /** Like {@link #loss}, and computes {@code dLoss/dLogits}, which {@link #gradient()} then returns. */
    public BatchResult lossAndGradient(Tensor logits, int[] labels, int labelOffset) {
        float[] g = gradient.get(logits.size());
        BatchResult r = compute(logits, labels, labelOffset, g);
        lastGradient = new Tensor(g, logits.shape());
        return r;
    }

    /** The gradient of the last {@link #lossAndGradient}, in a reusable buffer valid until the next call. */
    public Tensor gradient() {
        if (lastGradient == null) {
            throw new IllegalStateException("softmax cross-entropy: gradient() before lossAndGradient()");
        }
        return lastGradient;
    }

    private BatchResult compute(Tensor logits, int[] labels, int labelOffset, float[] grad) {
        BatchShape.require("softmax cross-entropy", "logits", logits, Shape.of(classes));
        int n = logits.batch();
        if (labelOffset < 0 || labelOffset + n > labels.length) {
            throw new IllegalArgumentException("softmax cross-entropy: labels [" + labelOffset + ", "
                    + (labelOffset + n) + ") out of an array of " + labels.length);
        }
        float[] z = logits.data();
        double lossSum = 0;
        long correct = 0;
        for (int r = 0; r < n; r++) {
            int label = labels[labelOffset + r];
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException("label " + label + " of sample " + r + " is outside [0, "
                        + classes + ")");
            }
            int row = r * classes;
            int argmax = argmax(z, row, classes);
            double logSumExp = logSumExp(z, row, z[row + argmax]);
            lossSum += logSumExp - z[row + label];
            if (argmax == label) {
                correct++;
            }
            if (grad != null) {
                for (int c = 0; c < classes; c++) {
                    grad[row + c] = (float) Math.exp(z[row + c] - logSumExp);
                }
                grad[row + label] -= 1f;
            }
        }
        return new BatchResult(lossSum, correct, n);
    }

    /** Softmax of each row of {@code logits} into {@code out[outOffset ...]}. */
    public void probabilities(Tensor logits, float[] out, int outOffset) {
        BatchShape.require("softmax", "logits", logits, Shape.of(classes));
        int n = logits.batch();
        float[] z = logits.data();
        for (int r = 0; r < n; r++) {
            int row = r * classes;
            double logSumExp = logSumExp(z, row, z[row + argmax(z, row, classes)]);
            for (int c = 0; c < classes; c++) {
                out[outOffset + row + c] = (float) Math.exp(z[row + c] - logSumExp);
            }
        }
    }

    /** {@code log sum exp z}, shifted by the row maximum so no term overflows. */
    private double logSumExp(float[] z, int row, double max) {
        double sumExp = 0;
        for (int c = 0; c < classes; c++) {
            sumExp += Math.exp(z[row + c] - max);
        }
        return max + Math.log(sumExp);
    }

    /** The first index of the row maximum (PyTorch's tie rule); NaN compares as never greater. */
    private static int argmax(float[] z, int row, int classes) {
        int best = 0;
        for (int c = 1; c < classes; c++) {
            if (z[row + c] > z[row + best]) {
                best = c;
            }
        }
        return best;
    }
}
