package org.convspark.bench;

import java.io.PrintStream;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.convspark.engine.gemm.Gemm;

/**
 * The engine table. Every ratio compares figures of the same run: the engine against PyTorch
 * measured in the same run and environment ({@link PyTorchTimes}; a busy or differently tuned
 * machine moves both), against the 1-thread sgemm 2048^3 ceiling (for the GEMM-bound layers) and
 * against a plain copy (for the memory-bound ones); wall against wall, CPU against CPU. Sections:
 * convolutions and the transposed convolution in GFLOP/s with the engine's algorithm for each,
 * batch norm and the residual add in GB/s, max pooling, and the training steps in images per
 * second. Rows whose measurements are missing print a dash.
 */
final class EngineTable {
    private static final String CONV = "%-44s %8s %8s %8s %8s %9s %7s %9s %7s  %s%n";
    private static final String MEMORY = "%-36s %8s %8s %8s %7s %10s %9s %7s%n";
    private static final String POOL = "%-36s %8s %8s %8s %18s%n";
    private static final String STEP = "%-12s %-8s %5s %7s %9s %9s %9s %8s %9s %8s %9s %7s%n";

    private final List<Measurement> measured;
    private final List<Double> loads;
    private final List<String> header;
    private final PyTorchTimes pytorch;

    /** {@code header}: lines for the top (the environment, the GEMM kernel). */
    EngineTable(List<Measurement> measured, List<Double> loads, List<String> header, PyTorchTimes pytorch) {
        this.measured = measured;
        this.loads = loads;
        this.header = header;
        this.pytorch = pytorch;
    }

