package org.convspark.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time of JMH's worker threads and the engine's helper threads ({@code convspark-engine-*},
 * a multi-threaded training step's) per operation, per iteration (secondary result {@link #LABEL}).
 * On a machine shared with other work a call's wall time includes the time its thread waited for
 * a core; its CPU time does not. Only those threads count, not the JIT compiler's or the
 * collector's; single-threaded OpenBLAS computes in the calling thread. (A threaded OpenBLAS's
 * own threads are not Java threads and are missed: read this figure for 1 OpenBLAS thread only.)
 */
public final class CpuTimeProfiler implements InternalProfiler {
    /** The secondary result's name, with the middle dot JMH's own profilers put in front. */
    static final String LABEL = "\u00b7cpu";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> before = new HashMap<>();

    @Override
    public String getDescription() {
        return "CPU time of the benchmark and engine threads per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        before.clear();
        before.putAll(workerCpuTimes());
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        long nanos = 0;
        for (Map.Entry<Long, Long> e : workerCpuTimes().entrySet()) {
            nanos += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        long ops = result.getMetadata().getMeasuredOps();
        return ops <= 0 || nanos <= 0 ? List.of()
                : List.of(new ScalarResult(LABEL, nanos / 1e6 / ops, "ms/op", AggregationPolicy.AVG));
    }

    private Map<Long, Long> workerCpuTimes() {
        Map<Long, Long> times = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && (info.getThreadName().contains("jmh-worker")
                    || info.getThreadName().startsWith("convspark-engine-"))) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                if (cpu >= 0) {
                    times.put(info.getThreadId(), cpu);
                }
            }
        }
        return times;
    }
}
