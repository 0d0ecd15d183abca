package org.convspark.bench.allreduce;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.convspark.driver.collective.Collective;
import org.convspark.driver.collective.CollectiveCost;

/**
 * Fits the cost model ({@link CollectiveCost}) on part of {@code bench/allreduce}'s measurements
 * and predicts the rest: the collective's four constants (per hop, per message, per byte of a
 * message's first piece and per byte pipelined behind it, costs being non-negative; with
 * the work of this machine's executors on messages and bytes sharing its cores) on every P at the
 * fitted sizes, and the tree path's job cost ({@code a + b P max(1, P / cores) + beta driverBytes})
 * likewise; the other sizes are held out and only predicted.
 */
final class ModelFit {
    /** The collective's fitted costs and the tree path's {a, b, beta}. */
    record Fitted(CollectiveCost collective, double[] tree, double cores) {
        double predict(Measurement m) {
            if (m.method().equals("treeAggregate")) {
                return 1e3 * (tree[0] + tree[1] * taskScheduling(m.executors(), cores)
                        + tree[2] * CollectiveCost.treeAggregateDriverBytes(m.executors(), m.n()));
            }
            return 1e3 * collective.seconds(CollectiveCost.traffic(algorithm(m), m.executors(), m.n()), cores);
        }
    }

    private ModelFit() {
    }

    static Collective.Algorithm algorithm(Measurement m) {
        return Collective.Algorithm.valueOf(m.method().toUpperCase(Locale.ROOT));
    }

    static Fitted fit(List<Measurement> all, Set<Integer> fitSizes, double cores) {
        List<double[]> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        List<double[]> tx = new ArrayList<>();
        List<Double> ty = new ArrayList<>();
        for (Measurement m : all) {
            if (!fitSizes.contains(m.n())) {
                continue;
            }
            if (m.method().equals("treeAggregate")) {
                tx.add(new double[] {1, taskScheduling(m.executors(), cores),
                        CollectiveCost.treeAggregateDriverBytes(m.executors(), m.n())});
                ty.add(m.medianMillis() / 1e3);
            } else {
                x.add(CollectiveCost.terms(CollectiveCost.traffic(algorithm(m), m.executors(), m.n()), cores));
                y.add(m.medianMillis() / 1e3);
            }
        }
        double[] c = LeastSquares.nonNegative(x.toArray(double[][]::new), y.stream().mapToDouble(d -> d).toArray());
        double[] tree = LeastSquares.nonNegative(tx.toArray(double[][]::new),
                ty.stream().mapToDouble(d -> d).toArray());
        return new Fitted(new CollectiveCost(c[0], c[1], c[2], c[3]), tree, cores);
    }

    /** A job's P tasks' scheduling work, stretched when more executors than cores share the machine. */
    static double taskScheduling(int p, double cores) {
        return p * Math.max(1, p / cores);
    }

    /** Relative error of the prediction, signed: (predicted - measured) / measured. */
    static double error(Fitted f, Measurement m) {
        return (f.predict(m) - m.medianMillis()) / m.medianMillis();
    }
}
