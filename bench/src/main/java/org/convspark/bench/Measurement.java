package org.convspark.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One benchmark's result as the engine table needs it: which benchmark and parameters, the median
 * wall time per call, the median over iterations of CPU time per call ({@link CpuTimeProfiler};
 * NaN without it), how many calls were timed and how many OpenBLAS threads the run had. Written
 * one per line (tab-separated) so runs with different environments can be combined into one table.
 */
record Measurement(String benchmark, Map<String, String> params, double medianMs, double cpuMs, long samples,
                   String blasThreads) {

    /** The parameter {@code name}, or {@code fallback} when the benchmark has none of that name. */
    String param(String name, String fallback) {
        return params.getOrDefault(name, fallback);
    }

    /** The first of {@code all} from {@code benchmark} with parameter {@code param} = {@code value} on GEMM {@code gemm}. */
    static Optional<Measurement> find(List<Measurement> all, String benchmark, String param, String value,
                                      String gemm) {
        return all.stream()
                .filter(m -> m.benchmark().equals(benchmark) && m.param(param, "").equals(value)
                        && m.param("gemm", "default").equals(gemm))
                .findFirst();
    }

    String toLine() {
        StringBuilder p = new StringBuilder();
        params.forEach((k, v) -> p.append(p.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return String.join("\t", benchmark, p.length() == 0 ? "-" : p, String.format(Locale.ROOT, "%.6f", medianMs),
                String.format(Locale.ROOT, "%.6f", cpuMs), Long.toString(samples), blasThreads);
    }

    static Measurement parse(String line) {
        String[] f = line.split("\t");
        if (f.length != 6) {
            throw new IllegalArgumentException("benchmark result line needs 6 tab-separated fields, got " + f.length
                    + ": " + line);
        }
        Map<String, String> params = new TreeMap<>();
        if (!f[1].equals("-")) {
            for (String kv : f[1].split(",")) {
                int eq = kv.indexOf('=');
                params.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return new Measurement(f[0], params, Double.parseDouble(f[2]), Double.parseDouble(f[3]), Long.parseLong(f[4]), f[5]);
    }
}
