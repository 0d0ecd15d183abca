package org.convspark.jobs.html;

/**
 * One named row of values a chart draws in one colour; NaN where a value is missing (a gap in a
 * line, no bar).
 */
record Series(String name, String color, double[] values) {
    Series {
        values = values.clone();
    }

    boolean isEmpty() {
        for (double v : values) {
            if (!Double.isNaN(v)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    double value(int i) {
        return values[i];
    }

    int size() {
        return values.length;
    }
}
