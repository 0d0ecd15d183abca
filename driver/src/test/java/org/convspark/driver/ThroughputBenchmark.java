package org.convspark.driver;

import org.apache.spark.api.java.JavaSparkContext;
import org.convspark.engine.data.EmbeddedMnist;
import org.convspark.engine.data.LabelledImages;
import org.convspark.engine.model.ModelSpec;
import org.convspark.engine.model.ModelZoo;
import org.convspark.engine.optim.OptimizerConfig;

/**
 * Benchmark, not a test (run by hand, see the driver README section): images per second of LeNet-5
 * training on the embedded MNIST subset, (1) the engine alone on one thread and (2) the driver in
 * {@code local[2]} with 2 partitions, at the same global batch; and the share of the driver's step
 * time spent outside the engine. Arguments: global batch (default 256), epochs (default 2). After
 * {@code mvn -B -q -pl driver -am test-compile process-test-classes}, from the repository root:
 * <pre>
 * OPENBLAS_NUM_THREADS=1 SPARK_LOCAL_IP=127.0.0.1 java --add-opens=... (the parent pom's java17.opens) \
 *   -cp "driver/target/test-classes:driver/target/classes:worker-engine/target/classes:driver/target/sparkhome/jars/*" \
 *   org.convspark.driver.ThroughputBenchmark 256 2
 * </pre>
 */
public final class ThroughputBenchmark {
    private ThroughputBenchmark() {
    }

    public static void main(String[] args) {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        ModelSpec spec = ModelZoo.get("lenet5");
        OptimizerConfig optimizer = OptimizerConfig.of("adam", 1e-3);
        LabelledImages data = EmbeddedMnist.train();
        int stepsPerEpoch = new BatchSchedule(1, data.count(), batch).stepsPerEpoch();

        EngineAlone warm = new EngineAlone(spec, optimizer, data, batch, 1);
        warm.train(stepsPerEpoch);
        EngineAlone engine = new EngineAlone(spec, optimizer, data, batch, 1);
        long start = System.nanoTime();
        engine.train((long) epochs * stepsPerEpoch);
        double engineSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("engine alone, 1 thread, batch %d: %.0f images/s (%d images in %.1f s)%n", batch,
                engine.samples() / engineSeconds, engine.samples(), engineSeconds);

        // The ceiling for local[2]: two engines on two threads at once, each on half the batch.
        EngineAlone[] halves = {new EngineAlone(spec, optimizer, data, batch / 2, 1),
                new EngineAlone(spec, optimizer, data, batch / 2, 2)};
        long parallelStart = System.nanoTime();
        java.util.Arrays.stream(halves).parallel().forEach(h -> h.train((long) epochs * stepsPerEpoch));
        double parallelSeconds = (System.nanoTime() - parallelStart) / 1e9;
        long parallelImages = halves[0].samples() + halves[1].samples();
        System.out.printf("engine alone, 2 threads at once, batch %d each: %.0f images/s%n", batch / 2,
                parallelImages / parallelSeconds);

        JavaSparkContext sc = SparkTestSupport.context(SparkTestSupport.session(SparkTestSupport.conf("local[2]")));
        ShardedDataset train = ShardedDataset.fromArrays(sc, data, 2);
        TrainerConfig config = TrainerConfig.builder().epochs(epochs + 1).batchSize(batch).seed(1)
                .optimizer(optimizer).build();
        TrainingResult result = new DistributedTrainer(sc, spec, config).withLog(line -> { }).fit(train);
        for (EpochMetrics m : result.history().subList(1, result.history().size())) {
            System.out.printf("local[2], 2 partitions, batch %d, epoch %d: %.0f images/s, step %.1f ms, of which"
                            + " %.0f%% outside the engine%n", batch, m.epoch(), m.imagesPerSecond(),
                    1000 * m.seconds() / m.steps(), 100 * m.overheadShare());
        }
        SparkTestSupport.stop();
    }
}
