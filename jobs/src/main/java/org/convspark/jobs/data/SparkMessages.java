package org.convspark.jobs.data;

/** Spark's exception messages can carry a plan or a stack trace after the first line; users get the first. */
final class SparkMessages {
    private SparkMessages() {
    }

    static String firstLine(Throwable e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
