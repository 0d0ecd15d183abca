package org.convspark.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.convspark.engine.gemm.Gemm;
import org.convspark.engine.gemm.KernelReport;
import org.openjdk.jmh.annotations.Param;
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
 *   java -jar benchmarks.jar [--results FILE] [JMH options]                run (default: every benchmark), print the table
 *   java -jar benchmarks.jar --table FILE... [--pytorch FILE]...            print the table of earlier runs' results
 *   java -jar benchmarks.jar --paired ROUND_DIR...                          the paired table of bench/run-engine.sh --paired
 *   java -jar benchmarks.jar --shapes                                      the layers and steps, for the PyTorch scripts
 * </pre>
 * {@code --results} appends each benchmark's median to FILE, with the run's environment and GEMM
 * kernel, so runs made with different OpenBLAS thread counts can be printed as one table, and
 * each table says which kernel its figures come from (only the measuring JVM knows: the printing
 * one may run in another environment). {@code --shapes} lists every measured layer in one place,
 * so that PyTorch measures exactly the engine's shapes. {@code bench/run-engine.sh} does all three.
 */
public final class BenchMain {
    /** The OpenBLAS variables that choose its kernels, recorded with every result file. */
    private static final List<String> KERNEL_VARIABLES = List.of("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE");

    private BenchMain() {
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException, IOException {
        if (args.length > 0 && args[0].equals("--shapes")) {
            shapes().forEach(System.out::println);
            return;
        }
        if (args.length > 0 && args[0].equals("--table")) {
            table(Arrays.asList(args).subList(1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("--paired")) {
            PairedTable.read(Arrays.stream(args).skip(1).map(Path::of).toList()).print(System.out);
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
        if (cli.shouldHelp() || cli.shouldList() || cli.shouldListWithParams() || cli.shouldListProfilers()
                || cli.shouldListResultFormats()) {
            org.openjdk.jmh.Main.main(jmhArgs.toArray(new String[0])); // -h, -l, -lp...: JMH's, without running anything
            return;
        }
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
        List<String> header = List.of("environment: " + environment(), KernelReport.current().line());
        if (results != null) {
            List<String> lines = new ArrayList<>();
            lines.add("#gemm\t" + Gemm.defaultGemm().name());
            lines.add("#env\t" + environment());
            lines.add("#kernel\t" + KernelReport.current().line());
            for (double load : loads) {
                lines.add("#load\t" + load);
            }
            measured.forEach(m -> lines.add(m.toLine()));
            Files.write(results, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        System.out.println();
        new EngineTable(measured, loads, header, PyTorchTimes.NONE).print(System.out);
    }

    /** {@code --table FILE... [--pytorch FILE]...}: results files of earlier runs, and PyTorch's of the same runs. */
    private static void table(List<String> args) throws IOException {
        List<Measurement> all = new ArrayList<>();
        List<Double> loads = new ArrayList<>();
        Set<String> environments = new LinkedHashSet<>();
        Set<String> kernels = new LinkedHashSet<>();
        Set<String> gemms = new LinkedHashSet<>();
        List<Path> pytorch = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--pytorch")) {
                if (++i == args.size()) {
                    throw new IllegalArgumentException("--pytorch needs a file name");
                }
                pytorch.add(Path.of(args.get(i)));
                continue;
            }
            for (String line : Files.readAllLines(Path.of(args.get(i)), StandardCharsets.UTF_8)) {
                String value = line.substring(line.indexOf('\t') + 1);
                if (line.startsWith("#load\t")) {
                    loads.add(Double.parseDouble(value));
                } else if (line.startsWith("#env\t")) {
                    environments.add(value);
                } else if (line.startsWith("#kernel\t")) {
                    kernels.add(value);
                } else if (line.startsWith("#gemm\t")) {
                    gemms.add(value);
                } else if (!line.isBlank()) {
                    all.add(Measurement.parse(line));
                }
            }
        }
        List<String> header = new ArrayList<>();
        header.add("environment: " + (environments.isEmpty() ? "not recorded" : String.join(" / ", environments)));
        header.addAll(kernels.isEmpty() ? List.of("GEMM " + (gemms.isEmpty() ? "unknown" : String.join(" / ", gemms)))
                : kernels);
        new EngineTable(all, loads, header, PyTorchTimes.read(pytorch)).print(System.out);
    }

    /**
     * {@code --shapes}: one line per layer PyTorch measures ({@link ConvShape#pytorchLine}, {@link
     * LayerShape#pytorchLine}) and per ResNet training step ({@link StepConfig#pytorchLine}, from
     * {@link TrainStepBenchmark}'s parameter values).
     */
    static List<String> shapes() {
        String[] steps;
        try {
            steps = TrainStepBenchmark.class.getField("config").getAnnotation(Param.class).value();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
        return Stream.of(Arrays.stream(ConvShape.values()).map(ConvShape::pytorchLine),
                        Arrays.stream(LayerShape.values()).map(LayerShape::pytorchLine),
                        Arrays.stream(steps).map(s -> StepConfig.parse(s).pytorchLine()))
                .flatMap(s -> s).filter(line -> line != null).collect(Collectors.toList());
    }

    /** A {@code --shapes} line: {@code kind NAME} and the layer's integers, space-separated. */
    static String shapeLine(String kind, String name, int... values) {
        return kind + " " + name + IntStream.of(values).mapToObj(v -> " " + v).collect(Collectors.joining());
    }

    /** The OpenBLAS kernel variables as this process has them. */
    private static String environment() {
        return KERNEL_VARIABLES.stream()
                .map(v -> System.getenv(v) == null ? v + " unset" : v + "=" + System.getenv(v))
                .collect(Collectors.joining(", "));
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

    /** The one-minute load average, or NaN where {@code /proc/loadavg} does not exist. */
    public static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException notLinux) {
            return Double.NaN;
        }
    }
}
