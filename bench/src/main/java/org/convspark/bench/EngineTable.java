package org.convspark.bench;

import java.io.PrintStream;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The engine table: per convolution layer the forward and forward+backward GFLOP/s from
 * median wall times, the forward+backward GFLOP/s from median CPU times, the ratios to PyTorch's
 * figure and to the sgemm 2048^3 ceiling measured in the same run (1 OpenBLAS thread: the engine
 * is single-threaded; wall against wall, CPU against CPU); then max pooling and the ceiling
 * itself; then the LeNet-5 training step in images per second. Rows whose measurements are
 * missing print a dash.
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
        Optional<Measurement> sgemm1 = sgemm("1");
        Optional<Double> ceiling1 = sgemm1.map(m -> GemmBenchmark.flops() / m.medianMs() / 1e6);
        Optional<Double> ceiling1Cpu = sgemm1.map(m -> GemmBenchmark.flops() / m.cpuMs() / 1e6).filter(Double::isFinite);
        Optional<Double> ceiling2 = sgemm("2").map(m -> GemmBenchmark.flops() / m.medianMs() / 1e6);
        out.printf(Locale.ROOT, "convspark engine, single thread; GEMM %s%n", gemm);
        DoubleSummaryStatistics load = loads.stream().filter(l -> !l.isNaN()).mapToDouble(Double::doubleValue)
                .summaryStatistics();
        out.printf(Locale.ROOT, "machine: %d CPUs, 1-minute load average during the runs %s%n",
                Runtime.getRuntime().availableProcessors(),
                load.getCount() == 0 ? "unknown" : String.format(Locale.ROOT, "%.1f .. %.1f", load.getMin(), load.getMax()));
        out.printf(Locale.ROOT, "sgemm %d^3 ceiling: %s GFLOP/s with 1 OpenBLAS thread (%s by CPU time), %s with 2%n",
                GemmBenchmark.SIZE, number(ceiling1, "%.1f"), number(ceiling1Cpu, "%.1f"), number(ceiling2, "%.1f"));
        out.println("GF/s from median wall time per call; 'cpu' from median CPU time per call (what the code does"
                + " when it has the core)");
        out.println();

        String head = "%-36s %8s %8s %8s %7s %9s %9s %9s %9s%n";
        out.printf(Locale.ROOT, head, "convolution", "fwd GF/s", "f+b GF/s", "f+b cpu", "PyTorch", "x PyTorch",
                "(cpu)", "x ceiling", "(cpu)");
        for (String backend : new String[] {"default", "java"}) {
            for (ConvShape shape : ConvShape.values()) {
                Optional<Measurement> fwd = find("ConvBenchmark.forward", "shape", shape.name(), backend);
                Optional<Measurement> both = find("ConvBenchmark.forwardBackward", "shape", shape.name(), backend);
                if (fwd.isEmpty() && both.isEmpty()) {
                    continue;
                }
                Optional<Double> fwdRate = fwd.map(m -> shape.forwardFlops() / m.medianMs() / 1e6);
                Optional<Double> bothRate = both.map(m -> shape.forwardBackwardFlops() / m.medianMs() / 1e6);
                Optional<Double> cpuRate = both.map(m -> shape.forwardBackwardFlops() / m.cpuMs() / 1e6)
                        .filter(Double::isFinite);
                out.printf(Locale.ROOT, head, shape.label + (backend.equals("java") ? " [java BLAS]" : ""),
                        number(fwdRate, "%.1f"), number(bothRate, "%.1f"), number(cpuRate, "%.1f"),
                        String.format(Locale.ROOT, "%.1f", shape.pytorchForwardBackward),
                        number(bothRate.map(r -> r / shape.pytorchForwardBackward), "%.2fx"),
                        number(cpuRate.map(r -> r / shape.pytorchForwardBackward), "%.2fx"),
                        number(bothRate.flatMap(r -> ceiling1.map(c -> r / c)), "%.2fx"),
                        number(cpuRate.flatMap(r -> ceiling1Cpu.map(c -> r / c)), "%.2fx"));
            }
        }
        out.println();
        String poolHead = "%-36s %8s %8s %8s %18s%n";
        out.printf(Locale.ROOT, poolHead, "pooling", "fwd ms", "f+b ms", "f+b cpu", "f+b Gelem/s (in)");
        for (PoolShape shape : PoolShape.values()) {
            Optional<Measurement> fwd = find("PoolBenchmark.forward", "pool", shape.name(), "default");
            Optional<Measurement> both = find("PoolBenchmark.forwardBackward", "pool", shape.name(), "default");
            if (fwd.isPresent() || both.isPresent()) {
                out.printf(Locale.ROOT, poolHead, shape.label, number(fwd.map(Measurement::medianMs), "%.3f"),
                        number(both.map(Measurement::medianMs), "%.3f"),
                        number(both.map(Measurement::cpuMs).filter(Double::isFinite), "%.3f"),
                        number(both.map(m -> shape.inputElements() / m.medianMs() / 1e6), "%.2f"));
            }
        }
        out.println();
        String trainHead = "%-36s %8s %8s %10s %10s%n";
        out.printf(Locale.ROOT, trainHead, "LeNet-5 training step (engine alone)", "ms", "cpu ms", "images/s",
                "(cpu)");
        measured.stream().filter(m -> m.benchmark().equals("TrainStepBenchmark.step")).forEach(m -> {
            int batch = Integer.parseInt(m.param("batch", "0"));
            out.printf(Locale.ROOT, trainHead, "batch " + batch, String.format(Locale.ROOT, "%.3f", m.medianMs()),
                    String.format(Locale.ROOT, "%.3f", m.cpuMs()),
                    String.format(Locale.ROOT, "%.0f", batch * 1000 / m.medianMs()),
                    String.format(Locale.ROOT, "%.0f", batch * 1000 / m.cpuMs()));
        });
    }

    /** The sgemm 2048^3 measurement with {@code threads} OpenBLAS threads, if that run is among the results. */
    private Optional<Measurement> sgemm(String threads) {
        return measured.stream()
                .filter(m -> m.benchmark().equals("GemmBenchmark.sgemm") && m.blasThreads().equals(threads))
                .findFirst();
    }

    private Optional<Measurement> find(String benchmark, String param, String value, String gemm) {
        return measured.stream()
                .filter(m -> m.benchmark().equals(benchmark) && m.param(param, "").equals(value)
                        && m.param("gemm", "default").equals(gemm))
                .findFirst();
    }

    private static String number(Optional<Double> value, String format) {
        return value.map(v -> String.format(Locale.ROOT, format, v)).orElse("-");
    }
}
