package org.convspark.bench;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One benchmark's result as the engine table needs it: which benchmark and parameters, the median
 * and the fastest time per call (on a loaded machine the fastest says what the code can do, the
 * median what it did), how many calls were timed and how many OpenBLAS threads the run had. Written one
 * per line (tab-separated) so runs with different environments can be combined into one table.
 */
record Measurement(String benchmark, Map<String, String> params, double medianMs, double bestMs, long samples,
                   String blasThreads) {

    /** The parameter {@code name}, or {@code fallback} when the benchmark has none of that name. */
    String param(String name, String fallback) {
        return params.getOrDefault(name, fallback);
    }

    String toLine() {
        StringBuilder p = new StringBuilder();
        params.forEach((k, v) -> p.append(p.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return String.join("\t", benchmark, p.length() == 0 ? "-" : p, String.format(Locale.ROOT, "%.6f", medianMs),
                String.format(Locale.ROOT, "%.6f", bestMs), Long.toString(samples), blasThreads);
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
