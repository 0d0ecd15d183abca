package org.convspark.ml;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.convspark.driver.data.BatchScoring;
import org.convspark.engine.model.Network;

/**
 * The executor side of {@link ConvNetClassificationModel#transform} ({@link BatchScoring}): every
 * output row is the input row followed by the requested {@link OutputColumns}.
 */
final class ScorePartition extends BatchScoring {
    private static final long serialVersionUID = 1L;

    private final SampleReader reader;
    private final OutputColumns outputs;
    private final double[] thresholds;

    /** {@code thresholds} null when the param is not set. */
    ScorePartition(String specJson, Broadcast<float[]> params, SampleReader reader, OutputColumns outputs,
                   double[] thresholds) {
        super(specJson, params);
        this.reader = reader;
        this.outputs = outputs;
        this.thresholds = thresholds;
    }

    @Override
    protected List<Row> score(Network network, float[] values, List<Row> batch) {
        int n = batch.size();
        int k = network.numClasses();
        float[] images = new float[n * reader.size];
        for (int i = 0; i < n; i++) {
            reader.read(batch.get(i), images, i * reader.size);
        }
        float[] logits = new float[n * k];
        network.predictLogits(values, images, 0, n, logits, 0);
        List<Row> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Row row = batch.get(i);
            Object[] fields = new Object[row.size() + outputs.count()];
            for (int f = 0; f < row.size(); f++) {
                fields[f] = row.get(f);
            }
            double[] raw = new double[k];
            for (int c = 0; c < k; c++) {
                raw[c] = logits[i * k + c];
            }
            double[] probability = raw.clone();
            ClassScores.softmaxInPlace(probability);
            int at = row.size();
            if (!outputs.raw().isEmpty()) {
                fields[at++] = Vectors.dense(raw);
            }
            if (!outputs.probability().isEmpty()) {
                fields[at++] = Vectors.dense(probability);
            }
            if (!outputs.prediction().isEmpty()) {
                fields[at] = (double) ClassScores.prediction(probability, thresholds);
            }
            out.add(RowFactory.create(fields));
        }
        return out;
    }
}
