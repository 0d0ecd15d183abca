package org.convspark.bench.allreduce;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.convspark.bench.Medians;
import org.convspark.driver.collective.Collective;
import org.convspark.driver.collective.CollectiveSettings;
import org.convspark.driver.collective.PeerTransport;
import org.convspark.driver.collective.RoundCoordinator;
import org.convspark.driver.collective.TransportSecurity;
import org.convspark.engine.json.Json;
import org.convspark.engine.json.JsonArray;
import org.convspark.engine.json.JsonValue;

/**
 * The measured scaling of the bare all-reduce: for each P executor JVMs ({@code
 * local-cluster}) and n floats, the collective among the tasks with each algorithm (scatter, the
 * binomial tree, and the star, the old driver hub's pattern with partition 0 as the hub) and the
 * tree path's broadcast + {@code treeAggregate} job, all in the same run. Prints a table (stdout)
 * and writes the measurements as JSON (the input of the cost-model fit). With {@code --mode training}
 * it measures whole training steps instead ({@link StepScaling}: LeNet-5 and cifar-small at a fixed
 * global batch of 256 and at 64 per executor), for checking the model on real steps.
 *
 * <pre>AllReduceBench [--mode collective|training] [--executors 2,3,4,8] [--sizes 10000,...,10000000]
 *                [--quick] [--out FILE] --executor-classpath JAR --executor-java-options OPTS</pre>
 */
public final class AllReduceBench {
    private AllReduceBench() {
    }

    public static void main(String[] args) throws Exception {
        int[] executors = null;
        int[] sizes = {10_000, 100_000, 1_000_000, 10_000_000};
        boolean quick = false;
        String mode = "collective";
        Path out = null;
        String classPath = null;
        String javaOptions = "";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--executors" -> executors = ints(args[++i]);
                case "--sizes" -> sizes = ints(args[++i]);
                case "--quick" -> quick = true;
                case "--mode" -> mode = args[++i];
                case "--out" -> out = Path.of(args[++i]);
                case "--executor-classpath" -> classPath = args[++i];
                case "--executor-java-options" -> javaOptions = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (classPath == null) {
            throw new IllegalArgumentException("--executor-classpath is required (bench/allreduce passes it)");
        }
        if (mode.equals("overlap")) {
            overlap(executors != null ? executors[0] : 4, quick, classPath, javaOptions);
            return;
        }
        if (mode.equals("training")) {
            training(executors != null ? executors : new int[] {2, 3, 4}, quick, out != null ? out : Path.of("bench/target/steps.json"), classPath,
                    javaOptions);
            return;
        }
        if (!mode.equals("collective")) {
            throw new IllegalArgumentException("--mode " + mode + ": collective, training or overlap");
        }
        executors = executors != null ? executors : new int[] {2, 3, 4, 8};
        out = out != null ? out : Path.of("bench/target/allreduce.json");
        List<Measurement> all = new ArrayList<>();
        System.out.println(Measurement.header());
        for (int p : executors) {
            System.err.println("bench/allreduce: starting local-cluster[" + p + ",1,1024] ...");
            try (ClusterSession session = new ClusterSession(p, classPath, javaOptions)) {
                for (int n : sizes) {
                    int steps = steps(n, quick);
                    for (Collective.Algorithm algorithm : List.of(Collective.Algorithm.SCATTER,
                            Collective.Algorithm.TREE, Collective.Algorithm.STAR)) {
                        Measurement m = collective(session.context(), algorithm, p, n, Math.max(3, steps / 5), steps);
                        System.out.println(m.row());
                        all.add(m);
                    }
                    int jobs = Math.max(3, steps / 4);
                    long[][] tree = TreeAggregateProbe.run(session.context(), p, n, 3, jobs);
                    Measurement m = Measurement.of("treeAggregate", p, n, column(tree, 0),
                            Medians.of(doubles(column(tree, 2))), Medians.of(doubles(column(tree, 1))));
                    System.out.println(m.row());
                    all.add(m);
                    write(out, all);
                }
            }
        }
        System.err.println("bench/allreduce: measurements in " + out);
    }

    private static void training(int[] executors, boolean quick, Path out, String classPath, String javaOptions)
            throws IOException {
        List<JsonValue> rows = new ArrayList<>();
        System.out.println("model          P  global batch  step ms");
        for (int p : executors) {
            System.err.println("bench/allreduce: starting local-cluster[" + p + ",1,1024] ...");
            try (ClusterSession session = new ClusterSession(p, classPath, javaOptions)) {
                for (String model : List.of("lenet5", "cifar-small")) {
                    for (int batch : new int[] {256, 64 * p}) {
                        // LeNet-5's steps take milliseconds: enough of them that the JIT and GC even out.
                        int steps = quick ? 5 : model.equals("lenet5") ? 150 : 12;
                        StepScaling.Result r = StepScaling.measure(session.context(), model, p, batch, 5, steps);
                        System.out.printf(java.util.Locale.ROOT, "%-12s %3d %13d %8.2f%n", model, p, batch,
                                r.stepMillis());
                        rows.add(r.toJson());
                        Files.createDirectories(out.toAbsolutePath().getParent());
                        Files.writeString(out, Json.pretty(JsonArray.of(rows)) + "\n");
                    }
                }
            }
        }
        System.err.println("bench/allreduce: step times in " + out);
    }

