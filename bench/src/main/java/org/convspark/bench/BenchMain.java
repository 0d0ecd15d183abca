package org.convspark.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.convspark.engine.gemm.Gemm;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The benchmark jar's entry point.
 * <pre>
 *   java -jar benchmarks.jar [--results FILE] [JMH options]   run (default: every benchmark), print the table
 *   java -jar benchmarks.jar --table FILE...                  print the table of earlier runs' results
 * </pre>
 * {@code --results} appends each benchmark's median to FILE, so runs made with different
 * environments (OpenBLAS thread counts) can be printed as one table; {@code bench/run-engine.sh}
 * does exactly that.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException, IOException {
        if (args.length > 0 && args[0].equals("--table")) {
            List<Measurement> all = new ArrayList<>();
            List<Double> loads = new ArrayList<>();
            List<String> gemms = new ArrayList<>();
            for (String file : Arrays.asList(args).subList(1, args.length)) {
                read(Path.of(file), all, loads, gemms);
            }
            new EngineTable(all, loads, gemms.isEmpty() ? "unknown" : gemms.get(0)).print(System.out);
            return;
        }
        Path results = null;
        List<String> jmhArgs = new ArrayList<>(Arrays.asList(args));
        int at = jmhArgs.indexOf("--results");
        if (at >= 0) {
            if (at + 1 >= jmhArgs.size()) {
                throw new IllegalArgumentException("--results needs a file name");
            }
            results = Path.of(jmhArgs.get(at + 1));
            jmhArgs.subList(at, at + 2).clear();
        }
        List<Double> loads = new ArrayList<>();
        loads.add(loadAverage());
        CommandLineOptions cli = new CommandLineOptions(jmhArgs.toArray(new String[0]));
        OptionsBuilder builder = new OptionsBuilder();
        builder.addProfiler(CpuTimeProfiler.class);
        if (cli.getIncludes().isEmpty()) {
            builder.include("org\\.convspark\\.bench\\..*");
        }
        Collection<RunResult> runs = new Runner(builder.parent(cli).build()).run();
        loads.add(loadAverage());
        List<Measurement> measured = new ArrayList<>();
        for (RunResult r : runs) {
            measured.add(measurement(r));
        }
        if (results != null) {
            List<String> lines = new ArrayList<>();
            lines.add("#gemm\t" + Gemm.defaultGemm().name());
            for (double load : loads) {
                lines.add("#load\t" + load);
            }
            measured.forEach(m -> lines.add(m.toLine()));
            Files.write(results, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        System.out.println();
        new EngineTable(measured, loads, Gemm.defaultGemm().name()).print(System.out);
    }

    private static Measurement measurement(RunResult r) {
        String benchmark = r.getParams().getBenchmark();
        // Class.method, without the package.
        benchmark = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
        Map<String, String> params = new TreeMap<>();
        for (String key : r.getParams().getParamsKeys()) {
            params.put(key, r.getParams().getParam(key));
        }
        TimeUnit unit = r.getParams().getTimeUnit();
        double toMs = unit.toNanos(1) / 1e6;
        var statistics = r.getPrimaryResult().getStatistics();
        String threads = System.getenv().getOrDefault("OPENBLAS_NUM_THREADS", "unset");
        Result<?> cpu = r.getSecondaryResults().get(CpuTimeProfiler.LABEL);
        double cpuMs = cpu == null ? Double.NaN : cpu.getStatistics().getPercentile(50);
        return new Measurement(benchmark, params, statistics.getPercentile(50) * toMs, cpuMs, statistics.getN(),
                threads);
    }

    private static void read(Path file, List<Measurement> into, List<Double> loads, List<String> gemms)
            throws IOException {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.startsWith("#load\t")) {
                loads.add(Double.parseDouble(line.substring(6)));
            } else if (line.startsWith("#gemm\t")) {
                gemms.add(line.substring(6));
            } else if (!line.isBlank()) {
                into.add(Measurement.parse(line));
            }
        }
    }

    /** The one-minute load average, or NaN where {@code /proc/loadavg} does not exist. */
    public static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException notLinux) {
            return Double.NaN;
        }
    }
}
