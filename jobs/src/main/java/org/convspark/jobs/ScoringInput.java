package org.convspark.jobs;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.convspark.engine.model.SavedModel;
import org.convspark.jobs.data.DataLoader;
import org.convspark.jobs.data.DataRequest;
import org.convspark.jobs.data.DataRole;
import org.convspark.jobs.data.LoadedData;
import org.convspark.jobs.data.ResolvedData;

/**
 * What evaluate and predict share: a saved model and the data to score with it, checked before
 * Spark starts ({@link #resolve}) and then read as {@code (id, pixels, label)} rows in the
 * model's input shape ({@link #load}). Without {@code --data}, the embedded MNIST test digits.
 */
final class ScoringInput {
    private final SavedModel model;
    private final ResolvedData data;
    private final boolean labelled;

    private ScoringInput(SavedModel model, ResolvedData data, boolean labelled) {
        this.model = model;
        this.data = data;
        this.labelled = labelled;
    }

    static ScoringInput resolve(java.nio.file.Path modelDir, String dataPath, DataOptions options, boolean labelled) {
        SavedModel model = ModelDirectory.read(modelDir);
        DataRequest request = dataPath == null ? DataRequest.embedded(DataRole.TEST)
                : options.request(dataPath, DataRole.TEST);
        return new ScoringInput(model, DataLoader.resolve(request, new Configuration(), labelled), labelled);
    }

    SavedModel model() {
        return model;
    }

    ResolvedData data() {
        return data;
    }

    LoadedData load(SparkSession spark) {
        // The model's class count is its output width (ModelFiles checked it against the class names).
        return new DataLoader(spark).load(data, new DataLoader.Target(model.spec().input(),
                model.spec().outputShape().dim(0),
                model.classNames(), labelled));
    }
}
