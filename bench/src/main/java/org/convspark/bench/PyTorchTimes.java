package org.convspark.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PyTorch's times for the table, measured in the same run and environment as the engine's (read
 * from {@code bench/run-engine.sh}'s {@code pytorch.tsv}): {@code NAME \t fwd_ms \t fb_ms \t
 * fb_cpu_ms} per line, medians per call, {@code -} where not measured; NAME is a {@link ConvShape}
 * or {@link LayerShape} name ({@code bench/pytorch/engine_shapes.py}), or {@code step:CONFIG} with
 * a {@link StepConfig} for a whole training step ({@code bench/resnet/resnet.py step}).
 * {@code #} lines say what was measured and are printed in the table's header.
 */
final class PyTorchTimes {
    /** Median milliseconds per call; NaN where not measured. */
    record Times(double forwardMs, double forwardBackwardMs, double forwardBackwardCpuMs) {
    }

    static final PyTorchTimes NONE = new PyTorchTimes();

    private final Map<String, Times> times = new HashMap<>();
    private final List<String> notes = new ArrayList<>();

    private PyTorchTimes() {
    }

    static PyTorchTimes read(List<Path> files) throws IOException {
        PyTorchTimes t = new PyTorchTimes();
        for (Path file : files) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.startsWith("#")) {
                    t.notes.add(line.substring(1).trim());
                } else if (!line.isBlank()) {
                    String[] f = line.split("\t");
                    if (f.length != 4) {
                        throw new IllegalArgumentException(file + ": a PyTorch line needs 4 tab-separated fields: "
                                + line);
                    }
                    t.times.put(f[0], new Times(ms(f[1]), ms(f[2]), ms(f[3])));
                }
            }
        }
        return t;
    }

    Optional<Times> get(String name) {
        return Optional.ofNullable(times.get(name));
    }

    List<String> notes() {
        return notes;
    }

    boolean isEmpty() {
        return times.isEmpty();
    }

    private static double ms(String field) {
        return field.equals("-") ? Double.NaN : Double.parseDouble(field);
    }
}
