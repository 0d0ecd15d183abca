package org.convspark.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Random;
import org.convspark.engine.model.Network;
import org.convspark.engine.model.SavedModel;
import org.convspark.engine.spec.BatchNormSpec;
import org.convspark.engine.spec.LayerSpec;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.spec.ModelSpecJson;

/**
 * Runs an exported model in ONNX Runtime and holds its outputs to the engine's on the same
 * images: logits within {@value #RELATIVE} of the largest logit, the same predicted class for
 * every sample, probabilities that are the logits' softmax.
 */
public final class RuntimeCheck {
    public static final double RELATIVE = 1e-4;

    private RuntimeCheck() {
    }

    /** What one comparison found: the largest logit difference relative to the largest logit. */
    public record Result(String model, int samples, double maxDifference, double maxLogit) {
        public double relative() {
            return maxDifference / maxLogit;
        }
    }

    public static Result compare(SavedModel model, float[] images, int count) throws OrtException {
        return compare(model, OnnxExport.toBytes(model), images, count);
    }

    /** Runs the ONNX model {@code onnx} (an export of {@code model}) on {@code count} images. */
    public static Result compare(SavedModel model, byte[] onnx, float[] images, int count) throws OrtException {
        ModelSpec spec = model.spec();
        Network network = new Network(spec);
        int classes = spec.outputShape().dim(0);
        float[] expected = new float[count * classes];
        network.predictLogits(model.params(), images, 0, count, expected, 0);
        float[] expectedProbabilities = new float[count * classes];
        network.predictProbabilities(model.params(), images, 0, count, expectedProbabilities, 0);

        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] dims = java.util.Arrays.stream(spec.input().prepend(count).dims()).asLongStream().toArray();
        try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions());
             OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(images, 0, count * spec.input().size()),
                     dims);
             OrtSession.Result result = session.run(Map.of(OnnxExport.INPUT, input))) {
            float[][] logits = (float[][]) result.get(OnnxExport.LOGITS).orElseThrow().getValue();
            float[][] probabilities = (float[][]) result.get(OnnxExport.PROBABILITIES).orElseThrow().getValue();
            assertEquals(count, logits.length, spec.name() + ": batch");
            double maxDifference = 0;
            double maxLogit = 0;
            for (int s = 0; s < count; s++) {
                assertEquals(classes, logits[s].length, spec.name() + ": classes");
                for (int c = 0; c < classes; c++) {
                    float e = expected[s * classes + c];
                    maxDifference = Math.max(maxDifference, Math.abs(logits[s][c] - e));
                    maxLogit = Math.max(maxLogit, Math.abs(e));
                }
            }
            Result r = new Result(spec.name(), count, maxDifference, maxLogit);
            assertTrue(maxLogit > 0, spec.name() + ": all logits are zero, which proves nothing");
            assertTrue(r.relative() <= RELATIVE, spec.name() + ": max |logit difference| " + maxDifference
                    + " > " + RELATIVE + " x max |logit| " + maxLogit + "\n" + ModelSpecJson.toJson(spec));
            for (int s = 0; s < count; s++) {
                for (int c = 0; c < classes; c++) {
                    assertEquals(expectedProbabilities[s * classes + c], probabilities[s][c], 1e-5,
                            spec.name() + ": probability of sample " + s + " class " + c);
                }
            }
            float[] runtime = new float[count * classes];
            for (int s = 0; s < count; s++) {
                System.arraycopy(logits[s], 0, runtime, s * classes, classes);
            }
            assertArrayEquals(argmax(expected, count, classes), argmax(runtime, count, classes),
                    spec.name() + ": predictions");
            return r;
        }
    }

    /**
     * Parameters for a test: the network's own initialisation, with every batch norm's running
     * statistics drawn away from (0, 1) so that inference batch norm is really exercised.
     */
    public static float[] parameters(ModelSpec spec, long seed) {
        float[] params = new Network(spec).initialParameters(seed);
        Random rng = new Random(seed);
        int offset = 0;
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec layer = spec.layers().get(i);
            if (layer instanceof BatchNormSpec bn) {
                int c = spec.inputShape(i).dim(0);
                int state = offset + (bn.affine() ? 2 * c : 0);
                for (int k = 0; k < c; k++) {
                    if (bn.affine()) {
                        params[offset + k] = 0.5f + rng.nextFloat();
                        params[offset + c + k] = (float) rng.nextGaussian() * 0.3f;
                    }
                    params[state + k] = (float) rng.nextGaussian() * 0.3f;
                    params[state + c + k] = 0.5f + rng.nextFloat() * 1.5f;
                }
            }
            offset += (int) layer.parameterCount(spec.inputShape(i));
        }
        return params;
    }

    /** {@code count} random images of the spec's input shape, pixels in [0, 1]. */
    public static float[] images(ModelSpec spec, int count, long seed) {
        Random rng = new Random(seed);
        float[] x = new float[count * spec.input().size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextFloat();
        }
        return x;
    }

    private static int[] argmax(float[] flat, int count, int classes) {
        int[] out = new int[count];
        for (int s = 0; s < count; s++) {
            for (int c = 1; c < classes; c++) {
                if (flat[s * classes + c] > flat[s * classes + out[s]]) {
                    out[s] = c;
                }
            }
        }
        return out;
    }
}