    void print(PrintStream out) {
        Optional<Measurement> sgemm1 = sgemm("1");
        Optional<Double> ceiling1 = rate(sgemm1, GemmBenchmark.flops(), false);
        Optional<Double> ceiling1Cpu = rate(sgemm1, GemmBenchmark.flops(), true);
        Optional<Double> ceiling2 = rate(sgemm("2"), GemmBenchmark.flops(), false);
        out.println("convspark engine: layers on one thread, training steps on the threads given");
        header.forEach(out::println);
        out.println(pytorch.isEmpty() ? "PyTorch: not measured in this run (no PyTorch columns)"
                : "PyTorch, measured in the same run and environment: " + String.join("; ", pytorch.notes()));
        DoubleSummaryStatistics load = loads.stream().filter(l -> !l.isNaN()).mapToDouble(Double::doubleValue)
                .summaryStatistics();
        out.printf(Locale.ROOT, "machine: %d CPUs, 1-minute load average during the runs %s%n",
                Runtime.getRuntime().availableProcessors(),
                load.getCount() == 0 ? "unknown" : String.format(Locale.ROOT, "%.1f .. %.1f", load.getMin(), load.getMax()));
        out.printf(Locale.ROOT, "sgemm %d^3 ceiling: %s GFLOP/s with 1 OpenBLAS thread (%s by CPU time), %s with 2%n",
                GemmBenchmark.SIZE, number(ceiling1, "%.1f"), number(ceiling1Cpu, "%.1f"), number(ceiling2, "%.1f"));
        out.println("rates from the median wall time per call; 'cpu' from the median CPU time per call (what the code"
                + " does when it has the core)");
        out.println("x PyTorch: the engine's speed over PyTorch's (above 1: the engine is faster); x ceiling: over the"
                + " 1-thread sgemm's");
        out.println();

        out.printf(Locale.ROOT, CONV, "convolution", "fwd GF/s", "f+b GF/s", "f+b cpu", "PyTorch", "x PyTorch",
                "(cpu)", "x ceiling", "(cpu)", "algorithm");
        for (String backend : new String[] {"default", "java"}) {
            Gemm gemm = ConvBenchmark.backend(backend);
            for (ConvShape shape : ConvShape.values()) {
                Optional<Measurement> fwd = find("ConvBenchmark.forward", "shape", shape.name(), backend);
                Optional<Measurement> both = find("ConvBenchmark.forwardBackward", "shape", shape.name(), backend);
                if (fwd.isPresent() || both.isPresent()) {
                    convRow(out, shape.label + (backend.equals("java") ? " [java BLAS]" : ""),
                            rate(fwd, shape.forwardFlops(), false), shape.forwardBackwardFlops(), both,
                            backend.equals("java") ? Optional.empty() : pytorch.get(shape.name()),
                            ceiling1, ceiling1Cpu, shape.algorithm(gemm));
                }
            }
        }
        Optional<Measurement> upsample = layer(LayerShape.UPSAMPLE);
        if (upsample.isPresent()) {
            convRow(out, LayerShape.UPSAMPLE.label + " (transposed)", Optional.empty(),
                    LayerShape.UPSAMPLE.forwardBackwardFlops(), upsample, pytorch.get(LayerShape.UPSAMPLE.name()),
                    ceiling1, ceiling1Cpu, LayerShape.upsample().algorithm());
        }
        out.println();

        out.printf(Locale.ROOT, MEMORY, "memory-bound layers, f+b", "ms", "cpu ms", "GB/s", "x copy", "PyTorch ms",
                "x PyTorch", "(cpu)");
        Optional<Double> copy = layer(LayerShape.COPY).flatMap(m -> rate(m.medianMs(), LayerShape.COPY.bytes()));
        for (LayerShape shape : LayerShape.values()) {
            Optional<Measurement> m = layer(shape);
            if (!shape.memoryBound() || m.isEmpty()) {
                continue;
            }
            Optional<PyTorchTimes.Times> torch = pytorch.get(shape.name());
            Optional<Double> wall = rate(m, shape.bytes(), false);
            out.printf(Locale.ROOT, MEMORY, shape.label, number(m.map(Measurement::medianMs), "%.3f"),
                    number(m.map(Measurement::cpuMs).filter(Double::isFinite), "%.3f"), number(wall, "%.1f"),
                    number(ratio(wall, copy), "%.2fx"),
                    number(torch.map(PyTorchTimes.Times::forwardBackwardMs).filter(Double::isFinite), "%.3f"),
                    number(ratio(wall, torch.flatMap(t -> rate(t.forwardBackwardMs(), shape.bytes()))), "%.2fx"),
                    number(ratio(rate(m, shape.bytes(), true),
                            torch.flatMap(t -> rate(t.forwardBackwardCpuMs(), shape.bytes()))), "%.2fx"));
        }
        out.println("GB/s: bytes the engine's passes read and write (LayerShape), per median call; x copy: over the"
                + " copy's GB/s");
        out.println();

        out.printf(Locale.ROOT, POOL, "pooling", "fwd ms", "f+b ms", "f+b cpu", "f+b Gelem/s (in)");
        for (PoolShape shape : PoolShape.values()) {
            Optional<Measurement> fwd = find("PoolBenchmark.forward", "pool", shape.name(), "default");
            Optional<Measurement> both = find("PoolBenchmark.forwardBackward", "pool", shape.name(), "default");
            if (fwd.isPresent() || both.isPresent()) {
                out.printf(Locale.ROOT, POOL, shape.label, number(fwd.map(Measurement::medianMs), "%.3f"),
                        number(both.map(Measurement::medianMs), "%.3f"),
                        number(both.map(Measurement::cpuMs).filter(Double::isFinite), "%.3f"),
                        number(rate(both, shape.inputElements(), false), "%.2f"));
            }
        }
        out.println();

        out.printf(Locale.ROOT, STEP, "train step", "input", "batch", "threads", "ms", "cpu ms", "images/s", "(cpu)",
                "PyTorch", "(cpu)", "x PyTorch", "(cpu)");
        measured.stream().filter(m -> m.benchmark().equals("TrainStepBenchmark.step")).forEach(m -> {
            // Results of before the config parameter have only the LeNet-5 batch.
            StepConfig c = StepConfig.parse(m.param("config", "lenet5:" + m.param("batch", "0") + ":1"));
            Optional<PyTorchTimes.Times> torch = pytorch.get("step:" + c);
            Optional<Double> wall = rate(m.medianMs(), c.batch() * 1e9);
            Optional<Double> cpu = rate(m.cpuMs(), c.batch() * 1e9);
            Optional<Double> torchWall = torch.flatMap(t -> rate(t.forwardBackwardMs(), c.batch() * 1e9));
            Optional<Double> torchCpu = torch.flatMap(t -> rate(t.forwardBackwardCpuMs(), c.batch() * 1e9));
            out.printf(Locale.ROOT, STEP, c.model(), c.input(), c.batch(), c.threads(),
                    String.format(Locale.ROOT, "%.2f", m.medianMs()), number(Optional.of(m.cpuMs())
                            .filter(Double::isFinite), "%.2f"), number(wall, "%.0f"), number(cpu, "%.0f"),
                    number(torchWall, "%.0f"), number(torchCpu, "%.0f"), number(ratio(wall, torchWall), "%.2fx"),
                    number(ratio(cpu, torchCpu), "%.2fx"));
        });
        out.println("cpu: the CPU time of every engine thread of the step; PyTorch's the process's (resnet.py step,"
                + " random images of the same shape)");
    }

