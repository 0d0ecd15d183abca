package org.convspark.engine.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.convspark.engine.layers.Layer;
import org.convspark.engine.tensor.Shape;
import org.convspark.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The checker passes a correct layer and catches each kind of wrong backward. */
class GradientCheckTest {
    /** {@code y = a * x^2} elementwise with one parameter {@code a}; {@code bug} breaks backward. */
    private static final class Square implements Layer {
        private final Shape shape = Shape.of(2, 3);
        private final String bug;
        private float[] x;

        Square(String bug) {
            this.bug = bug;
        }

        @Override
        public Shape inputShape() {
            return shape;
        }

        @Override
        public Shape outputShape() {
            return shape;
        }

        @Override
        public int parameterCount() {
            return 1;
        }

        @Override
        public void initialize(float[] params, int offset, Random rng) {
            params[offset] = 1f;
        }

        @Override
        public Tensor forward(Tensor input, float[] params, int offset, boolean training) {
            x = input.toArray();
            float[] y = new float[x.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = params[offset] * x[i] * x[i];
            }
            return new Tensor(y, input.shape());
        }

        @Override
        public Tensor backward(Tensor gradOutput, float[] params, int offset, float[] grads) {
            float[] dy = gradOutput.data();
            float[] dx = new float[x.length];
            double da = 0;
            for (int i = 0; i < dx.length; i++) {
                dx[i] = 2 * params[offset] * x[i] * dy[i] * (bug.equals("input") && i == 4 ? 1.1f : 1f);
                da += x[i] * x[i] * dy[i];
            }
            if (bug.equals("overwrite")) {
                grads[offset] = (float) da;
            } else if (bug.equals("outside")) {
                grads[offset] += (float) da;
                grads[offset + 1] += 1f;
            } else {
                grads[offset] += (float) (bug.equals("parameter") ? 0.9 * da : da);
            }
            return new Tensor(dx, gradOutput.shape());
        }
    }

    @Test
    void aCorrectLayerPasses() {
        GradientCheck.of(new Square("none")).check(2, 1);
    }

    @Test
    void eachWrongGradientIsCaught() {
        for (String bug : new String[] {"input", "parameter", "overwrite", "outside"}) {
            AssertionError e = assertThrows(AssertionError.class, () -> GradientCheck.of(new Square(bug)).check(2, 1),
                    "bug " + bug + " passed");
            assertTrue(e.getMessage().contains(bug.equals("input") ? "input 4"
                    : bug.equals("outside") ? "outside its range" : "parameter 0"), bug + ": " + e.getMessage());
        }
    }
}
