package org.convspark.driver.options;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One training option, declared once in {@link TrainingOptions}: its name (the Spark ML param's;
 * the command line's {@code --kebab-case} and {@code metrics.json}'s {@code snake_case} derive
 * from it), its type, its default (or, for one derived from other options, a description of it),
 * the rule a value must meet and a one-line description. The command line, the Spark ML
 * estimator, validation and {@code metrics.json} all read these; none declares an option itself.
 *
 * @param <T> the value's type: Integer, Long, Double, String or Boolean
 */
public final class TrainingOption<T> {
    /** The value types options have, with how a surface parses them. */
    public enum Kind {
        INT(Integer.class), LONG(Long.class), DOUBLE(Double.class), STRING(String.class), BOOLEAN(Boolean.class);

        private final Class<?> type;

        Kind(Class<?> type) {
            this.type = type;
        }

        public Class<?> type() {
            return type;
        }
    }

    /** What is wrong with a value, or null when it is fine. */
    @FunctionalInterface
    public interface Rule<T> {
        String problem(T value);
    }

    private final String name;
    private final Kind kind;
    private final T defaultValue;
    private final String defaultText;
    private final String label;
    private final String doc;
    private final Rule<T> rule;

    private TrainingOption(String name, Kind kind, T defaultValue, String defaultText, String label, String doc,
                           Rule<T> rule) {
        this.name = name;
        this.kind = kind;
        this.defaultValue = defaultValue;
        this.defaultText = defaultText;
        this.label = label;
        this.doc = doc;
        this.rule = rule;
    }

    static TrainingOption<Integer> integer(String name, Integer defaultValue, String label, String doc) {
        return new TrainingOption<>(name, Kind.INT, defaultValue, String.valueOf(defaultValue), label, doc, v -> null);
    }

    static TrainingOption<Long> longValue(String name, Long defaultValue, String label, String doc) {
        return new TrainingOption<>(name, Kind.LONG, defaultValue, String.valueOf(defaultValue), label, doc, v -> null);
    }

    static TrainingOption<Double> decimal(String name, Double defaultValue, String label, String doc) {
        return new TrainingOption<>(name, Kind.DOUBLE, defaultValue, String.valueOf(defaultValue), label, doc,
                v -> null);
    }

    static TrainingOption<String> text(String name, String defaultValue, String label, String doc) {
        return new TrainingOption<>(name, Kind.STRING, defaultValue, defaultValue, label, doc, v -> null);
    }

    static TrainingOption<Boolean> flag(String name, String doc) {
        return new TrainingOption<>(name, Kind.BOOLEAN, false, "off", null, doc, v -> null);
    }

    /** The same option with {@code rule} (replacing any earlier one). */
    TrainingOption<T> rule(Rule<T> value) {
        return new TrainingOption<>(name, kind, defaultValue, defaultText, label, doc, value);
    }

    /** The same option with no fixed default: {@code text} says what it is derived from. */
    TrainingOption<T> derivedDefault(String text) {
        return new TrainingOption<>(name, kind, null, text, label, doc, rule);
    }

    /** Whole numbers: at least {@code min}. */
    TrainingOption<T> atLeast(long min) {
        return rule(v -> ((Number) v).longValue() >= min ? null : "must be >= " + min);
    }

    /** Text: one of {@code allowed}, else {@code problem}. */
    TrainingOption<T> oneOf(List<String> allowed, String problem) {
        return rule(v -> allowed.contains(v) ? null : problem);
    }

    /** Text that {@code parser} accepts (it throws IllegalArgumentException with the problem otherwise). */
    TrainingOption<T> parsedBy(Function<String, ?> parser) {
        return rule(v -> {
            try {
                parser.apply((String) v);
                return null;
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        });
    }

    /** The Spark ML param's name, camelCase. */
    public String name() {
        return name;
    }

    /** {@code --kebab-case}. */
    public String cliName() {
        return "--" + name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** {@code snake_case}, as {@code metrics.json} and checkpoints write it. */
    public String jsonName() {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    public Kind kind() {
        return kind;
    }

    /** The fixed default, or null when there is none (see {@link #defaultText()}). */
    public T defaultValue() {
        return defaultValue;
    }

    /** The default as help texts show it, also when it is derived from other options. */
    public String defaultText() {
        return defaultText;
    }

    /** The command line's placeholder for the value; null for a flag. */
    public String label() {
        return label;
    }

    /** One line: what the option does. */
    public String doc() {
        return doc;
    }

    /** {@code value} as this option's type, or a ClassCastException. */
    @SuppressWarnings("unchecked")
    public T cast(Object value) {
        return (T) kind.type().cast(value);
    }

    /** What is wrong with {@code value} for this option, or null. */
    public String problem(Object value) {
        return rule.problem(cast(value));
    }

    @Override
    public String toString() {
        return name;
    }
}