    /**
     * How much of the all-reduce overlapping it with backward hides: cifar-small's barrier steps at a
     * global batch of 256 on P executor JVMs with {@value CollectiveSettings#OVERLAP} off and on,
     * alternately three times, and the scatter all-reduce of its parameters alone in the same
     * session; hidden share = (step without - step with) / all-reduce alone.
     */
    private static void overlap(int p, boolean quick, String classPath, String javaOptions) throws IOException {
        System.err.println("bench/allreduce: starting local-cluster[" + p + ",1,1024] ...");
        try (ClusterSession session = new ClusterSession(p, classPath, javaOptions)) {
            JavaSparkContext sc = session.context();
            int n = new org.convspark.engine.model.Network(ComputeCost.spec("cifar-small")).parameterCount();
            Measurement alone = collective(sc, Collective.Algorithm.SCATTER, p, n, 5, quick ? 5 : 20);
            int steps = quick ? 5 : 12;
            List<Double> off = new ArrayList<>();
            List<Double> on = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                for (boolean overlap : new boolean[] {false, true}) {
                    // The settings are read from the live conf at every round (the tasks get them in the closure).
                    sc.sc().conf().set(CollectiveSettings.OVERLAP, String.valueOf(overlap));
                    double ms = StepScaling.measure(sc, "cifar-small", p, 256, 5, steps).stepMillis();
                    (overlap ? on : off).add(ms);
                    System.out.printf(java.util.Locale.ROOT, "cifar-small P=%d batch 256 overlap %-5s %8.2f ms%n", p,
                            overlap, ms);
                }
            }
            sc.sc().conf().set(CollectiveSettings.OVERLAP, "false");
            double offMs = Medians.of(off.stream().mapToDouble(Double::doubleValue).toArray());
            double onMs = Medians.of(on.stream().mapToDouble(Double::doubleValue).toArray());
            System.out.printf(java.util.Locale.ROOT, "all-reduce alone (scatter, %d floats): %.2f ms; steps: %.2f ms "
                    + "without overlap, %.2f with (medians of 3); hidden: %.0f%% of the all-reduce%n", n,
                    alone.medianMillis(), offMs, onMs, 100 * (offMs - onMs) / alone.medianMillis());
        }
    }

    /** Measured steps per configuration: enough for a stable median, a few seconds each at most. */
    static int steps(int n, boolean quick) {
        int steps = n <= 10_000 ? 200 : n <= 100_000 ? 60 : n <= 1_000_000 ? 15 : 5;
        return quick ? Math.max(3, steps / 3) : steps;
    }

    /** One barrier round of the probe; each step's time is its slowest task's. */
    private static Measurement collective(JavaSparkContext sc, Collective.Algorithm algorithm, int p, int n,
                                          int warmup, int steps) {
        SparkConf conf = sc.getConf();
        CollectiveSettings settings = CollectiveSettings.of(conf);
        PeerTransport transport = PeerTransport.forJvm(TransportSecurity.ofSpark(conf), settings,
                settings.driverBindHost(), PeerTransport.settingsOf(conf));
        JavaRDD<Integer> slots = ClusterSession.slots(sc, p);
        RoundCoordinator.Progress quiet = (index, totals, allReduceNanos) -> { };
        try (RoundCoordinator coordinator = new RoundCoordinator(transport, p, settings.timeoutMillis(), quiet)) {
            CollectiveProbe probe = new CollectiveProbe(algorithm, n, warmup, steps, settings,
                    conf.get("spark.driver.host"), coordinator.port(), coordinator.token());
            scala.reflect.ClassTag<long[]> tag = scala.reflect.ClassTag$.MODULE$.apply(long[].class);
            List<long[]> results = JavaRDD.fromRDD(slots.rdd().barrier().mapPartitions(probe, false, tag), tag)
                    .collect();
            coordinator.close();
            long[] slowest = new long[steps];
            for (long[] r : results) {
                for (int s = 0; s < steps; s++) {
                    slowest[s] = Math.max(slowest[s], r[1 + s]);
                }
            }
            long busiest = 0;
            for (int t = 0; t < p; t++) {
                busiest = Math.max(busiest, coordinator.partitionBytes(t));
            }
            int rounds = warmup + steps;
            return Measurement.of(algorithm.toString(), p, n, slowest, (double) busiest / rounds,
                    (double) coordinator.driverBytes() / rounds);
        }
    }

    private static long[] column(long[][] rows, int c) {
        return Arrays.stream(rows).mapToLong(r -> r[c]).toArray();
    }

    private static double[] doubles(long[] values) {
        return Arrays.stream(values).asDoubleStream().toArray();
    }

    private static void write(Path out, List<Measurement> all) throws IOException {
        List<JsonValue> rows = all.stream().map(Measurement::toJson).toList();
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, Json.pretty(JsonArray.of(rows)) + "\n");
    }

    private static int[] ints(String list) {
        return Arrays.stream(list.split(",")).mapToInt(s -> (int) Double.parseDouble(s.trim())).toArray();
    }
}
