package org.convspark.jobs.score;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.convspark.engine.json.JsonArray;
import org.convspark.engine.json.JsonNull;
import org.convspark.engine.json.JsonNumber;
import org.convspark.engine.json.JsonObject;
import org.convspark.engine.json.JsonValue;

/**
 * How a model did on labelled data: the confusion matrix ({@code confusion[true][predicted]},
 * sample counts) and the summed cross-entropy, from which accuracy, mean loss and per-class
 * accuracy (the share of a class's samples predicted as that class, i.e. its recall) follow.
 */
public final class Evaluation {
    private final List<String> classNames;
    private final long[][] confusion;
    private final double lossSum;
    private final long count;

    public Evaluation(List<String> classNames, long[][] confusion, double lossSum) {
        this.classNames = List.copyOf(classNames);
        this.confusion = confusion;
        this.lossSum = lossSum;
        long total = 0;
        for (long[] row : confusion) {
            for (long c : row) {
                total += c;
            }
        }
        this.count = total;
    }

    /** One job over scored rows (see {@link Scorer}); rows without a label are not counted. */
    public static Evaluation of(Dataset<Row> scored, List<String> classNames) {
        int k = classNames.size();
        long[][] confusion = new long[k][k];
        double lossSum = 0;
        List<Row> cells = scored.filter(col("label").isNotNull())
                .groupBy(col("label"), col(Scorer.PREDICTION))
                .agg(functions.count("*"), sum(col(Scorer.LOSS)))
                .collectAsList();
        for (Row cell : cells) {
            confusion[cell.getInt(0)][cell.getInt(1)] += cell.getLong(2);
            lossSum += cell.getDouble(3);
        }
        return new Evaluation(classNames, confusion, lossSum);
    }

    public long count() {
        return count;
    }

    public long correct() {
        long correct = 0;
        for (int i = 0; i < confusion.length; i++) {
            correct += confusion[i][i];
        }
        return correct;
    }

    public double accuracy() {
        return count == 0 ? Double.NaN : (double) correct() / count;
    }

    public double meanLoss() {
        return count == 0 ? Double.NaN : lossSum / count;
    }

    /** Samples whose true class is {@code c}. */
    public long samplesOf(int c) {
        long n = 0;
        for (long v : confusion[c]) {
            n += v;
        }
        return n;
    }

    /** Share of class {@code c}'s samples predicted as {@code c}; NaN when the data has none. */
    public double classAccuracy(int c) {
        long n = samplesOf(c);
        return n == 0 ? Double.NaN : (double) confusion[c][c] / n;
    }

    public long[][] confusion() {
        return confusion;
    }

    public List<String> classNames() {
        return classNames;
    }

    /** Classes that occur as a true label or a prediction (what the tables show). */
    public List<Integer> shownClasses() {
        List<Integer> shown = new ArrayList<>();
        for (int c = 0; c < confusion.length; c++) {
            boolean predicted = false;
            for (long[] row : confusion) {
                predicted |= row[c] > 0;
            }
            if (samplesOf(c) > 0 || predicted) {
                shown.add(c);
            }
        }
        return shown;
    }

    public JsonObject toJson() {
        List<JsonValue> perClass = new ArrayList<>();
        List<JsonValue> rows = new ArrayList<>();
        for (int c = 0; c < confusion.length; c++) {
            double a = classAccuracy(c);
            perClass.add(Double.isNaN(a) ? JsonNull.INSTANCE : JsonNumber.of(a));
            rows.add(JsonArray.ofLongs(confusion[c]));
        }
        return JsonObject.builder()
                .put("samples", count)
                .put("correct", correct())
                .put("accuracy", number(accuracy()))
                .put("loss", number(meanLoss()))
                .put("classes", JsonArray.ofStrings(classNames))
                .put("per_class_accuracy", JsonArray.of(perClass))
                .put("confusion_matrix", JsonArray.of(rows))
                .build();
    }

    private static JsonValue number(double value) {
        return Double.isNaN(value) ? JsonNull.INSTANCE : JsonNumber.of(value);
    }

    /** Accuracy line, per-class table and confusion matrix, as {@code evaluate} prints them. */
    public String toText() {
        return EvaluationText.of(this);
    }
}
