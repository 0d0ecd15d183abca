package org.convspark.ml;

import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.convspark.driver.EpochMetrics;
import org.convspark.engine.data.ImageDecoder;
import org.convspark.engine.json.Json;
import org.convspark.engine.json.JsonObject;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.spec.ModelSpecJson;
import org.convspark.engine.model.Network;
import org.convspark.engine.model.SavedModel;
import org.convspark.engine.report.ModelReport;
import org.convspark.engine.tensor.Shape;
import scala.Tuple3;

/**
 * A trained convolutional network as a Spark ML {@code Model}: what {@link ConvNetClassifier#fit}
 * returns. {@link #transform} appends {@code rawPredictionCol} (the logits), {@code
 * probabilityCol} (their softmax) and {@code predictionCol} (the class index, honouring {@code
 * thresholds}) to rows whose input is a vector in {@code featuresCol} or, when {@code imageCol} is
 * set, an image struct of Spark's {@code image} source or a PNG or JPEG file's bytes. Rows are scored in batches on the
 * executors, from parameters broadcast once per {@code transform}.
 *
 * <p>Saved with {@link #write()} as Spark's metadata plus the project's model format (see
 * {@link ModelData}), loaded with {@link #load} or {@link #read()}, and inside a saved
 * {@code PipelineModel}.
 */