    /** A GFLOP/s row; {@code both} is the forward+backward measurement, {@code torch} PyTorch's times for the layer. */
    private static void convRow(PrintStream out, String label, Optional<Double> forward, double flops,
                                Optional<Measurement> both, Optional<PyTorchTimes.Times> torch,
                                Optional<Double> ceiling, Optional<Double> ceilingCpu, String algorithm) {
        Optional<Double> wall = rate(both, flops, false);
        Optional<Double> cpu = rate(both, flops, true);
        Optional<Double> torchWall = torch.flatMap(t -> rate(t.forwardBackwardMs(), flops));
        Optional<Double> torchCpu = torch.flatMap(t -> rate(t.forwardBackwardCpuMs(), flops));
        out.printf(Locale.ROOT, CONV, label, number(forward, "%.1f"), number(wall, "%.1f"), number(cpu, "%.1f"),
                number(torchWall, "%.1f"), number(ratio(wall, torchWall), "%.2fx"),
                number(ratio(cpu, torchCpu), "%.2fx"), number(ratio(wall, ceiling), "%.2fx"),
                number(ratio(cpu, ceilingCpu), "%.2fx"), algorithm);
    }

    /** {@code work} per median call in units of 1e9 per second, from the wall or CPU time. */
    private static Optional<Double> rate(Optional<Measurement> m, double work, boolean cpu) {
        return m.flatMap(x -> rate(cpu ? x.cpuMs() : x.medianMs(), work));
    }

    /** {@code work} in {@code ms} milliseconds, in units of 1e9 per second; empty for a time not measured. */
    private static Optional<Double> rate(double ms, double work) {
        return Double.isFinite(ms) && ms > 0 ? Optional.of(work / ms / 1e6) : Optional.empty();
    }

    private static Optional<Double> ratio(Optional<Double> a, Optional<Double> b) {
        return a.flatMap(x -> b.map(y -> x / y));
    }

    /** The sgemm 2048^3 measurement with {@code threads} OpenBLAS threads, if that run is among the results. */
    private Optional<Measurement> sgemm(String threads) {
        return measured.stream()
                .filter(m -> m.benchmark().equals("GemmBenchmark.sgemm") && m.blasThreads().equals(threads))
                .findFirst();
    }

    private Optional<Measurement> layer(LayerShape shape) {
        return find("LayerBenchmark.forwardBackward", "layer", shape.name(), "default");
    }

    private Optional<Measurement> find(String benchmark, String param, String value, String gemm) {
        return Measurement.find(measured, benchmark, param, value, gemm);
    }

    private static String number(Optional<Double> value, String format) {
        return value.map(v -> String.format(Locale.ROOT, format, v)).orElse("-");
    }
}
