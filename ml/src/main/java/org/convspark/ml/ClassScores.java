package org.convspark.ml;

/**
 * From a model's class scores to what a Spark probabilistic classifier outputs: the raw
 * prediction is the logits, the probability their softmax (computed in double, shifted by the
 * maximum so no term overflows), and the prediction the class with the largest
 * {@code probability / threshold}: the rule the {@code thresholds} param documents (without
 * thresholds, the largest probability; the first on ties). The model's single-row methods and its
 * batched {@code transform} both go through here, so they agree.
 */
final class ClassScores {
    private ClassScores() {
    }

    /** Replaces {@code scores} by their softmax. */
    static void softmaxInPlace(double[] scores) {
        double max = Double.NEGATIVE_INFINITY;
        for (double s : scores) {
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int i = 0; i < scores.length; i++) {
            scores[i] = Math.exp(scores[i] - max);
            sum += scores[i];
        }
        for (int i = 0; i < scores.length; i++) {
            scores[i] /= sum;
        }
    }

    /**
     * The predicted class. {@code thresholds} may be null; otherwise all are &gt;= 0 and at most one
     * is 0 (Spark's {@code thresholds} validator): that class is always predicted unless its
     * probability is 0 (0 / 0 is NaN, which never wins).
     */
    static int prediction(double[] probability, double[] thresholds) {
        int best = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < probability.length; i++) {
            double scaled = thresholds == null ? probability[i] : probability[i] / thresholds[i];
            if (scaled > max) {
                max = scaled;
                best = i;
            }
        }
        return best;
    }
}
