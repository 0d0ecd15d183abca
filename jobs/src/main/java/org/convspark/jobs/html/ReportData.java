package org.convspark.jobs.html;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convspark.driver.EpochMetrics;
import org.convspark.engine.report.ModelReport;
import org.convspark.jobs.score.Evaluation;

/**
 * Everything {@link TrainingReport} shows, as plain values (no Spark session needed to render):
 *
 * @param history       one entry per epoch of the run (test fields NaN without test data)
 * @param model         the parameter and receptive-field reports of the trained network
 * @param test          the trained model on the test data (for the confusion matrix); null without test data
 * @param configuration the run's settings, in the order to show them
 * @param spark         the Spark settings the run had, in the order to show them
 * @param generatedAt   when the report was written, as it should read (an ISO timestamp)
 */
public record ReportData(List<EpochMetrics> history, ModelReport model, Evaluation test,
                         Map<String, String> configuration, Map<String, String> spark, String generatedAt) {
    public ReportData {
        history = List.copyOf(history);
        configuration = Collections.unmodifiableMap(new LinkedHashMap<>(configuration));
        spark = Collections.unmodifiableMap(new LinkedHashMap<>(spark));
    }

    boolean hasTestData() {
        return test != null || history.stream().anyMatch(m -> !Double.isNaN(m.testAccuracy()));
    }
}
