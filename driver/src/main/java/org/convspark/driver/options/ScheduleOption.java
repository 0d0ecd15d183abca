package org.convspark.driver.options;

import org.convspark.engine.optim.ScheduleConfig;

/**
 * The value of the {@code schedule} option: {@code constant}, {@code step:EVERY:GAMMA} (multiply
 * the rate by GAMMA every EVERY steps) or {@code cosine[:FLOOR]} (from the base rate down to
 * FLOOR, default 0, over the whole run, whatever its length). The {@code warmup} option adds a
 * linear warm-up to any of them.
 */
public record ScheduleOption(String kind, long every, double gamma, double floor) {
    static final String EXPECTED = "expected constant, step:EVERY:GAMMA (e.g. step:500:0.5) or cosine[:FLOOR] "
            + "(e.g. cosine:1e-5)";

    /** Parses a schedule; an IllegalArgumentException says what is expected. */
    public static ScheduleOption parse(String value) {
        String[] parts = value.trim().split(":", -1);
        try {
            switch (parts[0]) {
                case "constant":
                    if (parts.length == 1) {
                        return new ScheduleOption("constant", 0, 0, 0);
                    }
                    break;
                case "step":
                    if (parts.length == 3) {
                        return new ScheduleOption("step", Long.parseLong(parts[1]), Double.parseDouble(parts[2]), 0);
                    }
                    break;
                case "cosine":
                    if (parts.length <= 2) {
                        return new ScheduleOption("cosine", 0, 0, parts.length == 2 ? Double.parseDouble(parts[1]) : 0);
                    }
                    break;
                default:
                    break;
            }
        } catch (NumberFormatException e) {
            // falls through to the usage error below
        }
        throw new IllegalArgumentException(EXPECTED);
    }

    /** The engine's schedule for a run of {@code totalSteps} steps with {@code warmup} warm-up steps. */
    public ScheduleConfig toConfig(long totalSteps, long warmup) {
        ScheduleConfig base = switch (kind) {
            case "step" -> ScheduleConfig.step(every, gamma);
            case "cosine" -> ScheduleConfig.cosine(Math.max(1, totalSteps), floor);
            default -> ScheduleConfig.constant();
        };
        return base.withWarmup(warmup);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case "step" -> "step:" + every + ":" + gamma;
            case "cosine" -> "cosine:" + floor;
            default -> kind;
        };
    }
}
