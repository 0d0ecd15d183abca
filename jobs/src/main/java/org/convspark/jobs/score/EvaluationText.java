package org.convspark.jobs.score;

import java.util.List;

/**
 * The printed form of an {@link Evaluation}:
 * <pre>
 * accuracy 97.85% (1957 of 2000), mean loss 0.0712
 *
 * class  samples  correct  accuracy
 * -----  -------  -------  --------
 * 0          175      174    99.43%
 * ...
 *
 * confusion matrix (rows: true class, columns: predicted class)
 *          0    1 ...
 *    0   174    0 ...
 * </pre>
 * Only classes that occur as a label or a prediction are shown.
 */
final class EvaluationText {
    private EvaluationText() {
    }

    static String of(Evaluation e) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("accuracy %.2f%% (%d of %d), mean loss %.4f%n", 100 * e.accuracy(), e.correct(),
                e.count(), e.meanLoss()));
        List<Integer> shown = e.shownClasses();
        int nameWidth = "class".length();
        for (int c : shown) {
            nameWidth = Math.max(nameWidth, e.classNames().get(c).length());
        }
        out.append(System.lineSeparator());
        String row = "%-" + nameWidth + "s  %7s  %7s  %8s%n";
        out.append(String.format(row, "class", "samples", "correct", "accuracy"));
        out.append(String.format(row, "-".repeat(nameWidth), "-------", "-------", "--------"));
        for (int c : shown) {
            double a = e.classAccuracy(c);
            out.append(String.format(row, e.classNames().get(c), e.samplesOf(c), e.confusion()[c][c],
                    Double.isNaN(a) ? "-" : String.format("%.2f%%", 100 * a)));
        }
        out.append(System.lineSeparator());
        out.append("confusion matrix (rows: true class, columns: predicted class)").append(System.lineSeparator());
        int cell = nameWidth;
        for (int r : shown) {
            for (int c : shown) {
                cell = Math.max(cell, Long.toString(e.confusion()[r][c]).length());
            }
        }
        String format = "%" + cell + "s";
        StringBuilder header = new StringBuilder(String.format("%-" + nameWidth + "s", ""));
        for (int c : shown) {
            header.append("  ").append(String.format(format, e.classNames().get(c)));
        }
        out.append(header.toString().stripTrailing()).append(System.lineSeparator());
        for (int r : shown) {
            StringBuilder line = new StringBuilder(String.format("%-" + nameWidth + "s", e.classNames().get(r)));
            for (int c : shown) {
                line.append("  ").append(String.format(format, e.confusion()[r][c]));
            }
            out.append(line).append(System.lineSeparator());
        }
        return out.toString();
    }
}
