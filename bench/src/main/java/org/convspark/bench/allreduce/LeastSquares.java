package org.convspark.bench.allreduce;

/**
 * Least squares on relative errors: the coefficients c minimising sum_i ((x_i . c - y_i) / y_i)^2,
 * by the normal equations (a few unknowns, well-conditioned after the scaling). Relative rather
 * than absolute errors, so that the 10^7-float rows (hundreds of milliseconds) do not drown the
 * 10^4-float ones (fractions of a millisecond): the model must hold across four decades. The
 * constraint c >= 0 (a cost is never negative) is solved by trying every subset of free unknowns,
 * which for four unknowns is 16 small solves: simpler than an active-set method and exact.
 */
final class LeastSquares {
    private LeastSquares() {
    }

    /** The non-negative c with the least relative squared error. */
    static double[] nonNegative(double[][] x, double[] y) {
        int k = x[0].length;
        double[] best = new double[k];
        double bestError = error(x, y, best);
        for (int subset = 1; subset < 1 << k; subset++) {
            int mask = subset;
            int[] free = java.util.stream.IntStream.range(0, k).filter(i -> (mask >> i & 1) == 1).toArray();
            double[][] sub = new double[x.length][free.length];
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < free.length; j++) {
                    sub[i][j] = x[i][free[j]];
                }
            }
            double[] part;
            try {
                part = relative(sub, y);
            } catch (IllegalArgumentException singular) {
                continue;
            }
            double[] c = new double[k];
            boolean feasible = true;
            for (int j = 0; j < free.length; j++) {
                c[free[j]] = part[j];
                feasible &= part[j] >= 0;
            }
            double e = error(x, y, c);
            if (feasible && e < bestError) {
                best = c;
                bestError = e;
            }
        }
        return best;
    }

    private static double error(double[][] x, double[] y, double[] c) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double predicted = 0;
            for (int j = 0; j < c.length; j++) {
                predicted += x[i][j] * c[j];
            }
            sum += Math.pow((predicted - y[i]) / y[i], 2);
        }
        return sum;
    }

    static double[] relative(double[][] x, double[] y) {
        int k = x[0].length;
        double[][] a = new double[k][k + 1];
        for (int i = 0; i < x.length; i++) {
            for (int r = 0; r < k; r++) {
                double xr = x[i][r] / y[i];
                for (int c = 0; c < k; c++) {
                    a[r][c] += xr * x[i][c] / y[i];
                }
                a[r][k] += xr;
            }
        }
        for (int col = 0; col < k; col++) {
            int pivot = col;
            for (int r = col + 1; r < k; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = a[col];
            a[col] = a[pivot];
            a[pivot] = t;
            if (a[col][col] == 0) {
                throw new IllegalArgumentException("the fit's unknowns are not determined by these rows");
            }
            for (int r = 0; r < k; r++) {
                if (r != col) {
                    double f = a[r][col] / a[col][col];
                    for (int c = col; c <= k; c++) {
                        a[r][c] -= f * a[col][c];
                    }
                }
            }
        }
        double[] solution = new double[k];
        for (int r = 0; r < k; r++) {
            solution[r] = a[r][k] / a[r][r];
        }
        return solution;
    }
}
