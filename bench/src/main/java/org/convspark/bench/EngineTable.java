package org.convspark.bench;

import java.io.PrintStream;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Issue 6's engine table: per convolution layer the forward and forward+backward GFLOP/s from
 * median times, the ratio to PyTorch's figure and to the sgemm 2048^3 ceiling measured in the
 * same run (1 OpenBLAS thread: the engine is single-threaded); then max pooling and the ceiling
 * itself. Every rate is from the median time except "best", from the fastest call. Rows whose
 * measurements are missing print a dash.
 */
final class EngineTable {
    private final List<Measurement> measured;
    private final List<Double> loads;
    private final String gemm;

    EngineTable(List<Measurement> measured, List<Double> loads, String gemm) {
        this.measured = measured;
        this.loads = loads;
        this.gemm = gemm;
    }

    void print(PrintStream out) {
        Optional<Double> ceiling1 = ceiling("1");
        Optional<Double> ceiling2 = ceiling("2");
        out.printf(Locale.ROOT, "convspark engine, single thread, medians of every timed call; GEMM %s%n",
                gemm);
        DoubleSummaryStatistics load = loads.stream().filter(l -> !l.isNaN()).mapToDouble(Double::doubleValue)
                .summaryStatistics();
        out.printf(Locale.ROOT, "machine: %d CPUs, 1-minute load average during the runs %s%n",
                Runtime.getRuntime().availableProcessors(),
                load.getCount() == 0 ? "unknown" : String.format(Locale.ROOT, "%.1f .. %.1f", load.getMin(), load.getMax()));
        out.printf(Locale.ROOT, "sgemm %d^3 ceiling: %s GFLOP/s with 1 OpenBLAS thread, %s with 2%n%n",
                GemmBenchmark.SIZE, number(ceiling1, "%.1f"), number(ceiling2, "%.1f"));

        String head = "%-38s %8s %8s %9s %8s %9s %8s %9s %9s%n";
        out.printf(Locale.ROOT, head, "convolution", "fwd ms", "fwd GF/s", "f+b ms", "f+b GF/s", "best GF/s",
                "PyTorch", "x PyTorch", "x ceiling");
        for (String backend : new String[] {"default", "java"}) {
            for (ConvShape shape : ConvShape.values()) {
                Optional<Measurement> fwd = find("ConvBenchmark.forward", shape.name(), backend);
                Optional<Measurement> both = find("ConvBenchmark.forwardBackward", shape.name(), backend);
                if (fwd.isEmpty() && both.isEmpty()) {
                    continue;
                }
                Optional<Double> fwdRate = fwd.map(m -> shape.forwardFlops() / m.medianMs() / 1e6);
                Optional<Double> bothRate = both.map(m -> shape.forwardBackwardFlops() / m.medianMs() / 1e6);
                Optional<Double> bestRate = both.map(m -> shape.forwardBackwardFlops() / m.bestMs() / 1e6);
                out.printf(Locale.ROOT, head, shape.label + (backend.equals("java") ? " [java BLAS]" : ""),
                        number(fwd.map(Measurement::medianMs), "%.3f"), number(fwdRate, "%.1f"),
                        number(both.map(Measurement::medianMs), "%.3f"), number(bothRate, "%.1f"),
                        number(bestRate, "%.1f"),
                        String.format(Locale.ROOT, "%.1f", shape.pytorchForwardBackward),
                        number(bothRate.map(r -> r / shape.pytorchForwardBackward), "%.2fx"),
                        number(bothRate.flatMap(r -> ceiling1.map(c -> r / c)), "%.2fx"));
            }
        }
        out.println();
        String poolHead = "%-38s %8s %9s %18s%n";
        out.printf(Locale.ROOT, poolHead, "pooling", "fwd ms", "f+b ms", "f+b Gelem/s (in)");
        for (PoolShape shape : PoolShape.values()) {
            Optional<Double> fwd = find("PoolBenchmark.forward", shape.name(), "default").map(Measurement::medianMs);
            Optional<Double> both = find("PoolBenchmark.forwardBackward", shape.name(), "default")
                    .map(Measurement::medianMs);
            if (fwd.isPresent() || both.isPresent()) {
                out.printf(Locale.ROOT, poolHead, shape.label, number(fwd, "%.3f"), number(both, "%.3f"),
                        number(both.map(ms -> shape.inputElements() / ms / 1e6), "%.2f"));
            }
        }
    }

    /** sgemm GFLOP/s with {@code threads} OpenBLAS threads, if that run is among the results. */
    private Optional<Double> ceiling(String threads) {
        return measured.stream()
                .filter(m -> m.benchmark().equals("GemmBenchmark.sgemm") && m.blasThreads().equals(threads))
                .map(m -> GemmBenchmark.flops() / m.medianMs() / 1e6).findFirst();
    }

    private Optional<Measurement> find(String benchmark, String shape, String gemm) {
        return measured.stream()
                .filter(m -> m.benchmark().equals(benchmark) && m.param("shape", "").equals(shape)
                        && m.param("gemm", "default").equals(gemm))
                .findFirst();
    }

    private static String number(Optional<Double> value, String format) {
        return value.map(v -> String.format(Locale.ROOT, format, v)).orElse("-");
    }
}
