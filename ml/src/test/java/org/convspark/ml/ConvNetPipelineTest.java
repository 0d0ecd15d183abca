package org.convspark.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Pipeline of a string indexer, a vector assembler and the classifier, fit once on synthetic
 * bars; the tests score, evaluate, save and load it.
 */
class ConvNetPipelineTest {
    private static final int EPOCHS = 8;
    private static SparkSession spark;
    private static Pipeline pipeline;
    private static PipelineModel fitted;
    private static Dataset<Row> test;

    @TempDir
    Path tmp;

    static ConvNetClassifier classifier() {
        return new ConvNetClassifier().setModelSpec(Bars.SPEC).setEpochs(EPOCHS).setBatchSize(64).setLr(0.02)
                .setPartitions(2);
    }

    @BeforeAll
    static void fit() {
        spark = TestSpark.session();
        pipeline = new Pipeline().setStages(new PipelineStage[] {
            new StringIndexer().setInputCol("shape").setOutputCol("label"),
            new VectorAssembler().setInputCols(new String[] {"top", "bottom"}).setOutputCol("features"),
            classifier()});
        fitted = pipeline.fit(Bars.halves(spark, 300, 1));
        test = Bars.halves(spark, 150, 2).cache();
    }

    static ConvNetClassificationModel convNet(PipelineModel model) {
        return assertInstanceOf(ConvNetClassificationModel.class, model.stages()[2]);
    }

    static List<Row> outputs(Dataset<Row> scored) {
        return scored.select("rawPrediction", "probability", "prediction").collectAsList();
    }

