package org.convspark.bench.allreduce;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.convspark.bench.Medians;
import org.convspark.driver.ClusterForecast;
import org.convspark.driver.collective.Collective;
import org.convspark.driver.collective.CollectiveCost;
import org.convspark.engine.json.Json;
import org.convspark.engine.json.JsonValue;
import org.convspark.engine.train.StepTiming;

/**
 * The scaling analysis, from {@code bench/allreduce}'s measurements: the cost model fitted on the
 * sizes 10^4 and 10^7 and checked on 10^5 and 10^6 (every P), checked again on whole training
 * steps, the SVG of measured against predicted, and the projection to clusters of 8 to 256
 * executors on 10 and 25 GbE for three model sizes. Markdown on stdout, for docs/SCALING.md.
 *
 * <pre>ScalingReport --measurements FILE [--steps FILE] [--svg FILE] [--cores N]</pre>
 */
public final class ScalingReport {
    /** Engine threads per executor in the projection (each executor one task of 4 cores). */
    static final int CORES_PER_EXECUTOR = 4;
    static final int[] CLUSTER_SIZES = {8, 16, 32, 64, 128, 256};

    private ScalingReport() {
    }

    public static void main(String[] args) throws IOException {
        Path measurements = null;
        Path steps = null;
        Path svg = null;
        double cores = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--measurements" -> measurements = Path.of(args[++i]);
                case "--steps" -> steps = Path.of(args[++i]);
                case "--svg" -> svg = Path.of(args[++i]);
                case "--cores" -> cores = Double.parseDouble(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<Measurement> all = new ArrayList<>();
        for (JsonValue v : Json.parse(Files.readString(measurements), measurements.toString()).asArray()) {
            all.add(Measurement.fromJson(v.asObject()));
        }
        // Fitted on the smallest and largest sizes, checked on those between (every P); the other
        // split, extrapolating to 10^7 from 10^4 and 10^6, is reported too.
        Set<Integer> fitSizes = Set.of(10_000, 10_000_000);
        ModelFit.Fitted fitted = ModelFit.fit(all, fitSizes, cores);
        CollectiveCost c = fitted.collective();
        System.out.printf(Locale.ROOT, "Fitted on n = 10^4 and 10^7 (%.0f cores shared by the executors): "
                        + "hop %.1f us, message %.1f us, byte %.3f ns (first piece) and %.3f ns (pipelined); tree "
                        + "path: %.1f ms + %.2f ms x P max(1, P/%.0f) + %.3f ns x driver byte%n%n", cores,
                c.hopSeconds() * 1e6, c.messageSeconds() * 1e6, c.byteSeconds() * 1e9, c.pipelinedByteSeconds() * 1e9,
                fitted.tree()[0] * 1e3, fitted.tree()[1] * 1e3, cores, fitted.tree()[2] * 1e9);
        System.out.println("| method | P | n | measured ms (p10-p90) | predicted ms | error | |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
        List<SvgScatter.Point> points = new ArrayList<>();
        List<Double> heldOut = new ArrayList<>();
        List<Double> heldOutTree = new ArrayList<>();
        all.sort(Comparator.comparing(Measurement::method).thenComparingInt(Measurement::executors)
                .thenComparingInt(Measurement::n));
        for (Measurement m : all) {
            double predicted = fitted.predict(m);
            double error = ModelFit.error(fitted, m);
            boolean held = !fitSizes.contains(m.n());
            if (held) {
                (m.method().equals("treeAggregate") ? heldOutTree : heldOut).add(Math.abs(error));
            }
            points.add(new SvgScatter.Point(m.method(), m.medianMillis(), predicted, held));
            System.out.printf(Locale.ROOT, "| %s | %d | %.0e | %.2f (%.2f-%.2f) | %.2f | %+.0f%% | %s |%n", m.method(),
                    m.executors(), (double) m.n(), m.medianMillis(), m.p10Millis(), m.p90Millis(), predicted,
                    100 * error, held ? "held out" : "fitted");
        }
        System.out.printf(Locale.ROOT, "%nHeld-out errors, collective: %d of %d within 25%%, median %.0f%%, largest "
                        + "%.0f%%; tree path: %d of %d within 25%%, largest %.0f%%%n", within(heldOut, 0.25),
                heldOut.size(), 100 * median(heldOut), 100 * max(heldOut), within(heldOutTree, 0.25),
                heldOutTree.size(), 100 * max(heldOutTree));
        ModelFit.Fitted other = ModelFit.fit(all, Set.of(10_000, 1_000_000), cores);
        List<Double> otherErrors = new ArrayList<>();
        for (Measurement m : all) {
            if (!Set.of(10_000, 1_000_000).contains(m.n()) && !m.method().equals("treeAggregate")) {
                otherErrors.add(Math.abs(ModelFit.error(other, m)));
            }
        }
        System.out.printf(Locale.ROOT, "Fitted on 10^4 and 10^6 instead, predicting 10^5 and 10^7: collective %d of "
                + "%d within 25%%, largest %.0f%%%n", within(otherErrors, 0.25), otherErrors.size(),
                100 * max(otherErrors));
        if (svg != null) {
            Files.writeString(svg, SvgScatter.render("all-reduce per step: predicted vs measured", "ms",
                    List.of("scatter", "tree", "star", "treeAggregate"), points));
        }
        List<ComputeCost> models = List.of(ComputeCost.measure("lenet5", 64, 7),
                ComputeCost.measure("cifar-small", 32, 5), ComputeCost.measure("vgg11-cifar", 8, 3));
        System.out.println();
        for (ComputeCost m : models) {
            System.out.printf(Locale.ROOT, "- %s: %,d parameters, %.3f ms per training sample on one core, Adam step "
                    + "%.2f ms%n", m.model(), m.timing().parameters(), m.timing().secondsPerSample() * 1e3,
                    m.timing().optimizerSeconds() * 1e3);
        }
        if (steps != null) {
            checkSteps(steps, fitted, cores);
        }
        projection(fitted, models);
    }

    /**
     * Whole steps on this machine: a task's share at the engine's speed measured in the executors
     * while all ran at once (so sharing the cores is in it), its optimizer step, and the all-reduce
     * with the fitted costs on the machine's shared cores.
     */
    private static void checkSteps(Path steps, ModelFit.Fitted fitted, double cores) throws IOException {
        System.out.println("\n| model | P | global batch | measured step ms | compute ms | all-reduce ms "
                + "| predicted ms | error |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        List<Double> errors = new ArrayList<>();
        for (JsonValue v : Json.parse(Files.readString(steps), steps.toString()).asArray()) {
            StepScaling.Result r = StepScaling.Result.fromJson(v.asObject());
            int p = r.executors();
            double compute = Math.ceil((double) r.globalBatch() / p) * r.secondsPerSample();
            int parameters = new org.convspark.engine.model.Network(ComputeCost.spec(r.model())).parameterCount();
            double comm = fitted.collective().seconds(CollectiveCost.traffic(Collective.Algorithm.AUTO, p,
                    parameters), cores);
            double predicted = 1e3 * (compute + r.optimizerSeconds() + comm);
            double error = (predicted - r.stepMillis()) / r.stepMillis();
            errors.add(Math.abs(error));
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %.2f | %.2f | %.2f | %.2f | %+.0f%% |%n", r.model(), p,
                    r.globalBatch(), r.stepMillis(), compute * 1e3, comm * 1e3, predicted, 100 * error);
        }
        System.out.printf(Locale.ROOT, "%nWhole steps: %d of %d within 25%%, largest error %.0f%%%n",
                within(errors, 0.25), errors.size(), 100 * max(errors));
    }

    /**
     * Weak scaling on clusters of executors on their own machines ({@value #CORES_PER_EXECUTOR}
     * cores each, a fixed batch per executor), with the costs fitted here: {@link ClusterForecast}.
     */
    private static void projection(ModelFit.Fitted fitted, List<ComputeCost> models) {
        int[] batches = {512, 512, 64};
        System.out.println("\n| model | batch per executor | link | " + joined("P = ") + " |");
        System.out.println("| --- | ---: | --- |" + " ---: |".repeat(CLUSTER_SIZES.length));
        for (int i = 0; i < models.size(); i++) {
            ComputeCost m = models.get(i);
            StepTiming timing = m.timing();
            for (double gbps : new double[] {10, 25}) {
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %d | %.0f GbE |", m.model(),
                        batches[i], gbps));
                for (int p : CLUSTER_SIZES) {
                    ClusterForecast.Step step = new ClusterForecast(p, CORES_PER_EXECUTOR, gbps, fitted.collective())
                            .step(timing, batches[i]);
                    row.append(String.format(Locale.ROOT, " %.0f ms, %.0f%% |", 1e3 * step.seconds(),
                            100 * step.efficiency()));
                }
                System.out.println(row);
            }
        }
    }

    private static String joined(String prefix) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < CLUSTER_SIZES.length; i++) {
            s.append(i == 0 ? "" : " | ").append(prefix).append(CLUSTER_SIZES[i]);
        }
        return s.toString();
    }

    private static int within(List<Double> errors, double bound) {
        return (int) errors.stream().filter(e -> e <= bound).count();
    }

    private static double median(List<Double> values) {
        return values.isEmpty() ? Double.NaN : Medians.of(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(d -> d).max().orElse(Double.NaN);
    }
}
