package org.convspark.ml;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.classification.ProbabilisticClassifier;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;
import org.convspark.driver.DistributedTrainer;
import org.convspark.driver.SerializerSelfCheck;
import org.convspark.driver.TrainerConfig;
import org.convspark.driver.TrainingResult;
import org.convspark.driver.data.ShardedDataset;
import org.convspark.driver.options.Surface;
import org.convspark.driver.options.TrainingOption;
import org.convspark.driver.options.TrainingOptions;
import org.convspark.driver.options.TrainingSettings;
import org.convspark.engine.data.ImageDecoder;
import org.convspark.engine.json.Json;
import org.convspark.engine.json.JsonObject;
import org.convspark.engine.model.Network;
import org.convspark.engine.optim.OptimizerConfig;
import org.convspark.engine.spec.ModelSpec;

/**
 * A convolutional network as a Spark ML {@code Estimator}: {@code fit} trains the network given
 * by {@code modelSpec} with convspark's synchronous data-parallel trainer (the driver's {@link
 * DistributedTrainer}) and returns a {@link ConvNetClassificationModel}. As with Spark's
 * classifiers, labels are class indices in {@code labelCol} and the model appends {@code
 * rawPredictionCol}, {@code probabilityCol} and {@code predictionCol}, so it works in a {@code
 * Pipeline}, with {@code MulticlassClassificationEvaluator} and with {@code CrossValidator}.
 *
 * <p>Input: a {@code Vector} column ({@code featuresCol}) holding each sample flattened in the
 * model's input layout ({@code C x H x W} row-major), or, when {@code imageCol} is set, a binary
 * column of PNG or JPEG files (decoded after a header check against {@code maxImagePixels}) or a
 * struct column of Spark's {@code image} data source (gray or colour, converted to the model's
 * channels, never resized). {@code inputShape} replaces the spec's input shape when given.
 *
 * <p>The session needs convspark's Kryo settings ({@code
 * org.convspark.driver.SerializerSelfCheck.configure}); a fit checks them before its first job.
 * Every param is validated when it is set, with a message naming the param and the rule; a bad
 * row is found by one job before packing and thrown on the driver as a {@link
 * org.convspark.engine.UserInputException} naming the param, the column and the problem (no
 * task fails, so Spark retries nothing).
 */
