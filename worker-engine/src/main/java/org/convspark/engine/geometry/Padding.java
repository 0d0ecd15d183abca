package org.convspark.engine.geometry;

import java.util.Arrays;

/**
 * A padding request as a user writes it: explicit widths per dimension (symmetric, or before and
 * after), or one of the named rules {@code valid}, {@code same}, {@code full}. It is resolved
 * against the kernel and dilation by {@link ConvGeometry}.
 */
public final class Padding {
    /** The named rules. */
    public enum Rule { EXPLICIT, VALID, SAME, FULL }

    private final Rule rule;
    private final int[] before;
    private final int[] after;

    private Padding(Rule rule, int[] before, int[] after) {
        this.rule = rule;
        this.before = before;
        this.after = after;
    }

    public static final Padding VALID = new Padding(Rule.VALID, null, null);
    /** Output size equals input size at stride 1; odd totals put the extra pixel after (PyTorch). */
    public static final Padding SAME = new Padding(Rule.SAME, null, null);
    /** Every partial overlap of kernel and input: d(k-1) on both sides. */
    public static final Padding FULL = new Padding(Rule.FULL, null, null);

    /** Symmetric explicit padding; one value is broadcast to every dimension. */
    public static Padding of(int... widths) {
        return new Padding(Rule.EXPLICIT, widths.clone(), widths.clone());
    }

    /** Asymmetric explicit padding. */
    public static Padding of(int[] before, int[] after) {
        if (before.length != after.length) {
            throw new IllegalArgumentException("padding: " + before.length + " widths before but "
                    + after.length + " after");
        }
        return new Padding(Rule.EXPLICIT, before.clone(), after.clone());
    }

    public Rule rule() {
        return rule;
    }

    public static Padding fromSpecName(String name) {
        switch (name) {
            case "valid": return VALID;
            case "same": return SAME;
            case "full": return FULL;
            default:
                throw new IllegalArgumentException("padding \"" + name + "\" is not one of valid, same, full"
                        + " (or an integer, or one integer per dimension)");
        }
    }

    /** Explicit widths before each dimension, for {@code dims} dimensions (null for named rules). */
    int[] explicitBefore(int dims) {
        return broadcast(before, dims);
    }

    int[] explicitAfter(int dims) {
        return broadcast(after, dims);
    }

    private static int[] broadcast(int[] v, int dims) {
        if (v.length == dims) {
            return v.clone();
        }
        if (v.length == 1) {
            int[] out = new int[dims];
            Arrays.fill(out, v[0]);
            return out;
        }
        throw new IllegalArgumentException("padding has " + v.length + " values for " + dims + " spatial dimensions");
    }

    @Override
    public String toString() {
        if (rule != Rule.EXPLICIT) {
            return rule.name().toLowerCase(java.util.Locale.ROOT);
        }
        return Arrays.equals(before, after) ? Arrays.toString(before)
                : Arrays.toString(before) + "/" + Arrays.toString(after);
    }
}
