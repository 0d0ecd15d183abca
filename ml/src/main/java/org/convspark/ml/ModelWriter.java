package org.convspark.ml;

import java.util.List;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLWriter;

/**
 * Saves a {@link ConvNetClassificationModel}: Spark's {@code metadata/} (class, uid, Spark version
 * and every param, written by Spark's own metadata writer so that {@code PipelineModel.load} and
 * {@code DefaultParamsReader} recognise the stage) and the network in {@code data/} ({@link
 * ModelData}). {@link MLWriter#save} has already refused or cleared an existing path.
 */
final class ModelWriter extends MLWriter {
    private final ConvNetClassificationModel model;

    ModelWriter(ConvNetClassificationModel model) {
        this.model = model;
    }

    @Override
    public void saveImpl(String path) {
        DefaultParamsWriter.saveMetadata(model, path, sparkSession());
        ModelData.write(path, sc().hadoopConfiguration(), model.spec(), model.parameters(),
                List.copyOf(model.classNames()), model.training());
    }
}
