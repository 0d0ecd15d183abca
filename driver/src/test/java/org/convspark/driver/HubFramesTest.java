package org.convspark.driver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.Random;
import org.convspark.engine.model.BatchResult;
import org.junit.jupiter.api.Test;

class HubFramesTest {
    @Test
    void gradientsLongerThanOneChunkArriveWhole() throws Exception {
        float[] gradient = new float[40_003]; // larger than the streams' 64 KB buffers
        Random random = new Random(3);
        for (int i = 0; i < gradient.length; i++) {
            gradient[i] = (float) random.nextGaussian();
        }
        gradient[gradient.length - 1] = Float.MIN_VALUE;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        HubFrames.writePartial(out, 7, new BatchResult(2.5, 3, 4), gradient, gradient.length);
        assertEquals(8 + 8 + 8 + 8 + 4 + 4 * gradient.length, bytes.size());

        StepAggregate sum = new StepAggregate();
        float[] scratch = new float[gradient.length];
        HubFrames.readPartialInto(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), sum, scratch);
        assertArrayEquals(gradient, scratch);
        assertEquals(4, sum.count());

        bytes.reset();
        HubFrames.writeMean(out, sum, gradient);
        float[] mean = new float[gradient.length];
        StepAggregate totals = HubFrames.readMean(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())),
                mean);
        assertArrayEquals(gradient, mean);
        assertEquals(2.5, totals.lossSum());
        assertEquals(7, totals.computeNanos());
    }
}
