package org.convspark.jobs.html;

import java.util.List;
import java.util.Locale;
import org.convspark.jobs.score.Evaluation;

/**
 * The confusion matrix as a heat-map table: rows are true classes, columns predicted classes,
 * each cell the sample count shaded by its share of the row (so rare classes read as clearly as
 * common ones): blue on the diagonal (right), red off it (confused). The last column is each
 * class's accuracy (its recall). Only classes that occur as a label or a prediction are shown.
 */
final class ConfusionMatrixTable {
    private static final int[] WHITE = {255, 255, 255};
    private static final int[] RIGHT = {29, 78, 216};
    private static final int[] WRONG = {220, 38, 38};

    private ConfusionMatrixTable() {
    }

    static String render(Evaluation evaluation) {
        List<Integer> shown = evaluation.shownClasses();
        long[][] counts = evaluation.confusion();
        List<String> names = evaluation.classNames();
        Markup html = new Markup();
        html.open("div", "class", "scroll").open("table", "class", "matrix", "data-chart", "confusion");
        // Long class names ("automobile") stand upright in the header so the columns stay narrow.
        boolean upright = shown.stream().anyMatch(c -> names.get(c).length() > 3);
        html.open("thead").open("tr").element("th", "true \\ predicted", "class", "corner");
        for (int c : shown) {
            html.open("th", "scope", "col", "class", upright ? "upright" : null).element("span", names.get(c))
                    .close("th");
        }
        html.element("th", "accuracy", "scope", "col").close("tr").close("thead").open("tbody");
        for (int t : shown) {
            long total = evaluation.samplesOf(t);
            html.open("tr").element("th", names.get(t), "scope", "row");
            for (int p : shown) {
                long n = counts[t][p];
                double share = total == 0 ? 0 : (double) n / total;
                html.element("td", Long.toString(n), "style", cellStyle(share, t == p), "title",
                        names.get(t) + " predicted as " + names.get(p) + ": " + n + " of " + total + " ("
                                + Format.percent(share) + ")");
            }
            html.element("td", Format.percent(evaluation.classAccuracy(t)), "class", "recall");
            html.close("tr");
        }
        html.close("tbody").close("table").close("div");
        return html.toString();
    }

    /** Background shaded towards blue (diagonal) or red by {@code share}; white text on dark cells. */
    static String cellStyle(double share, boolean diagonal) {
        // A square root lifts small shares (a handful of confusions) out of the white.
        double t = Math.sqrt(Math.max(0, Math.min(1, share)));
        int[] to = diagonal ? RIGHT : WRONG;
        int[] rgb = new int[3];
        for (int i = 0; i < 3; i++) {
            rgb[i] = (int) Math.round(WHITE[i] + (to[i] - WHITE[i]) * t);
        }
        String text = t > 0.6 ? "#ffffff" : "#1f2937";
        return String.format(Locale.ROOT, "background:#%02x%02x%02x;color:%s", rgb[0], rgb[1], rgb[2], text);
    }
}