    /** Every param has the same value (compared in its JSON form: arrays have no useful equals). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static void assertSameParams(Params expected, Params actual) {
        for (Param param : expected.params()) {
            assertEquals(expected.isSet(param), actual.isSet(actual.getParam(param.name())), param.name());
            if (expected.isDefined(param)) {
                assertEquals(param.jsonEncode(expected.getOrDefault(param)),
                        param.jsonEncode(actual.getOrDefault(actual.getParam(param.name()))), param.name());
            }
        }
    }

    @Test
    void thePipelineLearnsAndTheEvaluatorScoresItsOutput() {
        Dataset<Row> scored = fitted.transform(test);
        double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(scored);
        double f1 = new MulticlassClassificationEvaluator().evaluate(scored);
        assertTrue(accuracy > 0.9, "accuracy " + accuracy);
        assertTrue(f1 > 0.9, "f1 " + f1);
        ConvNetClassificationModel model = convNet(fitted);
        assertEquals(3, model.numClasses());
        assertEquals(64, model.numFeatures());
        assertEquals(EPOCHS, model.history().size());
        assertTrue(model.history().get(EPOCHS - 1).trainAccuracy() > 0.9);
        assertEquals(List.of("diagonal", "horizontal", "vertical"), model.classNames());
    }

    @Test
    void theDefaultBarrierAllReduceFitsTheSameModelAsTheTree() {
        // Synchronous SGD either way: the same steps on the same batches, only the transport differs.
        Pipeline tree = new Pipeline().setStages(new PipelineStage[] {
            pipeline.getStages()[0], pipeline.getStages()[1], classifier().setAllReduce("tree")});
        float[] viaTree = convNet(tree.fit(Bars.halves(spark, 300, 1))).parameters();
        float[] viaBarrier = convNet(fitted).parameters();
        assertTrue(Double.isFinite(convNet(fitted).history().get(0).driverBytesPerStep()),
                "auto picks the barrier collective in local mode (its bytes were counted)");
        double worst = 0;
        double scale = 0;
        for (int i = 0; i < viaTree.length; i++) {
            worst = Math.max(worst, Math.abs(viaBarrier[i] - viaTree[i]));
            scale = Math.max(scale, Math.abs(viaTree[i]));
        }
        assertTrue(worst <= 1e-5 * scale, "max |barrier - tree| " + worst + " of max |tree| " + scale);
    }

    @Test
    void outputsAreSparkClassifierColumnsWithTheirMetadata() {
        Dataset<Row> scored = fitted.transform(test);
        assertInstanceOf(VectorUDT.class, scored.schema().apply("rawPrediction").dataType());
        assertInstanceOf(VectorUDT.class, scored.schema().apply("probability").dataType());
        assertEquals(DataTypes.DoubleType, scored.schema().apply("prediction").dataType());
        assertEquals(3, AttributeGroup.fromStructField(scored.schema().apply("probability")).size());
        NominalAttribute prediction = (NominalAttribute) NominalAttribute.fromStructField(
                scored.schema().apply("prediction"));
        assertEquals(3, prediction.getNumValues().get());
        assertEquals(List.of("top", "bottom", "shape", "label", "features", "rawPrediction", "probability",
                "prediction"), List.of(scored.columns()));
        Dataset<Row> assembled = fitted.stages()[1].transform(fitted.stages()[0].transform(test));
        assertEquals(convNet(fitted).transformSchema(assembled.schema()).prettyJson(), scored.schema().prettyJson());
        assertEquals(assembled.schema().apply("label").metadata(), scored.schema().apply("label").metadata());
        for (Row row : outputs(scored)) {
            Vector raw = row.getAs(0);
            Vector p = row.getAs(1);
            double sum = 0;
            for (int c = 0; c < 3; c++) {
                assertTrue(p.apply(c) >= 0);
                sum += p.apply(c);
            }
            assertEquals(1, sum, 1e-12);
            assertEquals(raw.argmax(), p.argmax());
            assertEquals(p.argmax(), row.getDouble(2));
        }
    }

    @Test
    void batchedScoringAgreesWithSparksPerRowMethods() {
        ConvNetClassificationModel model = convNet(fitted);
        List<Row> rows = fitted.transform(test).select("features", "rawPrediction", "probability", "prediction")
                .limit(40).collectAsList();
        for (Row row : rows) {
            Vector features = row.getAs(0);
            assertArrayEquals(((Vector) row.getAs(1)).toArray(), model.predictRaw(features).toArray(), 1e-5);
            assertArrayEquals(((Vector) row.getAs(2)).toArray(), model.predictProbability(features).toArray(), 1e-6);
            assertEquals(row.getDouble(3), model.predict(features));
        }
    }

    /** The ONNX export, run by ONNX Runtime, gives the Spark model's rawPrediction and prediction columns. */
    @Test
    void theOnnxExportScoresAsTheSparkModelDoes() throws Exception {
        ConvNetClassificationModel model = convNet(fitted);
        String onnx = tmp.resolve("bars.onnx").toString();
        model.exportOnnx(onnx);
        List<Row> rows = fitted.transform(test).select("features", "rawPrediction", "prediction").limit(40)
                .collectAsList();
        int size = model.numFeatures();
        float[] images = new float[rows.size() * size];
        for (int r = 0; r < rows.size(); r++) {
            double[] x = ((Vector) rows.get(r).getAs(0)).toArray();
            for (int i = 0; i < size; i++) {
                images[r * size + i] = (float) x[i];
            }
        }
        ai.onnxruntime.OrtEnvironment env = ai.onnxruntime.OrtEnvironment.getEnvironment();
        try (ai.onnxruntime.OrtSession session = env.createSession(onnx, new ai.onnxruntime.OrtSession.SessionOptions());
             ai.onnxruntime.OnnxTensor input = ai.onnxruntime.OnnxTensor.createTensor(env,
                     java.nio.FloatBuffer.wrap(images), new long[] {rows.size(), 1, Bars.SIZE, Bars.SIZE});
             ai.onnxruntime.OrtSession.Result result = session.run(java.util.Map.of("input", input))) {
            float[][] logits = (float[][]) result.get("logits").orElseThrow().getValue();
            for (int r = 0; r < rows.size(); r++) {
                double[] raw = ((Vector) rows.get(r).getAs(1)).toArray();
                double scale = java.util.Arrays.stream(raw).map(Math::abs).max().orElseThrow();
                for (int c = 0; c < raw.length; c++) {
                    assertEquals(raw[c], logits[r][c], 1e-4 * scale, "row " + r + " class " + c);
                }
                int best = 0;
                for (int c = 1; c < raw.length; c++) {
                    best = logits[r][c] > logits[r][best] ? c : best;
                }
                assertEquals(rows.get(r).getDouble(2), best, "prediction of row " + r);
            }
            assertEquals(org.convspark.engine.json.Json.write(org.convspark.engine.json.JsonArray.ofStrings(
                    model.classNames())), session.getMetadata().getCustomMetadata().get("convspark.classes"));
        }
        byte[] exported = Files.readAllBytes(Path.of(onnx));
        byte[] other = "an earlier file".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Files.write(Path.of(onnx), other);
        Throwable refused = assertThrows(IllegalArgumentException.class, () -> model.exportOnnx(onnx));
        assertEquals(onnx + ": already exists; choose a new path or export with overwrite", refused.getMessage()
                .replace("file:", ""));
        assertArrayEquals(other, Files.readAllBytes(Path.of(onnx)), "a refused export leaves the file as it was");
        model.exportOnnx(onnx, true);
        assertArrayEquals(exported, Files.readAllBytes(Path.of(onnx)));
        try (java.util.stream.Stream<Path> files = Files.list(tmp)) {
            // Hadoop's local file system keeps a checksum beside what it writes (.bars.onnx.crc): not ours to remove.
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().contains(".tmp-")).toList(),
                    "no temporary file is left");
        }
        String nowhere = tmp.resolve("no/such/dir/m.onnx").toString();
        Throwable missing = assertThrows(IllegalArgumentException.class, () -> model.exportOnnx(nowhere));
        assertEquals(nowhere + ": directory " + tmp.resolve("no/such/dir") + " does not exist",
                missing.getMessage().replace("file:", ""));
    }

    @Test
    void theModelWorksInsideTaskClosures() {
        // Users call predict() in their own UDFs and maps: the model travels with the task and
        // rebuilds its network there.
        ConvNetClassificationModel model = convNet(fitted);
        Dataset<Row> scored = fitted.transform(test).select("features", "prediction");
        List<Double> inTasks = scored.javaRDD().map(row -> model.predict(row.<Vector>getAs(0))).collect();
        List<Row> batched = scored.collectAsList();
        for (int i = 0; i < batched.size(); i++) {
            assertEquals(batched.get(i).getDouble(1), inTasks.get(i));
        }
    }

    @Test
    void thresholdsScaleTheProbabilitiesAsSparkDocumentsThem() {
        ConvNetClassificationModel model = convNet(fitted).copy(new org.apache.spark.ml.param.ParamMap());
        Dataset<Row> features = fitted.transform(test).select("features", "label");
        model.setThresholds(new double[] {1, 1, 0});
        for (Row row : model.transform(features).select("prediction").collectAsList()) {
            assertEquals(2.0, row.getDouble(0));
        }
        model.setThresholds(new double[] {0.5, 2, 1});
        for (Row row : model.transform(features).select("features", "probability", "prediction").collectAsList()) {
            double[] p = ((Vector) row.getAs(1)).toArray();
            double[] scaled = {p[0] / 0.5, p[1] / 2, p[2]};
            assertEquals(org.apache.spark.ml.linalg.Vectors.dense(scaled).argmax(), row.getDouble(2));
            assertEquals(row.getDouble(2), model.predict(row.getAs(0)));
        }
        assertThrows(IllegalArgumentException.class, () -> model.setThresholds(new double[] {1, 1}));
    }

    @Test
    void emptyOutputColumnNamesAreLeftOut() {
        ConvNetClassificationModel model = convNet(fitted).copy(new org.apache.spark.ml.param.ParamMap());
        Dataset<Row> features = fitted.transform(test).select("features");
        model.setRawPredictionCol("").setProbabilityCol("");
        assertEquals(List.of("features", "prediction"), List.of(model.transform(features).columns()));
        model.setPredictionCol("");
        assertEquals(List.of("features"), List.of(model.transform(features).columns()));
    }

    @Test
    void aSavedPipelineModelLoadsAndPredictsIdentically() throws IOException {
        String dir = tmp.resolve("pipeline-model").toString();
        fitted.write().save(dir);
        PipelineModel loaded = PipelineModel.load(dir);
        List<Row> before = outputs(fitted.transform(test));
        List<Row> after = outputs(loaded.transform(test));
        assertEquals(before.size(), after.size());
        for (int i = 0; i < before.size(); i++) {
            assertArrayEquals(((Vector) before.get(i).getAs(0)).toArray(), ((Vector) after.get(i).getAs(0)).toArray(),
                    0);
            assertArrayEquals(((Vector) before.get(i).getAs(1)).toArray(), ((Vector) after.get(i).getAs(1)).toArray(),
                    0);
            assertEquals(before.get(i).getDouble(2), after.get(i).getDouble(2));
        }
        ConvNetClassificationModel original = convNet(fitted);
        ConvNetClassificationModel back = convNet(loaded);
        assertEquals(original.uid(), back.uid());
        assertEquals(original.spec(), back.spec());
        assertArrayEquals(original.parameters(), back.parameters());
        assertEquals(original.classNames(), back.classNames());
        assertSameParams(original, back);
        assertTrue(back.history().isEmpty(), "the training history is not saved, like Spark's summaries");
    }

    @Test
    void aSavedModelIsSparkMetadataPlusTheProjectsModelFiles() throws IOException {
        ConvNetClassificationModel model = convNet(fitted).copy(new org.apache.spark.ml.param.ParamMap())
                .setImageCol("picture").setProbabilityCol("p");
        Path dir = tmp.resolve("model");
        model.write().save(dir.toString());
        assertTrue(Files.isDirectory(dir.resolve("metadata")));
        for (String file : new String[] {"spec.json", "params.bin", "model.json"}) {
            assertTrue(Files.isRegularFile(dir.resolve("data").resolve(file)), file);
        }
        String meta = Files.readString(dir.resolve("data/model.json"));
        assertTrue(meta.contains("\"format\": 1"), meta);
        assertTrue(meta.contains("\"diagonal\""), meta);
        assertTrue(meta.contains("\"epochs\": " + EPOCHS), meta);
        assertTrue(Files.readString(dir.resolve("data/spec.json")).contains("\"name\": \"bars\""));
        ConvNetClassificationModel back = ConvNetClassificationModel.load(dir.toString());
        assertEquals("picture", back.getImageCol());
        assertEquals("p", back.getProbabilityCol());
        assertArrayEquals(model.parameters(), back.parameters());
        IOException exists = assertThrows(IOException.class, () -> model.write().save(dir.toString()));
        assertTrue(exists.getMessage().contains("already exists"), exists.getMessage());
        model.write().overwrite().save(dir.toString());
    }

    @Test
    void aDamagedParameterFileIsRefusedNamingIt() throws IOException {
        Path dir = tmp.resolve("damaged");
        convNet(fitted).write().save(dir.toString());
        Path params = dir.resolve("data/params.bin");
        byte[] bytes = Files.readAllBytes(params);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(params, bytes);
        // Hadoop's local file system keeps its own checksum beside the file; S3A has none, so the
        // format's own CRC is what must catch this.
        Files.deleteIfExists(dir.resolve("data/.params.bin.crc"));
        RuntimeException e = assertThrows(RuntimeException.class, () -> ConvNetClassificationModel.load(
                dir.toString()));
        assertTrue(e.getMessage().contains("params.bin"), e.getMessage());
        assertTrue(e.getMessage().contains("CRC"), e.getMessage());
        Files.delete(params);
        RuntimeException missing = assertThrows(RuntimeException.class, () -> ConvNetClassificationModel.load(
                dir.toString()));
        assertTrue(missing.getMessage().contains("params.bin: missing"), missing.getMessage());
    }

    @Test
    void anUnfitPipelineSavesAndLoadsTheClassifiersParams() throws IOException {
        String dir = tmp.resolve("pipeline").toString();
        pipeline.write().save(dir);
        Pipeline loaded = Pipeline.load(dir);
        ConvNetClassifier original = (ConvNetClassifier) pipeline.getStages()[2];
        ConvNetClassifier back = assertInstanceOf(ConvNetClassifier.class, loaded.getStages()[2]);
        assertEquals(original.uid(), back.uid());
        assertEquals(Bars.SPEC, back.getModelSpec());
        assertEquals(EPOCHS, back.getEpochs());
        assertEquals(0.02, back.getLr());
        assertSameParams(original, back);
        ConvNetClassifier direct = ConvNetClassifier.load(tmp.resolve("pipeline/stages/2_" + original.uid())
                .toString());
        assertFalse(direct.isSet(direct.imageCol()));
        assertEquals(64, direct.getBatchSize());
    }

    @Test
    void anEstimatorSavedWithAnOlderReleasesDefaultsLoadsWithTodays() throws IOException {
        Path dir = tmp.resolve("older");
        new ConvNetClassifier("convnet_older").setEpochs(3).write().save(dir.toString());
        // What the previous release wrote as defaults: partitions 0 and momentum 0.9 for every optimizer.
        Path metadata;
        try (java.util.stream.Stream<Path> files = Files.list(dir.resolve("metadata"))) {
            metadata = files.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
        }
        // The checksum beside it would no longer match the edited text.
        Files.deleteIfExists(metadata.resolveSibling("." + metadata.getFileName() + ".crc"));
        String json = Files.readString(metadata);
        Files.writeString(metadata, json.replace("\"defaultParamMap\":{", "\"defaultParamMap\":{\"partitions\":0,"
                + "\"momentum\":0.9,"));
        assertTrue(Files.readString(metadata).contains("\"partitions\":0"), "the metadata was edited");
        ConvNetClassifier back = ConvNetClassifier.load(dir.toString());
        assertEquals(3, back.getEpochs());
        assertEquals(0, back.getPartitions());
        assertEquals(0.0, back.getMomentum());
        assertEquals(128, back.trainerConfig(1000).batchSize());
        assertEquals(0.0, back.trainerConfig(1000).optimizer().momentum());
    }
}
