package org.convspark.jobs.html;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.convspark.driver.EpochMetrics;
import org.convspark.engine.spec.ModelZoo;
import org.convspark.engine.report.ModelReport;
import org.convspark.jobs.score.Evaluation;

/**
 * Report inputs shaped like a LeNet-5 run on the embedded MNIST subset (12 epochs, 8,000 training
 * and 2,000 test digits): falling loss, rising accuracy, a mostly diagonal confusion matrix.
 * Deterministic, so rendered pages can be compared.
 */
final class SampleRun {
    private SampleRun() {
    }

    static List<EpochMetrics> history(int epochs, boolean test) {
        List<EpochMetrics> history = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            double trainLoss = 0.05 + 1.9 * Math.exp(-0.75 * e);
            double testLoss = 0.07 + 1.2 * Math.exp(-0.8 * e);
            double trainAcc = 1 - 0.012 - 0.6 * Math.exp(-0.9 * e);
            double testAcc = 1 - 0.022 - 0.45 * Math.exp(-0.9 * e);
            double seconds = e == 1 ? 6.8 : 4.1 + 0.1 * (e % 3);
            history.add(new EpochMetrics(e, 63, 8000, trainLoss, trainAcc, test ? testLoss : Double.NaN,
                    test ? testAcc : Double.NaN, seconds, seconds * 0.62, seconds * 0.38));
        }
        return history;
    }

    static Evaluation evaluation(List<String> classes) {
        Random rng = new Random(5);
        int k = classes.size();
        long[][] confusion = new long[k][k];
        for (int t = 0; t < k; t++) {
            int samples = 180 + rng.nextInt(50);
            int wrong = rng.nextInt(9);
            confusion[t][t] = samples - wrong;
            for (int i = 0; i < wrong; i++) {
                int p = rng.nextInt(k);
                confusion[t][p == t ? (t + 1) % k : p]++;
            }
        }
        return new Evaluation(classes, confusion, 140.0);
    }

    static List<String> digits() {
        List<String> digits = new ArrayList<>();
        for (int d = 0; d < 10; d++) {
            digits.add(Integer.toString(d));
        }
        return digits;
    }

    static Map<String, String> configuration() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("model", "lenet5");
        c.put("epochs", "12");
        c.put("batch_size", "128");
        c.put("optimizer", "adam");
        c.put("lr", "0.004");
        c.put("schedule", "cosine:0.0");
        c.put("seed", "1");
        c.put("data", "embedded MNIST subset (8,000 training digits)");
        c.put("test_data", "embedded MNIST subset (2,000 test digits)");
        c.put("partitions", "2");
        return c;
    }

    static Map<String, String> spark() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("spark.master", "local[2]");
        s.put("spark.app.name", "convspark train");
        s.put("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        s.put("spark.kryo.registrator", "org.convspark.driver.ConvsparkKryoRegistrator");
        s.put("spark.driver.memory", "2g");
        s.put("spark.driver.extraJavaOptions", "--add-opens=java.base/java.lang=ALL-UNNAMED "
                + "--add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED "
                + "--add-modules=jdk.incubator.vector -Dio.netty.tryReflectionSetAccessible=true");
        s.put("spark.app.startTime", "1795312465570");
        return s;
    }

    static ReportData lenet5() {
        return new ReportData(history(12, true), ModelReport.of(ModelZoo.get("lenet5")), evaluation(digits()),
                configuration(), spark(), "2025-01-01T12:00:00Z");
    }
}
