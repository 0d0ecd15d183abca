package org.convspark.engine.optim;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Adam's element update ({@link Adam#adamUpdate}) on vectors of doubles: the same operations in the
 * same order on each lane (a float product widened, double multiply-adds without fusion, a
 * correctly rounded square root and division, rounding to float where the scalar loop stores), so
 * the result is bit-identical to the scalar loop's (checked by {@code AdamKernelTest}). Every task
 * of a barrier round steps its own copy of the parameters, so identical bits matter; speed
 * matters because the step is on every task's critical path: the scalar loop took 0.3-0.45 ms of a
 * 3 ms LeNet-5 step (C2 does not vectorize its float-double conversions).
 *
 * <p>Only loaded when the {@code jdk.incubator.vector} module is present (see {@link Adam}).
 */
final class AdamKernel {
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> FLOATS = VectorSpecies.of(float.class,
            jdk.incubator.vector.VectorShape.forBitSize(DOUBLES.vectorBitSize() / 2));

    private AdamKernel() {
    }

    /** The elements {@code [0, n)} with n a multiple of the lane count; returns n. */
    static int update(float[] params, float[] gradient, float gradientScale, double coupledDecay, float[] m, float[] v,
                      double beta1, double beta2, double stepSize, double sqrtCorrection2, double eps) {
        int lanes = DOUBLES.length();
        int n = params.length - params.length % lanes;
        double oneMinusBeta1 = 1 - beta1;
        double oneMinusBeta2 = 1 - beta2;
        for (int i = 0; i < n; i += lanes) {
            DoubleVector p = widen(FloatVector.fromArray(FLOATS, params, i));
            DoubleVector g = widen(FloatVector.fromArray(FLOATS, gradient, i).mul(gradientScale))
                    .add(p.mul(coupledDecay));
            FloatVector mNew = narrow(widen(FloatVector.fromArray(FLOATS, m, i)).mul(beta1)
                    .add(g.mul(oneMinusBeta1)));
            FloatVector vNew = narrow(widen(FloatVector.fromArray(FLOATS, v, i)).mul(beta2)
                    .add(g.mul(oneMinusBeta2).mul(g)));
            mNew.intoArray(m, i);
            vNew.intoArray(v, i);
            DoubleVector denominator = widen(vNew).lanewise(VectorOperators.SQRT).div(sqrtCorrection2).add(eps);
            narrow(p.sub(widen(mNew).mul(stepSize).div(denominator))).intoArray(params, i);
        }
        return n;
    }

    private static DoubleVector widen(FloatVector values) {
        return (DoubleVector) values.convertShape(VectorOperators.F2D, DOUBLES, 0);
    }

    private static FloatVector narrow(DoubleVector values) {
        return (FloatVector) values.convertShape(VectorOperators.D2F, FLOATS, 0);
    }
}
