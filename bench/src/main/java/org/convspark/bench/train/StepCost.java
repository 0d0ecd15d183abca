package org.convspark.bench.train;

import java.nio.ByteBuffer;
import java.util.Random;
import org.apache.spark.serializer.SerializerInstance;
import org.convspark.bench.Medians;
import org.convspark.driver.data.ShardedDataset;
import org.convspark.driver.round.StepAggregate;
import org.convspark.engine.data.LabelledImages;
import org.convspark.engine.model.Network;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.spec.ModelSpecJson;
import org.convspark.engine.tensor.Shape;
import scala.reflect.ClassTag$;
import scala.reflect.ClassTag;

/**
 * The fixed cost of one synchronous Spark step (broadcast, one job of {@code treeAggregate},
 * scheduling, the driver's optimizer step), measured as the median wall time of steps with one
 * sample per partition: with a two-weight model (almost nothing to send or compute) and with
 * LeNet-5 (its 61,706 parameters broadcast, its gradient aggregated). Also the serialized sizes
 * of what one LeNet-5 step sends: the broadcast parameters and one partition's aggregate. The same
 * steps through {@link org.convspark.driver.AllReduce#BARRIER}: what a step costs without a job.
 */
final class StepCost {
    /** Two inputs, two classes: 6 parameters. */
    static final ModelSpec TINY = ModelSpecJson.parse("{\"name\": \"tiny\", \"input\": [1, 1, 2], \"layers\": ["
            + "{\"type\": \"flatten\"}, {\"type\": \"linear\", \"out_features\": 2}]}", "tiny.json");

    /** Milliseconds per step: the tree path's median, the barrier path's median of three differences of two runs. */
    record Result(double tinyStepMillis, double modelStepMillis, double tinyBarrierMillis, double modelBarrierMillis,
                  long broadcastBytes, long aggregateBytes) {
    }

    private StepCost() {
    }

    static Result measure(SparkRun spark, ModelSpec model, LabelledImages modelData, int partitions, int warmupSteps,
                          int steps) {
        // One sample per partition a step, and an epoch long enough for a barrier run's single round.
        int samples = partitions * (warmupSteps + steps);
        ShardedDataset tiny = spark.shard(tinyData(samples), partitions);
        double tinyMillis = Medians.of(spark.stepMillis(TINY, tiny, partitions, warmupSteps, steps));
        double tinyBarrier = spark.barrierStepMillis(TINY, tiny, partitions, warmupSteps, steps);
        tiny.release();
        ShardedDataset small = spark.shard(modelData.slice(0, samples), partitions);
        double modelMillis = Medians.of(spark.stepMillis(model, small, partitions, warmupSteps, steps));
        double modelBarrier = spark.barrierStepMillis(model, small, partitions, warmupSteps, steps);
        small.release();

        float[] params = new Network(model).initialParameters(1);
        StepAggregate aggregate = new StepAggregate();
        aggregate.addVector(params, params.length, 1);
        SerializerInstance serializer = spark.context().env().serializer().newInstance();
        return new Result(tinyMillis, modelMillis, tinyBarrier, modelBarrier, size(serializer, params, float[].class),
                size(serializer, aggregate, StepAggregate.class));
    }

    private static <T> long size(SerializerInstance serializer, T value, Class<T> type) {
        ClassTag<T> tag = ClassTag$.MODULE$.apply(type);
        ByteBuffer bytes = serializer.serialize(value, tag);
        return bytes.remaining();
    }

    private static LabelledImages tinyData(int count) {
        Random rng = new Random(7);
        float[] pixels = new float[2 * count];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = rng.nextInt(2);
            pixels[2 * i] = (float) rng.nextGaussian() + labels[i];
            pixels[2 * i + 1] = (float) rng.nextGaussian();
        }
        return new LabelledImages(Shape.of(1, 1, 2), pixels, labels, 2);
    }
}
