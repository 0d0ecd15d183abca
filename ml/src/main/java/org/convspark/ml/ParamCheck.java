package org.convspark.ml;

import java.io.Serializable;
import java.util.Arrays;
import scala.runtime.AbstractFunction1;

/**
 * A Spark {@code Param} validator that says what is wrong. Spark's own validators answer only
 * true or false, after which Spark reports "given invalid value"; these throw an {@link
 * IllegalArgumentException} naming the param, the value and the rule, when the value is set
 * (setters, {@code ParamGridBuilder}, loading). Serializable, because Params travel in closures.
 */
final class ParamCheck<T> extends AbstractFunction1<T, Object> implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A rule: null when {@code value} is fine, else what is wrong with it. */
    @FunctionalInterface
    interface Rule<T> extends Serializable {
        String problem(T value);
    }

    private final String param;
    private final Rule<T> rule;

    ParamCheck(String param, Rule<T> rule) {
        this.param = param;
        this.rule = rule;
    }

    @Override
    public Object apply(T value) {
        String problem = value == null ? "must be given" : rule.problem(value);
        if (problem != null) {
            throw new IllegalArgumentException(param + " " + show(value) + ": " + problem);
        }
        return Boolean.TRUE;
    }

    /** In {@code [min, max]}, for {@code IntParam} and {@code LongParam}. */
    static ParamCheck<Object> between(String param, long min, long max) {
        return new ParamCheck<>(param, v -> {
            long n = ((Number) v).longValue();
            return n >= min && n <= max ? null : "must be from " + min + " to " + max;
        });
    }

    private static String show(Object value) {
        if (value instanceof int[] ints) {
            return Arrays.toString(ints);
        }
        if (value instanceof String s) {
            return s.length() > 60 ? "'" + s.substring(0, 57) + "...'" : "'" + s + "'";
        }
        return String.valueOf(value);
    }
}
