package org.convspark.engine.json;

import java.math.BigDecimal;

/**
 * A JSON number, kept as its literal text so that nothing is lost or rounded until a caller
 * asks for a Java type. A number is <em>integral</em> when it is written without a fraction or
 * exponent ({@code 3}, not {@code 3.0} or {@code 3e0}); {@link #intValue()} and
 * {@link #longValue()} accept integral numbers only.
 */
public final class JsonNumber implements JsonValue {
    private final String text;
    private final boolean integral;
    private final JsonLocation location;

    JsonNumber(String text, boolean integral, JsonLocation location) {
        this.text = text;
        this.integral = integral;
        this.location = location;
    }

    public static JsonNumber of(long value) {
        return new JsonNumber(Long.toString(value), true, null);
    }

    /** A fractional number; refuses NaN and infinities, which JSON cannot represent. */
    public static JsonNumber of(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("JSON has no representation for " + value);
        }
        return new JsonNumber(Double.toString(value), false, null);
    }

    /** The shortest text that reads back as the same float (Float.toString). */
    public static JsonNumber of(float value) {
        if (!Float.isFinite(value)) {
            throw new IllegalArgumentException("JSON has no representation for " + value);
        }
        return new JsonNumber(Float.toString(value), false, null);
    }

    /** The number written as an integer when it has no fractional part, else as a double. */
    public static JsonNumber ofWhole(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 0x1p53) {
            return of((long) value);
        }
        return of(value);
    }

    @Override
    public JsonLocation location() {
        return location;
    }

    @Override
    public String kind() {
        return "a number (" + text + ")";
    }

    @Override
    public JsonNumber asNumber() {
        return this;
    }

    /** The literal text as parsed or as written by this writer. */
    public String text() {
        return text;
    }

    public boolean isIntegral() {
        return integral;
    }

    public int intValue() {
        long v = longValue();
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new JsonException(location, "integer " + text + " is out of range (at most "
                    + Integer.MAX_VALUE + " in magnitude)");
        }
        return (int) v;
    }

    public long longValue() {
        if (!integral) {
            throw new JsonException(location, "expected an integer but found " + text);
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new JsonException(location, "integer " + text + " is out of range for a 64-bit integer");
        }
    }

    public double doubleValue() {
        double v = Double.parseDouble(text);
        if (Double.isInfinite(v)) {
            throw new JsonException(location, "number " + text + " is out of range for a double");
        }
        return v;
    }

    public BigDecimal bigDecimalValue() {
        return new BigDecimal(text);
    }

    /** Equal when both are integral or both fractional, with the same numeric value. */
    @Override
    public boolean equals(Object o) {
        return o instanceof JsonNumber n && n.integral == integral
                && n.bigDecimalValue().compareTo(bigDecimalValue()) == 0;
    }

    @Override
    public int hashCode() {
        BigDecimal v = bigDecimalValue();
        return (v.signum() == 0 ? 0 : v.stripTrailingZeros().hashCode()) * 31 + Boolean.hashCode(integral);
    }

    @Override
    public String toString() {
        return text;
    }
}
