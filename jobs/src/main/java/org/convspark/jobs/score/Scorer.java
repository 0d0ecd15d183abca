package org.convspark.jobs.score;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.convspark.driver.data.BatchScoring;
import org.convspark.engine.model.Network;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.spec.ModelSpecJson;
import scala.collection.immutable.ArraySeq;

/**
 * Scores {@code (id, pixels, label)} rows with a model: every partition builds the network once
 * from the spec's JSON, takes the parameters from one broadcast, and runs the engine over batches
 * of rows ({@link BatchScoring}). Each output row is {@code (id, label, prediction, probabilities, loss)};
 * {@code loss} is the sample's cross-entropy {@code -ln p[label]} (null without a label).
 */
public final class Scorer {
    public static final String PREDICTION = "prediction";
    public static final String PROBABILITIES = "probabilities";
    public static final String LOSS = "loss";
    /** Probabilities are floats; a zero would make the loss infinite, so it is clamped here. */
    static final double MIN_PROBABILITY = 1e-30;

    private final JavaSparkContext sc;
    private final ModelSpec spec;
    private final float[] params;

    public Scorer(JavaSparkContext sc, ModelSpec spec, float[] params) {
        this.sc = sc;
        this.spec = spec;
        this.params = params;
    }

    public static StructType schema(String idColumn) {
        return new StructType()
                .add(idColumn, DataTypes.StringType, true)
                .add("label", DataTypes.IntegerType, true)
                .add(PREDICTION, DataTypes.IntegerType, false)
                .add(PROBABILITIES, DataTypes.createArrayType(DataTypes.FloatType, false), false)
                .add(LOSS, DataTypes.DoubleType, true);
    }

    /**
     * The scored rows of {@code samples} (columns: id, pixels, label). The returned frame is lazy;
     * call {@link Scored#release()} when done with it to drop the broadcast parameters.
     */
    public Scored score(Dataset<Row> samples) {
        Broadcast<float[]> broadcast = sc.broadcast(params);
        String idColumn = samples.columns()[0];
        Dataset<Row> scored = samples.mapPartitions(new ScorePartition(ModelSpecJson.toJson(spec), broadcast),
                Encoders.row(schema(idColumn)));
        return new Scored(scored, broadcast);
    }

    /** A scored frame and the broadcast it reads. */
    public record Scored(Dataset<Row> rows, Broadcast<float[]> broadcast) {
        public void release() {
            broadcast.destroy();
        }
    }

    /** Executor side: {@link BatchScoring} into (id, label, prediction, probabilities, loss) rows. */
    static final class ScorePartition extends BatchScoring {
        private static final long serialVersionUID = 1L;

        ScorePartition(String specJson, Broadcast<float[]> params) {
            super(specJson, params);
        }

        @Override
        protected List<Row> score(Network network, float[] params, List<Row> batch) {
            int sampleSize = network.spec().input().size();
            int classes = network.numClasses();
            int n = batch.size();
            float[] images = new float[n * sampleSize];
            for (int i = 0; i < n; i++) {
                List<Float> pixels = batch.get(i).getList(1);
                if (pixels.size() != sampleSize) {
                    throw new IllegalArgumentException("sample " + batch.get(i).get(0) + " has " + pixels.size()
                            + " values, the model takes " + sampleSize);
                }
                for (int j = 0; j < sampleSize; j++) {
                    images[i * sampleSize + j] = pixels.get(j);
                }
            }
            float[] probabilities = new float[n * classes];
            network.predictProbabilities(params, images, 0, n, probabilities, 0);
            List<Row> scored = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Row row = batch.get(i);
                float[] p = new float[classes];
                System.arraycopy(probabilities, i * classes, p, 0, classes);
                int prediction = argmax(p);
                Integer label = row.isNullAt(2) ? null : row.getInt(2);
                Double loss = label == null || label < 0 || label >= classes ? null
                        : -Math.log(Math.max(p[label], MIN_PROBABILITY));
                // A Seq, as Spark's row encoders produce: a row may reach readers without being re-encoded.
                scored.add(RowFactory.create(row.get(0), label, prediction, ArraySeq.unsafeWrapArray(p), loss));
            }
            return scored;
        }
    }

    /** The index of the largest value (the first, on ties). */
    static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
