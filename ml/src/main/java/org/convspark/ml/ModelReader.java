package org.convspark.ml;

import java.util.List;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.MLReader;
import org.convspark.engine.model.SavedModel;
import scala.Option;

/**
 * Loads what {@link ModelWriter} saved: the params from Spark's metadata (checked to be of this
 * class) and the network from {@code data/}. The training history is not saved, as with Spark's
 * training summaries.
 */
final class ModelReader extends MLReader<ConvNetClassificationModel> {
    @Override
    public ConvNetClassificationModel load(String path) {
        DefaultParamsReader.Metadata metadata = DefaultParamsReader.loadMetadata(path, sparkSession(),
                ConvNetClassificationModel.class.getName());
        SavedModel data = ModelData.read(path, sc().hadoopConfiguration());
        ConvNetClassificationModel model = ConvNetClassificationModel.create(metadata.uid(), data.spec(), data.params(),
                data.classNames(), data.training(), List.of());
        metadata.getAndSetParams(model, Option.empty());
        return model;
    }
}
