package org.convspark.driver.data;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.convspark.engine.model.Network;
import org.convspark.engine.spec.ModelSpecJson;

/**
 * The executor side of scoring rows with a trained model, for the Spark ML model's transform and
 * the {@code evaluate}/{@code predict} commands: each partition builds the network once from the
 * spec's JSON, takes the parameters from one broadcast, and hands its rows to {@link #score}
 * {@value #BATCH} at a time ({@link BatchingIterator}). What a scored row holds is the subclass's.
 */
public abstract class BatchScoring implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    /** Rows per engine call: large enough to keep the GEMMs efficient, small enough to hold in memory. */
    public static final int BATCH = 256;

    private final String specJson;
    private final Broadcast<float[]> params;

    protected BatchScoring(String specJson, Broadcast<float[]> params) {
        this.specJson = specJson;
        this.params = params;
    }

    @Override
    public final Iterator<Row> call(Iterator<Row> rows) {
        Network network = new Network(ModelSpecJson.parse(specJson, "model spec"));
        float[] values = params.value();
        return new BatchingIterator<>(rows, BATCH, batch -> score(network, values, batch));
    }

    /** The scored rows of {@code batch}, in its order ({@code batch} is reused after the call). */
    protected abstract List<Row> score(Network network, float[] params, List<Row> batch);
}
