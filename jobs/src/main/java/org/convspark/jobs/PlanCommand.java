package org.convspark.jobs;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.convspark.driver.ClusterForecast;
import org.convspark.driver.collective.Collective;
import org.convspark.driver.collective.CollectiveCost;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.train.StepTiming;
import org.convspark.jobs.terminal.TerminalText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code convspark plan --model M --cluster EXECUTORS:CORES[:GBPS]}: the predicted step time,
 * images/s and scaling efficiency of training M on that cluster at per-executor batches from 16
 * to 4096, and the smallest batch that reaches the target efficiency, so a cluster can be sized
 * before it is paid for. The engine's speed is measured here, on one core of this machine, and
 * the all-reduce's cost is the collective's cost model fitted on {@code bench/allreduce}
 * ({@link CollectiveCost#MEASURED}, docs/SCALING.md); {@link ClusterForecast} puts them together.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Predict the step time, images/s and scaling efficiency of training a model on a cluster "
                + "(the engine's speed measured on this machine, the all-reduce from the collective's cost model, "
                + "docs/SCALING.md), and recommend a batch size and partition count."})
final class PlanCommand implements Callable<Integer> {
    static final int SMALLEST_BATCH = 16;
    static final int LARGEST_BATCH = 4096;
    /** Far beyond what the model was checked on; keeps every global batch an int. */
    static final int MAX_EXECUTORS = 100_000;

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "SPEC.json|ZOO_NAME",
            description = "A model spec file, or the name of a zoo model (lenet5, cifar-small, resnet20, resnet32).")
    private String model;

    @Option(names = "--cluster", required = true, paramLabel = "EXECUTORS:CORES[:GBPS]",
            description = "Executors (one per machine), cores per executor, and the link speed in Gb/s "
                    + "(default 10), e.g. 64:4:25.")
    private String cluster;

    @Option(names = "--target-efficiency", paramLabel = "FRACTION", defaultValue = "0.8",
            description = "The weak-scaling efficiency the recommended batch must reach (default: ${DEFAULT-VALUE}).")
    private double target;

    @Override
    public Integer call() {
        ModelSpec modelSpec = ModelArgument.load(model);
        Cluster c = Cluster.parse(cluster);
        if (!(target > 0 && target < 1)) {
            throw new UserError("--target-efficiency " + target + ": must be between 0 and 1 (exclusive)");
        }
        StepTiming timing = StepTiming.measure(modelSpec, 32, 5);
        ClusterForecast forecast = new ClusterForecast(c.executors(), c.cores(), c.gbps(), CollectiveCost.MEASURED);
        PrintWriter out = spec.commandLine().getOut();
        Collective.Algorithm algorithm = Collective.Algorithm.AUTO.resolve(timing.parameters());
        out.printf(Locale.ROOT, "plan: %s (%,d parameters) on %d executors x %d cores, %s Gb/s links; all-reduce: "
                        + "%s%n", TerminalText.line(modelSpec.name()), timing.parameters(), c.executors(), c.cores(),
                number(c.gbps()), c.executors() == 1 ? "none (one executor)" : algorithm + " among the tasks");
        out.printf(Locale.ROOT, "engine measured here: %.3f ms per training sample on one core, optimizer step "
                + "%.2f ms (the cluster's cores are assumed as fast)%n%n", timing.secondsPerSample() * 1e3,
                timing.optimizerSeconds() * 1e3);
        out.println("batch/executor  global batch    step ms  compute ms  all-reduce ms    images/s  efficiency");
        ClusterForecast.Step chosen = null;
        ClusterForecast.Step last = null;
        for (int b = SMALLEST_BATCH; b <= LARGEST_BATCH; b *= 2) {
            ClusterForecast.Step step = forecast.step(timing, b);
            out.printf(Locale.ROOT, "%14d %13d %10.2f %11.2f %14.2f %11.0f %10.0f%%%n", b, b * c.executors(),
                    step.seconds() * 1e3, step.computeSeconds() * 1e3, step.allReduceSeconds() * 1e3,
                    step.imagesPerSecond(), 100 * step.efficiency());
            if (chosen == null && step.efficiency() >= target) {
                chosen = step;
            }
            last = step;
        }
        out.println();
        if (chosen != null) {
            out.printf(Locale.ROOT, "recommended: --batch-size %d --partitions %d --threads-per-task %d "
                            + "(spark.executor.cores=spark.task.cpus=%d: one task per executor, batch %d per executor): "
                            + "%.1f ms a step, %.0f images/s, %.0f%% efficiency%n",
                    chosen.batchPerExecutor() * c.executors(), c.executors(), c.cores(), c.cores(),
                    chosen.batchPerExecutor(), chosen.seconds() * 1e3, chosen.imagesPerSecond(),
                    100 * chosen.efficiency());
            if (chosen.batchPerExecutor() * c.executors() > 8192) {
                out.println("note: a global batch this large usually needs a larger learning rate and a warm-up "
                        + "(--lr, --warmup) to reach the accuracy of a small batch");
            }
        } else {
            out.printf(Locale.ROOT, "no batch up to %d per executor reaches %.0f%% efficiency: the all-reduce "
                            + "(%.1f ms a step) outweighs the compute; fewer executors or a faster network pay more%n",
                    LARGEST_BATCH, 100 * target, last.allReduceSeconds() * 1e3);
        }
        out.flush();
        return ConvsparkCli.EXIT_OK;
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** The {@code --cluster} value. */
    record Cluster(int executors, int cores, double gbps) {
        static Cluster parse(String text) {
            String[] parts = text.trim().split(":");
            String usage = "--cluster " + text + ": expected EXECUTORS:CORES[:GBPS], e.g. 64:4:10";
            if (parts.length < 2 || parts.length > 3) {
                throw new UserError(usage);
            }
            try {
                int executors = Integer.parseInt(parts[0].trim());
                int cores = Integer.parseInt(parts[1].trim());
                double gbps = parts.length == 3 ? Double.parseDouble(parts[2].trim()) : 10;
                if (executors < 1 || executors > MAX_EXECUTORS || cores < 1 || !(gbps > 0) || Double.isInfinite(gbps)) {
                    throw new UserError(usage + " (executors 1-" + MAX_EXECUTORS + ", cores >= 1, a link speed > 0)");
                }
                return new Cluster(executors, cores, gbps);
            } catch (NumberFormatException e) {
                throw new UserError(usage);
            }
        }
    }
}
