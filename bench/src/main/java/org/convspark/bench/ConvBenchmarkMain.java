package org.convspark.bench;

import java.util.Collection;
import java.util.Locale;
import org.convspark.engine.gemm.Gemm;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the benchmarks (JMH's usual command-line options apply; by default {@link ConvBenchmark})
 * and prints each result as GFLOP/s next to JMH's own table.
 */
public final class ConvBenchmarkMain {
    private ConvBenchmarkMain() {
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        CommandLineOptions cli = new CommandLineOptions(args);
        OptionsBuilder builder = new OptionsBuilder();
        if (cli.getIncludes().isEmpty()) {
            builder.include(ConvBenchmark.class.getSimpleName());
        }
        Options options = builder.parent(cli).build();
        Collection<RunResult> results = new Runner(options).run();
        System.out.println();
        System.out.println("GEMM: " + Gemm.defaultGemm().name() + ", OPENBLAS_NUM_THREADS="
                + System.getenv("OPENBLAS_NUM_THREADS"));
        System.out.printf(Locale.ROOT, "%-16s %-16s %12s %12s %10s%n", "benchmark", "shape", "ms/batch", "GFLOP", "GFLOP/s");
        for (RunResult r : results) {
            String method = r.getParams().getBenchmark();
            method = method.substring(method.lastIndexOf('.') + 1);
            ConvShape shape = ConvShape.valueOf(r.getParams().getParam("shape"));
            double flops = method.equals("forward") ? shape.forwardFlops() : shape.forwardBackwardFlops();
            // The score is time per batch in the run's output unit.
            double ms = r.getPrimaryResult().getScore() * r.getParams().getTimeUnit().toNanos(1) / 1e6;
            System.out.printf(Locale.ROOT, "%-16s %-16s %12.3f %12.4f %10.2f%n", method, shape, ms, flops / 1e9,
                    flops / 1e9 / (ms / 1e3));
        }
    }
}
