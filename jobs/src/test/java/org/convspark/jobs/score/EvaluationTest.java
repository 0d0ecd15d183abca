package org.convspark.jobs.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.convspark.engine.json.Json;
import org.junit.jupiter.api.Test;

class EvaluationTest {
    /** 3 classes; class "c" never occurs, "a" is predicted as "b" once. */
    private static final Evaluation E = new Evaluation(List.of("a", "b", "c"),
            new long[][] {{3, 1, 0}, {0, 4, 0}, {0, 0, 0}}, 2.4);

    @Test
    void countsAndRates() {
        assertEquals(8, E.count());
        assertEquals(7, E.correct());
        assertEquals(7 / 8.0, E.accuracy());
        assertEquals(0.3, E.meanLoss(), 1e-12);
        assertEquals(0.75, E.classAccuracy(0));
        assertEquals(1.0, E.classAccuracy(1));
        assertTrue(Double.isNaN(E.classAccuracy(2)));
    }

    @Test
    void textShowsOnlyClassesThatOccur() {
        assertEquals(String.join("\n",
                "accuracy 87.50% (7 of 8), mean loss 0.3000",
                "",
                "class  samples  correct  accuracy",
                "-----  -------  -------  --------",
                "a            4        3    75.00%",
                "b            4        4   100.00%",
                "",
                "confusion matrix (rows: true class, columns: predicted class)",
                "           a      b",
                "a          3      1",
                "b          0      4",
                ""), E.toText());
    }

    @Test
    void jsonHasEveryClass() {
        assertEquals(Json.parse("{\"samples\": 8, \"correct\": 7, \"accuracy\": 0.875, \"loss\": 0.3, "
                + "\"classes\": [\"a\", \"b\", \"c\"], \"per_class_accuracy\": [0.75, 1.0, null], "
                + "\"confusion_matrix\": [[3, 1, 0], [0, 4, 0], [0, 0, 0]]}", "expected"), E.toJson());
    }

    @Test
    void argmaxTakesTheFirstOfTies() {
        assertEquals(1, Scorer.argmax(new float[] {0.1f, 0.45f, 0.45f}));
        assertEquals(0, Scorer.argmax(new float[] {0.5f}));
    }
}
