package org.convspark.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The paired comparison of {@code bench/run-engine.sh --paired}: the engine's convolutions and
 * ResNet-20 steps against PyTorch's, where each round measures a layer in the engine and right
 * after in PyTorch, layer after layer, and the rounds repeat the whole list. A slow phase of a
 * shared host (minutes long on these machines: a plain copy's rate moved from 113 to 68 GB/s
 * between runs of one day) then falls on both sides of a pair instead of on one side of a
 * comparison whose two halves ran ten minutes apart. Per row: each side's median time over the
 * rounds, and the ratio as the median of the rounds' own ratios, with their range.
 *
 * <p>Each round is a directory with {@code engine.tsv} ({@link Measurement} lines) and {@code
 * pytorch.tsv} ({@link PyTorchTimes}).
 */
final class PairedTable {
    private static final String ROW = "%-44s %9s %9s %10s %10s %13s  %s%n";

    /** One round's results. */
    private record Round(List<Measurement> engine, PyTorchTimes pytorch) {
    }

    private final List<Round> rounds;

    private PairedTable(List<Round> rounds) {
        this.rounds = rounds;
    }

    static PairedTable read(List<Path> directories) throws IOException {
        List<Round> rounds = new ArrayList<>();
        for (Path dir : directories) {
            List<Measurement> engine = new ArrayList<>();
            for (String line : Files.readAllLines(dir.resolve("engine.tsv"), StandardCharsets.UTF_8)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    engine.add(Measurement.parse(line));
                }
            }
            Path torch = dir.resolve("pytorch.tsv");
            rounds.add(new Round(engine, Files.exists(torch) ? PyTorchTimes.read(List.of(torch)) : PyTorchTimes.NONE));
        }
        return new PairedTable(rounds);
    }

    void print(PrintStream out) {
        out.printf(Locale.ROOT, "paired rounds: %d (each layer in the engine, then in PyTorch; ratios are the median of"
                + " the rounds' own ratios)%n%n", rounds.size());
        out.printf(Locale.ROOT, ROW, "convolution, f+b", "engine ms", "cpu ms", "PyTorch ms", "x PyTorch", "range",
                "(cpu) x PyTorch");
        for (ConvShape shape : ConvShape.values()) {
            row(out, shape.label, engine -> Measurement.find(engine, "ConvBenchmark.forwardBackward", "shape",
                    shape.name(), "default"), shape.name());
        }
        out.println();
        out.printf(Locale.ROOT, ROW, "training step", "engine ms", "cpu ms", "PyTorch ms", "x PyTorch", "range",
                "(cpu) x PyTorch");
        List<String> configs = new ArrayList<>();
        for (Round r : rounds) {
            for (Measurement m : r.engine()) {
                String config = m.param("config", "");
                if (m.benchmark().equals("TrainStepBenchmark.step") && !configs.contains(config)) {
                    configs.add(config);
                }
            }
        }
        for (String config : configs) {
            row(out, config, engine -> Measurement.find(engine, "TrainStepBenchmark.step", "config", config, "default"),
                    "step:" + config);
        }
        out.println("x PyTorch: PyTorch's time over the engine's (above 1: the engine is faster); range: the rounds'"
                + " lowest and highest ratio");
    }

    private void row(PrintStream out, String label, Function<List<Measurement>, Optional<Measurement>> finder,
                     String torchName) {
        List<Double> engineMs = new ArrayList<>();
        List<Double> engineCpu = new ArrayList<>();
        List<Double> torchMs = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        List<Double> cpuRatios = new ArrayList<>();
        for (Round r : rounds) {
            Optional<Measurement> m = finder.apply(r.engine());
            Optional<PyTorchTimes.Times> t = r.pytorch().get(torchName);
            m.ifPresent(x -> engineMs.add(x.medianMs()));
            m.filter(x -> Double.isFinite(x.cpuMs())).ifPresent(x -> engineCpu.add(x.cpuMs()));
            t.filter(x -> Double.isFinite(x.forwardBackwardMs())).ifPresent(x -> torchMs.add(x.forwardBackwardMs()));
            if (m.isPresent() && t.isPresent()) {
                ratio(ratios, t.get().forwardBackwardMs(), m.get().medianMs());
                ratio(cpuRatios, t.get().forwardBackwardCpuMs(), m.get().cpuMs());
            }
        }
        if (engineMs.isEmpty()) {
            return;
        }
        out.printf(Locale.ROOT, ROW, label, median(engineMs, "%.3f"), median(engineCpu, "%.3f"),
                median(torchMs, "%.3f"), median(ratios, "%.2fx"), range(ratios), median(cpuRatios, "%.2fx"));
    }

    private static void ratio(List<Double> into, double torchMs, double engineMs) {
        if (Double.isFinite(torchMs) && Double.isFinite(engineMs) && engineMs > 0) {
            into.add(torchMs / engineMs);
        }
    }

    private static String median(List<Double> values, String format) {
        return values.isEmpty() ? "-" : String.format(Locale.ROOT, format, Medians.of(unboxed(values)));
    }

    private static String range(List<Double> ratios) {
        if (ratios.isEmpty()) {
            return "-";
        }
        DoubleSummaryStatistics s = ratios.stream().mapToDouble(Double::doubleValue).summaryStatistics();
        return String.format(Locale.ROOT, "%.2f-%.2f", s.getMin(), s.getMax());
    }

    private static double[] unboxed(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
