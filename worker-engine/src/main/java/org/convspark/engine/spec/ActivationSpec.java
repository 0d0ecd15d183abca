package org.convspark.engine.spec;

import org.convspark.engine.tensor.Shape;

/** An element-wise activation; {@code slope} is used by {@code leakyrelu} only. */
public record ActivationSpec(Kind kind, double slope) implements LayerSpec {
    /** The activation functions. */
    public enum Kind {
        RELU("relu"), LEAKYRELU("leakyrelu"), TANH("tanh"), SIGMOID("sigmoid");

        private final String specName;

        Kind(String specName) {
            this.specName = specName;
        }

        public String specName() {
            return specName;
        }
    }

    /** PyTorch's default negative slope for LeakyReLU. */
    public static final double DEFAULT_SLOPE = 0.01;

    public ActivationSpec {
        if (!Double.isFinite(slope)) {
            throw new IllegalArgumentException("slope must be finite, got " + slope);
        }
    }

    public static ActivationSpec of(Kind kind) {
        return new ActivationSpec(kind, kind == Kind.LEAKYRELU ? DEFAULT_SLOPE : 0);
    }

    @Override
    public String type() {
        return kind.specName();
    }

    @Override
    public Shape outputShape(Shape input) {
        return input;
    }

    @Override
    public long parameterCount(Shape input) {
        return 0;
    }
}