public final class ConvNetClassificationModel
        extends ProbabilisticClassificationModel<Vector, ConvNetClassificationModel> implements MLWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final Param<String> imageCol;
    private final LongParam maxImagePixels;
    // What a task closure may carry: the engine's types are deliberately not Serializable.
    private final String specJson;
    private final float[] params;
    private final String[] classNames;
    private final String trainingJson;
    private transient volatile ModelSpec spec;
    private transient volatile ThreadLocal<Network> networks;
    private final transient List<EpochMetrics> history;

    private ConvNetClassificationModel(String uid, ModelSpec spec, float[] params, List<String> classNames,
                                       JsonObject training, List<EpochMetrics> history) {
        ConstructionUid.clear();
        this.uid = uid;
        this.imageCol = ConvNetClassifier.imageColParam(uid);
        this.maxImagePixels = ConvNetClassifier.maxImagePixelsParam(uid);
        setDefault(imageCol, "");
        setDefault(maxImagePixels, ImageDecoder.DEFAULT_MAX_PIXELS);
        this.spec = spec;
        this.specJson = ModelSpecJson.toJson(spec);
        Network network = new Network(spec);
        if (params.length != network.parameterCount()) {
            throw new IllegalArgumentException("model " + spec.name() + " has " + network.parameterCount()
                    + " parameters, got " + params.length);
        }
        if (classNames.size() != network.numClasses()) {
            throw new IllegalArgumentException("model " + spec.name() + " has " + network.numClasses()
                    + " classes, got " + classNames.size() + " class names");
        }
        this.params = params.clone();
        this.classNames = classNames.toArray(new String[0]);
        this.trainingJson = Json.write(training);
        this.history = List.copyOf(history);
    }

    /**
     * A model of {@code spec} with {@code params}; {@code classNames} has one name per output,
     * {@code training} records the fit's settings and {@code history} its epochs.
     */
    static ConvNetClassificationModel create(String uid, ModelSpec spec, float[] params, List<String> classNames,
                                             JsonObject training, List<EpochMetrics> history) {
        ConstructionUid.park(uid);
        try {
            return new ConvNetClassificationModel(uid, spec, params, classNames, training, history);
        } finally {
            ConstructionUid.clear();
        }
    }

    /** Loads a model saved with {@code write().save(path)} (or inside a pipeline). */
    public static ConvNetClassificationModel load(String path) {
        return read().load(path);
    }

    public static MLReader<ConvNetClassificationModel> read() {
        return new ModelReader();
    }

    @Override
    public MLWriter write() {
        return new ModelWriter(this);
    }

    @Override
    public String uid() {
        return uid != null ? uid : ConstructionUid.parked();
    }

    public Param<String> imageCol() {
        return imageCol;
    }

    public String getImageCol() {
        return getOrDefault(imageCol);
    }

    public ConvNetClassificationModel setImageCol(String value) {
        return (ConvNetClassificationModel) set(imageCol, value);
    }

    public LongParam maxImagePixels() {
        return maxImagePixels;
    }

    public long getMaxImagePixels() {
        return (Long) getOrDefault(maxImagePixels);
    }

    public ConvNetClassificationModel setMaxImagePixels(long value) {
        return (ConvNetClassificationModel) set(maxImagePixels, value);
    }

    /** The network's layers and input shape. */
    public ModelSpec spec() {
        if (spec == null) {
            spec = ModelSpecJson.parse(specJson, "model spec");
        }
        return spec;
    }

    /** A copy of the flat parameters. */
    public float[] parameters() {
        return params.clone();
    }

    /** One name per class index: the label column's nominal values when the training data had them. */
    public List<String> classNames() {
        return List.of(classNames);
    }

    /** The per-epoch metrics of the fit that made this model; empty for a loaded model. */
    public List<EpochMetrics> history() {
        return history == null ? List.of() : history;
    }

    /**
     * Writes the model as a standard ONNX model to {@code path} (any Hadoop file system; the
     * session's Hadoop configuration when one is active): input {@code N x C x spatial...}
     * float32 holding what the model's {@code transform} feeds the network (pixels scaled to
     * [0, 1]); outputs
     * the logits ({@code rawPrediction}) and the class probabilities ({@code probability}); class
     * and layer names in the model's metadata. An existing file is refused.
     */
    public void exportOnnx(String path) {
        exportOnnx(path, false);
    }

    /** {@link #exportOnnx(String)}, replacing an existing file (only once the new one is written) with {@code overwrite}. */
    public void exportOnnx(String path, boolean overwrite) {
        Configuration conf = SparkSession.getActiveSession().isDefined()
                ? SparkSession.getActiveSession().get().sparkContext().hadoopConfiguration()
                : new Configuration();
        OnnxFile.write(new SavedModel(spec(), params, classNames(), training()), path, overwrite, conf);
    }

    /** The parameter and receptive-field reports of the network. */
    public ModelReport report() {
        return ModelReport.of(spec());
    }

    /** The settings of the fit that made this model (saved in {@code data/model.json}). */
    JsonObject training() {
        return Json.parse(trainingJson, "training").asObject();
    }

    @Override
    public int numClasses() {
        return classNames.length;
    }

    @Override
    public int numFeatures() {
        return spec().input().size();
    }

    @Override
    public StructType transformSchema(StructType schema) {
        SampleReader.of(schema, getImageCol(), getFeaturesCol(), spec().input(), getMaxImagePixels());
        return outputs().appendTo(schema, numClasses());
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType outputSchema = transformSchema(dataset.schema());
        double[] thresholds = isDefined(thresholds()) ? getThresholds() : null;
        if (thresholds != null && thresholds.length != numClasses()) {
            throw new IllegalArgumentException("thresholds has " + thresholds.length + " values, the model has "
                    + numClasses() + " classes");
        }
        OutputColumns outputs = outputs();
        if (!outputs.any()) {
            logWarning(() -> uid + ": transform() does nothing because rawPredictionCol, probabilityCol and "
                    + "predictionCol are all empty");
            return dataset.toDF();
        }
        SampleReader reader = SampleReader.of(dataset.schema(), getImageCol(), getFeaturesCol(), spec().input(),
                getMaxImagePixels());
        // Not destroyed here: the result is lazy and reads it whenever it is computed; Spark's
        // ContextCleaner removes it once the result is no longer referenced.
        Broadcast<float[]> broadcast = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext())
                .broadcast(params);
        Dataset<Row> scored = dataset.toDF().mapPartitions(new ScorePartition(specJson, broadcast, reader, outputs,
                thresholds), Encoders.row(outputSchema));
        // The encoder drops every column's metadata; later stages (IndexToString, evaluators) read it.
        for (StructField field : outputSchema.fields()) {
            if (!field.metadata().equals(Metadata.empty())) {
                scored = scored.withMetadata(field.name(), field.metadata());
            }
        }
        return scored;
    }

    private OutputColumns outputs() {
        return new OutputColumns(getRawPredictionCol(), getProbabilityCol(), getPredictionCol());
    }

    /** The logits of one sample (Spark's per-row API; {@link #transform} scores in batches). */
    @Override
    public Vector predictRaw(Vector features) {
        Shape input = spec().input();
        if (features.size() != input.size()) {
            throw new IllegalArgumentException("a vector of " + features.size() + " values, the model's input "
                    + input + " takes " + input.size());
        }
        float[] x = new float[input.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) features.apply(i);
        }
        float[] logits = new float[numClasses()];
        network().predictLogits(params, x, 0, 1, logits, 0);
        double[] raw = new double[logits.length];
        for (int c = 0; c < raw.length; c++) {
            raw[c] = logits[c];
        }
        return Vectors.dense(raw);
    }

    @Override
    public Vector raw2probabilityInPlace(Vector rawPrediction) {
        if (!(rawPrediction instanceof DenseVector dense)) {
            throw new IllegalArgumentException("raw predictions are dense vectors, got " + rawPrediction.getClass());
        }
        ClassScores.softmaxInPlace(dense.values());
        return dense;
    }

    @Override
    public double probability2prediction(Vector probability) {
        return ClassScores.prediction(probability.toArray(), isDefined(thresholds()) ? getThresholds() : null);
    }

    @Override
    public double raw2prediction(Vector rawPrediction) {
        return probability2prediction(raw2probability(rawPrediction));
    }

    /** One network per thread: a network keeps its scratch buffers between calls. */
    private Network network() {
        if (networks == null) {
            synchronized (this) {
                if (networks == null) {
                    networks = ThreadLocal.withInitial(() -> new Network(spec()));
                }
            }
        }
        return networks.get();
    }

    /**
     * Spark's summaries use this. Scala narrows its return type in the probabilistic subclass, which
     * javac sees as two inherited methods whose (invariant) generic types no single override
     * matches, so this one returns the raw type both erase to.
     */
    @Override
    @SuppressWarnings("rawtypes")
    public Tuple3 findSummaryModel() {
        return super.findSummaryModel();
    }

    @Override
    public ConvNetClassificationModel copy(ParamMap extra) {
        ConvNetClassificationModel copy = create(uid, spec(), params, classNames(),
                training(), history());
        return copyValues(copy, extra).setParent(parent());
    }

    @Override
    public String toString() {
        return "ConvNetClassificationModel: uid=" + uid + ", model=" + spec().name() + ", input=" + spec().input()
                + ", numClasses=" + numClasses() + ", parameters=" + params.length;
    }
}