public final class ConvNetClassifier
        extends ProbabilisticClassifier<Vector, ConvNetClassifier, ConvNetClassificationModel>
        implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final Param<String> imageCol;
    private final LongParam maxImagePixels;
    private final Param<String> modelSpec;
    private final IntArrayParam inputShape;
    /** The training params by option name (Serializable, as Params must be), made by {@link TrainingParams}. */
    private final Map<String, Param<?>> training;
    private transient Param<?>[] allParams;

    public ConvNetClassifier() {
        this(Identifiable.randomUID("convnet"));
    }

    public ConvNetClassifier(String uid) {
        this(ConstructionUid.park(uid), true);
    }

    private ConvNetClassifier(String uid, boolean parked) {
        ConstructionUid.clear();
        this.uid = uid;
        // Every param exists before the first setDefault: Spark finds params by reflection, once.
        imageCol = imageColParam(uid);
        maxImagePixels = maxImagePixelsParam(uid);
        modelSpec = new Param<>(uid, SpecParam.MODEL_SPEC, "the network: a model spec as JSON ({\"name\", \"input\", "
                + "\"layers\"}, the format of spec files) or a zoo model name (lenet5, cifar-small, resnet20, resnet32)",
                SpecParam.specCheck());
        training = TrainingParams.create(uid);
        inputShape = new IntArrayParam(this, SpecParam.INPUT_SHAPE, "the input shape [C, H, W] the samples have; "
                + "replaces the spec's input when not empty (empty: the spec's)", SpecParam.shapeCheck());
        setDefault(imageCol, "");
        setDefault(maxImagePixels, ImageDecoder.DEFAULT_MAX_PIXELS);
        setDefault(modelSpec, "lenet5");
        setDefault(inputShape, new int[0]);
        for (TrainingOption<?> option : TrainingOptions.ALL) {
            if (option.defaultValue() != null) {
                setDefaultValue(training.get(option.name()), option.defaultValue());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void setDefaultValue(Param<?> param, Object value) {
        setDefault((Param<Object>) param, value);
    }

    /** The {@code imageCol} param of the classifier and its model. */
    static Param<String> imageColParam(String uid) {
        return new Param<>(uid, "imageCol", "column of image structs (Spark's image data source) or of PNG or JPEG "
                + "files (binary, as the binaryFile source's content) to read instead of featuresCol; empty: read "
                + "the vectors in featuresCol");
    }

    /** The {@code maxImagePixels} param of the classifier and its model. */
    static LongParam maxImagePixelsParam(String uid) {
        return new LongParam(uid, "maxImagePixels", "a binary imageCol's PNG or JPEG file claiming more pixels "
                + "(height x width) than this in its header is refused before it is decoded",
                ParamCheck.between("maxImagePixels", 1, ImageDecoder.MAX_PIXELS_CEILING));
    }

    /**
     * Reads an estimator saved with {@code write()}: the params set explicitly, never the saved
     * defaults (the defaults are this release's schema; an older release's, such as {@code
     * partitions} 0 or {@code momentum} 0.9 for every optimizer, would not even validate).
     */
    public static MLReader<ConvNetClassifier> read() {
        return new SetParamsReader();
    }

    /** Spark's {@code DefaultParamsReader}, minus the saved defaults. */
    private static final class SetParamsReader extends MLReader<ConvNetClassifier> {
        @Override
        @SuppressWarnings("unchecked")
        public ConvNetClassifier load(String path) {
            DefaultParamsReader.Metadata metadata = DefaultParamsReader$.MODULE$.loadMetadata(path, sparkSession(),
                    ConvNetClassifier.class.getName());
            ConvNetClassifier estimator = new ConvNetClassifier(metadata.uid());
            JsonObject set = Json.parse(metadata.metadataJson(), path + "/metadata").asObject().require("paramMap")
                    .asObject();
            for (String name : set.keys()) {
                Param<Object> param = estimator.getParam(name);
                estimator.set(param, param.jsonDecode(Json.write(set.get(name))));
            }
            return estimator;
        }
    }

    public static ConvNetClassifier load(String path) {
        return read().load(path);
    }

    @Override
    public String uid() {
        return uid != null ? uid : ConstructionUid.parked();
    }

    // ---- params ----

    public Param<String> imageCol() {
        return imageCol;
    }

    public LongParam maxImagePixels() {
        return maxImagePixels;
    }

    public Param<String> modelSpec() {
        return modelSpec;
    }

    public IntArrayParam inputShape() {
        return inputShape;
    }

    public String getImageCol() {
        return getOrDefault(imageCol);
    }

    public long getMaxImagePixels() {
        return (Long) getOrDefault(maxImagePixels);
    }

    public String getModelSpec() {
        return getOrDefault(modelSpec);
    }

    public int[] getInputShape() {
        return getOrDefault(inputShape);
    }

    public ConvNetClassifier setImageCol(String value) {
        return (ConvNetClassifier) set(imageCol, value);
    }

    public ConvNetClassifier setMaxImagePixels(long value) {
        return (ConvNetClassifier) set(maxImagePixels, value);
    }

    public ConvNetClassifier setModelSpec(String value) {
        return (ConvNetClassifier) set(modelSpec, value);
    }

    public ConvNetClassifier setInputShape(int... value) {
        return (ConvNetClassifier) set(inputShape, value);
    }

    /**
     * Spark's params (found by reflection on public methods) and one per training option of the
     * driver's {@code TrainingOptions}, by name: an option added there is a param here, settable
     * with {@code set(name, value)}, in {@code explainParams()}, copies and saved stages.
     */
    @Override
    public Param<?>[] params() {
        if (training == null) {
            return super.params(); // during Spark's constructor, before the training params exist
        }
        if (allParams == null) {
            Map<String, Param<?>> byName = new TreeMap<>();
            for (Param<?> p : super.params()) {
                byName.put(p.name(), p);
            }
            for (Param<?> p : training.values()) {
                byName.putIfAbsent(p.name(), p);
            }
            allParams = byName.values().toArray(new Param<?>[0]);
        }
        return allParams;
    }

    /** The param of training option {@code option}. */
    public Param<?> param(TrainingOption<?> option) {
        return training.get(option.name());
    }

    /** The value set for {@code option}, else its schema default (null when derived). */
    @SuppressWarnings("unchecked")
    private <T> T value(TrainingOption<T> option) {
        Param<Object> p = (Param<Object>) training.get(option.name());
        return isSet(p) ? option.cast(getOrDefault(p)) : option.defaultValue();
    }

    private ConvNetClassifier setOption(TrainingOption<?> option, Object value) {
        return (ConvNetClassifier) set(option.name(), value);
    }

    /**
     * The training options as set here, checked together. Only values set explicitly count: the
     * defaults are the schema's (Spark's default map may hold an older release's, restored by
     * {@link #load}).
     */
    public TrainingSettings trainingSettings() {
        Map<TrainingOption<?>, Object> given = new HashMap<>();
        for (TrainingOption<?> option : TrainingOptions.ALL) {
            Param<?> p = training.get(option.name());
            if (isSet(p)) {
                given.put(option, getOrDefault(p));
            }
        }
        return TrainingSettings.of(given, Surface.SPARK_ML);
    }

    // Typed accessors of the common training params (any of them is also reachable by name).

    public IntParam epochs() {
        return (IntParam) param(TrainingOptions.EPOCHS);
    }

    public IntParam batchSize() {
        return (IntParam) param(TrainingOptions.BATCH_SIZE);
    }

    @SuppressWarnings("unchecked")
    public Param<String> optimizer() {
        return (Param<String>) param(TrainingOptions.OPTIMIZER);
    }

    public DoubleParam lr() {
        return (DoubleParam) param(TrainingOptions.LR);
    }

    public DoubleParam momentum() {
        return (DoubleParam) param(TrainingOptions.MOMENTUM);
    }

    public DoubleParam weightDecay() {
        return (DoubleParam) param(TrainingOptions.WEIGHT_DECAY);
    }

    @SuppressWarnings("unchecked")
    public Param<String> schedule() {
        return (Param<String>) param(TrainingOptions.SCHEDULE);
    }

    public LongParam seed() {
        return (LongParam) param(TrainingOptions.SEED);
    }

    public IntParam partitions() {
        return (IntParam) param(TrainingOptions.PARTITIONS);
    }

    public IntParam treeDepth() {
        return (IntParam) param(TrainingOptions.TREE_DEPTH);
    }

    @SuppressWarnings("unchecked")
    public Param<String> allReduce() {
        return (Param<String>) param(TrainingOptions.ALL_REDUCE);
    }

    public int getEpochs() {
        return value(TrainingOptions.EPOCHS);
    }

    public int getBatchSize() {
        return value(TrainingOptions.BATCH_SIZE);
    }

    public String getOptimizer() {
        return value(TrainingOptions.OPTIMIZER);
    }

    /** The learning rate: as set, else the optimizer's default (0.004 for adam and adamw, 0.05 otherwise). */
    public double getLr() {
        Double lr = value(TrainingOptions.LR);
        return lr != null ? lr : TrainingSettings.defaultLr(getOptimizer());
    }

    /** The momentum: as set, else the optimizer's (0.9 for momentum and nesterov, 0 otherwise). */
    public double getMomentum() {
        Double momentum = value(TrainingOptions.MOMENTUM);
        return momentum != null ? momentum : OptimizerConfig.of(getOptimizer(), 1).momentum();
    }

    /** The weight decay: as set, else the optimizer's (0.01 for adamw, 0 otherwise). */
    public double getWeightDecay() {
        Double decay = value(TrainingOptions.WEIGHT_DECAY);
        return decay != null ? decay : OptimizerConfig.of(getOptimizer(), 1).weightDecay();
    }

    public String getSchedule() {
        return value(TrainingOptions.SCHEDULE);
    }

    public long getSeed() {
        return value(TrainingOptions.SEED);
    }

    /** 0 when not set: Spark's default parallelism. */
    public int getPartitions() {
        Integer p = value(TrainingOptions.PARTITIONS);
        return p == null ? 0 : p;
    }

    public int getTreeDepth() {
        return value(TrainingOptions.TREE_DEPTH);
    }

    public String getAllReduce() {
        return value(TrainingOptions.ALL_REDUCE);
    }

    public ConvNetClassifier setEpochs(int value) {
        return setOption(TrainingOptions.EPOCHS, value);
    }

    public ConvNetClassifier setBatchSize(int value) {
        return setOption(TrainingOptions.BATCH_SIZE, value);
    }

    public ConvNetClassifier setOptimizer(String value) {
        return setOption(TrainingOptions.OPTIMIZER, value);
    }

    public ConvNetClassifier setLr(double value) {
        return setOption(TrainingOptions.LR, value);
    }

    public ConvNetClassifier setMomentum(double value) {
        return setOption(TrainingOptions.MOMENTUM, value);
    }

    public ConvNetClassifier setWeightDecay(double value) {
        return setOption(TrainingOptions.WEIGHT_DECAY, value);
    }

    public ConvNetClassifier setSchedule(String value) {
        return setOption(TrainingOptions.SCHEDULE, value);
    }

    public ConvNetClassifier setSeed(long value) {
        return setOption(TrainingOptions.SEED, value);
    }

    public ConvNetClassifier setPartitions(int value) {
        return setOption(TrainingOptions.PARTITIONS, value);
    }

    public ConvNetClassifier setTreeDepth(int value) {
        return setOption(TrainingOptions.TREE_DEPTH, value);
    }

    public ConvNetClassifier setAllReduce(String value) {
        return setOption(TrainingOptions.ALL_REDUCE, value);
    }

    // ---- Estimator ----

    /** The network a fit trains: {@code modelSpec} with {@code inputShape} applied. */
    public ModelSpec resolvedSpec() {
        return SpecParam.resolve(getModelSpec(), getInputShape());
    }

    @Override
    public StructType transformSchema(StructType schema) {
        if (getImageCol().isEmpty()) {
            return super.transformSchema(schema);
        }
        ModelSpec spec = resolvedSpec();
        SampleReader.of(schema, getImageCol(), getFeaturesCol(), spec.input(), getMaxImagePixels());
        if (!List.of(schema.fieldNames()).contains(getLabelCol())
                || !(schema.apply(getLabelCol()).dataType() instanceof NumericType)) {
            throw new IllegalArgumentException("labelCol '" + getLabelCol() + "': the input needs a numeric column of "
                    + "that name (class indices); the columns are " + String.join(", ", schema.fieldNames()));
        }
        return new OutputColumns(getRawPredictionCol(), getProbabilityCol(), getPredictionCol())
                .appendTo(schema, spec.outputShape().dim(0));
    }

    @Override
    public ConvNetClassificationModel train(Dataset<?> dataset) {
        ModelSpec spec = resolvedSpec();
        Network network = new Network(spec);
        int numClasses = network.numClasses();
        StructType schema = dataset.schema();
        SampleReader reader = SampleReader.of(schema, getImageCol(), getFeaturesCol(), spec.input(),
                getMaxImagePixels());
        List<String> classNames = LabelledRows.classNames(schema.apply(getLabelCol()), numClasses, spec.name());
        SparkSession spark = dataset.sparkSession();
        // Before the rows are packed: packing ships shards, which only convspark's Kryo settings carry.
        SerializerSelfCheck.verify(spark.sparkContext().getConf());
        int p = getPartitions() > 0 ? getPartitions()
                : JavaSparkContext.fromSparkContext(spark.sparkContext()).defaultParallelism();
        // Checking and packing read the rows four times (check, count, index, shuffle): they are kept
        // once, serialized, so the input's lineage (image decoding, indexers, splits) runs once; the
        // shards replace them.
        JavaPairRDD<float[], Object> rows = LabelledRows.read(dataset, reader, getLabelCol(), numClasses);
        ShardedDataset data;
        try {
            data = ShardedDataset.fromRdd(LabelledRows.checked(rows), spec.input(), numClasses, p);
        } finally {
            rows.unpersist(false);
        }
        try {
            TrainerConfig config = trainerConfig(data.count());
            TrainingResult result = new DistributedTrainer(spark, spec, config).fit(data);
            JsonObject training = JsonObject.builder()
                    .put("trainer", config.toJson())
                    .put("train_samples", data.count())
                    .put("partitions", p)
                    .put("steps", result.steps())
                    .put("estimator", uid())
                    .build();
            return ConvNetClassificationModel.create(uid(), spec, result.params(), classNames, training,
                    result.history());
        } finally {
            data.release();
        }
    }

    /** The trainer's settings for {@code samples} training rows; the rules between params are checked here. */
    TrainerConfig trainerConfig(int samples) {
        TrainingSettings settings = trainingSettings();
        if (settings.batchSize() > samples) {
            throw new IllegalArgumentException("batchSize " + settings.batchSize() + " is larger than the " + samples
                    + " training rows");
        }
        return settings.trainerConfig(samples);
    }

    @Override
    public ConvNetClassifier copy(ParamMap extra) {
        return (ConvNetClassifier) defaultCopy(extra);
    }
}
