package org.convspark.ml;

import java.util.List;
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
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;
import org.convspark.driver.AllReduce;
import org.convspark.driver.DistributedTrainer;
import org.convspark.driver.SerializerSelfCheck;
import org.convspark.driver.TrainerConfig;
import org.convspark.driver.TrainingResult;
import org.convspark.driver.data.BatchSchedule;
import org.convspark.driver.data.ShardedDataset;
import org.convspark.engine.data.ImageDecoder;
import org.convspark.engine.json.JsonObject;
import org.convspark.engine.model.Network;
import org.convspark.engine.optim.OptimizerConfig;
import org.convspark.engine.optim.ScheduleConfig;
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
    private final IntParam epochs;
    private final IntParam batchSize;
    private final Param<String> optimizer;
    private final DoubleParam lr;
    private final DoubleParam momentum;
    private final DoubleParam weightDecay;
    private final Param<String> schedule;
    private final LongParam seed;
    private final IntParam partitions;
    private final IntParam treeDepth;
    private final Param<String> allReduce;

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
                + "\"layers\"}, the format of spec files) or a zoo model name (lenet5, cifar-small)",
                SpecParam.specCheck());
        inputShape = new IntArrayParam(this, SpecParam.INPUT_SHAPE, "the input shape [C, H, W] the samples have; "
                + "replaces the spec's input when not empty (empty: the spec's)", SpecParam.shapeCheck());
        epochs = new IntParam(uid, "epochs", "passes over the training data (>= 1)", ParamCheck.atLeast("epochs", 1));
        batchSize = new IntParam(uid, "batchSize", "global batch per step, split over the partitions (>= 1)",
                ParamCheck.atLeast("batchSize", 1));
        optimizer = new Param<>(uid, "optimizer", "one of " + String.join(", ", OptimizerConfig.NAMES),
                ParamCheck.oneOf("optimizer", OptimizerConfig.NAMES));
        lr = new DoubleParam(uid, "lr", "base learning rate (> 0)", ParamCheck.positive("lr"));
        momentum = new DoubleParam(uid, "momentum", "momentum of the momentum and nesterov optimizers, in [0, 1)",
                ParamCheck.fraction("momentum"));
        weightDecay = new DoubleParam(uid, "weightDecay", "L2 weight decay (decoupled for adamw), >= 0",
                ParamCheck.nonNegative("weightDecay"));
        schedule = new Param<>(uid, "schedule", "learning-rate schedule: constant, or cosine (from lr down to 0 over "
                + "the run)", ParamCheck.oneOf("schedule", List.of("constant", "cosine")));
        seed = new LongParam(uid, "seed", "seed of the initial parameters, the batch order and dropout");
        partitions = new IntParam(uid, "partitions", "partitions the training data is spread over (0: Spark's "
                + "default parallelism, the executor cores)", ParamCheck.atLeast("partitions", 0));
        treeDepth = new IntParam(uid, "treeDepth", "depth of the gradient treeAggregate (>= 1)",
                ParamCheck.atLeast("treeDepth", 1));
        allReduce = new Param<>(uid, "allReduce", "how each step's gradients are summed: auto (barrier where "
                + "the cluster allows it, else tree), tree (a treeAggregate job per step) or barrier (long-running "
                + "barrier tasks all-reduce among themselves: far less overhead per step; needs a task slot per "
                + "partition)", ParamCheck.oneOf("allReduce", List.of("auto", "tree", "barrier")));
        setDefault(imageCol, "");
        setDefault(maxImagePixels, ImageDecoder.DEFAULT_MAX_PIXELS);
        setDefault(modelSpec, "lenet5");
        setDefault(inputShape, new int[0]);
        setDefault(epochs, 10);
        setDefault(batchSize, 64);
        setDefault(optimizer, "adam");
        setDefault(lr, 0.001);
        setDefault(momentum, 0.9);
        setDefault(weightDecay, 0.0);
        setDefault(schedule, "constant");
        setDefault(seed, 1L);
        setDefault(partitions, 0);
        setDefault(treeDepth, 2);
        setDefault(allReduce, "auto");
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

    public static MLReader<ConvNetClassifier> read() {
        return new DefaultParamsReader<>();
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

    public IntParam epochs() {
        return epochs;
    }

    public IntParam batchSize() {
        return batchSize;
    }

    public Param<String> optimizer() {
        return optimizer;
    }

    public DoubleParam lr() {
        return lr;
    }

    public DoubleParam momentum() {
        return momentum;
    }

    public DoubleParam weightDecay() {
        return weightDecay;
    }

    public Param<String> schedule() {
        return schedule;
    }

    public LongParam seed() {
        return seed;
    }

    public IntParam partitions() {
        return partitions;
    }

    public IntParam treeDepth() {
        return treeDepth;
    }

    public Param<String> allReduce() {
        return allReduce;
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

    public int getEpochs() {
        return (Integer) getOrDefault(epochs);
    }

    public int getBatchSize() {
        return (Integer) getOrDefault(batchSize);
    }

    public String getOptimizer() {
        return getOrDefault(optimizer);
    }

    public double getLr() {
        return (Double) getOrDefault(lr);
    }

    public double getMomentum() {
        return (Double) getOrDefault(momentum);
    }

    public double getWeightDecay() {
        return (Double) getOrDefault(weightDecay);
    }

    public String getSchedule() {
        return getOrDefault(schedule);
    }

    public long getSeed() {
        return (Long) getOrDefault(seed);
    }

    public int getPartitions() {
        return (Integer) getOrDefault(partitions);
    }

    public int getTreeDepth() {
        return (Integer) getOrDefault(treeDepth);
    }

    public String getAllReduce() {
        return getOrDefault(allReduce);
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

    public ConvNetClassifier setEpochs(int value) {
        return (ConvNetClassifier) set(epochs, value);
    }

    public ConvNetClassifier setBatchSize(int value) {
        return (ConvNetClassifier) set(batchSize, value);
    }

    public ConvNetClassifier setOptimizer(String value) {
        return (ConvNetClassifier) set(optimizer, value);
    }

    public ConvNetClassifier setLr(double value) {
        return (ConvNetClassifier) set(lr, value);
    }

    public ConvNetClassifier setMomentum(double value) {
        return (ConvNetClassifier) set(momentum, value);
    }

    public ConvNetClassifier setWeightDecay(double value) {
        return (ConvNetClassifier) set(weightDecay, value);
    }

    public ConvNetClassifier setSchedule(String value) {
        return (ConvNetClassifier) set(schedule, value);
    }

    public ConvNetClassifier setSeed(long value) {
        return (ConvNetClassifier) set(seed, value);
    }

    public ConvNetClassifier setPartitions(int value) {
        return (ConvNetClassifier) set(partitions, value);
    }

    public ConvNetClassifier setTreeDepth(int value) {
        return (ConvNetClassifier) set(treeDepth, value);
    }

    public ConvNetClassifier setAllReduce(String value) {
        return (ConvNetClassifier) set(allReduce, value);
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
        SampleReader reader = SampleReader.of(schema, getImageCol(), getFeaturesCol(), spec.input(), getMaxImagePixels());
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

    /** The trainer's settings for {@code samples} training rows; cross-param rules are checked here. */
    TrainerConfig trainerConfig(int samples) {
        if (getBatchSize() > samples) {
            throw new IllegalArgumentException("batchSize " + getBatchSize() + " is larger than the " + samples
                    + " training rows");
        }
        long steps = BatchSchedule.totalSteps(samples, getBatchSize(), getEpochs(), 0);
        OptimizerConfig o = OptimizerConfig.of(getOptimizer(), getLr()).withWeightDecay(getWeightDecay());
        if (getOptimizer().equals("momentum") || getOptimizer().equals("nesterov")) {
            o = o.withMomentum(getMomentum());
        }
        o = o.withSchedule(getSchedule().equals("cosine") ? ScheduleConfig.cosine(steps, 0) : ScheduleConfig.constant());
        return TrainerConfig.builder()
                .epochs(getEpochs())
                .batchSize(getBatchSize())
                .seed(getSeed())
                .optimizer(o)
                .treeDepth(getTreeDepth())
                .allReduce(AllReduce.parse(getAllReduce(), "allReduce"))
                .build();
    }

    @Override
    public ConvNetClassifier copy(ParamMap extra) {
        return (ConvNetClassifier) defaultCopy(extra);
    }
}
