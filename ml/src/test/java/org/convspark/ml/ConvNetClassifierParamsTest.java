package org.convspark.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.convspark.driver.TrainerConfig;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.tensor.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ConvNetClassifierParamsTest {

    private static void assertMessage(String expected, Executable action) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        assertTrue(e.getMessage().contains(expected), () -> "expected '" + expected + "' in: " + e.getMessage());
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        ConvNetClassifier c = new ConvNetClassifier();
        assertEquals("features", c.getFeaturesCol());
        assertEquals("label", c.getLabelCol());
        assertEquals("prediction", c.getPredictionCol());
        assertEquals("probability", c.getProbabilityCol());
        assertEquals("rawPrediction", c.getRawPredictionCol());
        assertEquals("", c.getImageCol());
        assertEquals("lenet5", c.getModelSpec());
        assertArrayEquals(new int[0], c.getInputShape());
        assertEquals(12, c.getEpochs());
        assertEquals(128, c.getBatchSize());
        assertEquals("adam", c.getOptimizer());
        assertEquals(0.004, c.getLr());
        assertEquals(0.0, c.getMomentum());
        assertEquals(0.0, c.getWeightDecay());
        assertEquals("cosine", c.getSchedule());
        assertEquals(1L, c.getSeed());
        assertEquals(0, c.getPartitions());
        assertEquals(2, c.getTreeDepth());
        assertTrue(c.uid().startsWith("convnet_"));
    }

    @Test
    void sparksSharedParamsBelongToTheJavaSubclass() {
        // Spark creates featuresCol & co. in its constructor from uid(), before Java fields are set.
        ConvNetClassifier c = new ConvNetClassifier("convnet_given");
        assertEquals("convnet_given", c.featuresCol().parent());
        assertEquals("convnet_given", c.epochs().parent());
        c.setFeaturesCol("pixels").setLabelCol("digit").setProbabilityCol("p").setEpochs(3).setImageCol("img");
        assertEquals("pixels", c.getFeaturesCol());
        assertEquals("digit", c.getLabelCol());
        assertEquals("p", c.getProbabilityCol());
        assertEquals(3, c.getEpochs());
        assertEquals("img", c.getImageCol());
        assertEquals(null, ConstructionUid.parked());
    }

    @Test
    void everyParamIsListedWithItsDocumentation() {
        ConvNetClassifier c = new ConvNetClassifier();
        String explained = c.explainParams();
        for (String name : new String[] {"imageCol", "modelSpec", "inputShape", "epochs", "batchSize", "optimizer",
            "lr", "momentum", "weightDecay", "schedule", "seed", "partitions", "treeDepth", "allReduce", "featuresCol",
            "thresholds"}) {
            assertTrue(c.hasParam(name), name);
            assertTrue(explained.contains(name + ": "), name);
        }
        assertTrue(explained.contains("zoo model name"));
    }

    @Test
    void badValuesAreRefusedWhenSetNamingTheParamAndTheRule() {
        ConvNetClassifier c = new ConvNetClassifier();
        assertMessage("epochs 0: must be >= 1", () -> c.setEpochs(0));
        assertMessage("batchSize -4: must be >= 1", () -> c.setBatchSize(-4));
        assertMessage("lr 0.0: the learning rate must be a positive number", () -> c.setLr(0));
        assertMessage("momentum 1.0: must be in [0, 1)", () -> c.setMomentum(1));
        assertMessage("weightDecay -0.1: must be >= 0", () -> c.setWeightDecay(-0.1));
        assertMessage("optimizer 'adagrad': unknown; choose one of sgd, momentum, nesterov, adam, adamw",
                () -> c.setOptimizer("adagrad"));
        assertMessage("schedule 'linear': expected constant, step:EVERY:GAMMA (e.g. step:500:0.5) or cosine[:FLOOR]",
                () -> c.setSchedule("linear"));
        assertMessage("partitions 0: must be >= 1", () -> c.setPartitions(0));
        assertMessage("treeDepth 0: must be >= 1", () -> c.setTreeDepth(0));
        assertMessage("allReduce 'ring': unknown; choose auto, tree or barrier", () -> c.setAllReduce("ring"));
        assertMessage("inputShape [1, 0, 8]: must be empty", () -> c.setInputShape(1, 0, 8));
        assertMessage("inputShape [64]: must be empty", () -> c.setInputShape(64));
        assertMessage("unknown zoo model \"lenet\"", () -> c.setModelSpec("lenet"));
        assertMessage("lenet5", () -> c.setModelSpec("lenet"));
        assertMessage("modelSpec '{\"input\": [1, 8, 8], \"layers\": [{\"type\": \"conv\"}]}': ",
                () -> c.setModelSpec("{\"input\": [1, 8, 8], \"layers\": [{\"type\": \"conv\"}]}"));
        assertMessage("out_channels", () -> c.setModelSpec("{\"input\": [1, 8, 8], \"layers\": [{\"type\": \"conv\"}]}"));
        // The defaults survive the refused values.
        assertEquals(12, c.getEpochs());
        assertEquals("lenet5", c.getModelSpec());
    }

    @Test
    void paramGridsAreValidatedToo() {
        ConvNetClassifier c = new ConvNetClassifier();
        assertMessage("lr -1.0: the learning rate must be a positive number", () -> new ParamGridBuilder().addGrid(c.lr(), new double[] {0.1, -1})
                .build());
    }

    @Test
    void copiesAreIndependentAndTakeExtraParams() {
        ConvNetClassifier c = new ConvNetClassifier().setEpochs(4).setModelSpec(Bars.SPEC);
        ConvNetClassifier copy = c.copy(new ParamMap().put(c.lr(), 0.05));
        assertNotSame(c, copy);
        assertEquals(c.uid(), copy.uid());
        assertEquals(4, copy.getEpochs());
        assertEquals(Bars.SPEC, copy.getModelSpec());
        assertEquals(0.05, copy.getLr());
        assertEquals(0.004, c.getLr());
        copy.setEpochs(9);
        assertEquals(4, c.getEpochs());
    }

    @Test
    void theModelSpecIsJsonOrAZooNameAndTheInputShapeReplacesItsInput() {
        ConvNetClassifier c = new ConvNetClassifier();
        assertEquals("lenet5", c.resolvedSpec().name());
        assertEquals(Shape.of(1, 28, 28), c.resolvedSpec().input());
        c.setModelSpec(Bars.SPEC);
        assertEquals("bars", c.resolvedSpec().name());
        c.setInputShape(1, 12, 12);
        ModelSpec wider = c.resolvedSpec();
        assertEquals(Shape.of(1, 12, 12), wider.input());
        assertEquals(6 * 6 * 6, wider.inputShape(4).size());
        c.setInputShape(3, 8, 8);
        assertEquals(Shape.of(3, 8, 8), c.resolvedSpec().input());
        c.setModelSpec("lenet5").setInputShape(1, 2, 2);
        assertMessage("inputShape 1x2x2 does not fit model lenet5 (built for 1x28x28): layer 3 (conv)", c::resolvedSpec);
    }

    @Test
    void trainerSettingsFollowTheParamsAndCrossParamRulesNameThem() {
        ConvNetClassifier c = new ConvNetClassifier().setEpochs(3).setBatchSize(10).setOptimizer("nesterov")
                .setLr(0.2).setMomentum(0.8).setWeightDecay(1e-4).setSchedule("cosine").setSeed(7).setTreeDepth(3);
        assertEquals(org.convspark.driver.AllReduce.AUTO, c.trainerConfig(95).allReduce());
        c.setAllReduce("barrier");
        TrainerConfig config = c.trainerConfig(95);
        assertEquals(org.convspark.driver.AllReduce.BARRIER, config.allReduce());
        assertEquals(3, config.epochs());
        assertEquals(10, config.batchSize());
        assertEquals(7, config.seed());
        assertEquals(3, config.treeDepth());
        assertEquals("nesterov", config.optimizer().name());
        assertEquals(0.2, config.optimizer().lr());
        assertEquals(0.8, config.optimizer().momentum());
        assertEquals(1e-4, config.optimizer().weightDecay());
        assertEquals("cosine", config.optimizer().schedule().kind());
        assertEquals(30, config.optimizer().schedule().totalSteps());
        assertMessage("batchSize 10 is larger than the 9 training rows", () -> c.trainerConfig(9));
        c.setMomentum(0);
        assertMessage("nesterov needs momentum > 0", () -> c.trainerConfig(95));
        // adam takes no momentum: the param's default does not leak into its settings.
        assertEquals(0.0, new ConvNetClassifier().trainerConfig(1000).optimizer().momentum());
    }

    @Test
    void theModelSharesTheImageColumnParamDefinition() {
        Param<String> a = ConvNetClassifier.imageColParam("u1");
        Param<String> b = ConvNetClassifier.imageColParam("u1");
        assertEquals(a, b);
        assertEquals(a.doc(), b.doc());
    }

    @Test
    void theEstimatorTravelsInClosuresAsSparkParamsDo() throws java.io.IOException {
        // Spark Java-serializes closures that capture stages (never data): the params must allow it.
        ConvNetClassifier c = new ConvNetClassifier().setEpochs(3);
        c.set("clipNorm", 1.0);
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(java.io.OutputStream.nullOutputStream())) {
            out.writeObject(c);
        }
    }
}
