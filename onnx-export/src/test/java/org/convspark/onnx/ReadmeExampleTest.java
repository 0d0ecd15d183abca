package org.convspark.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.convspark.engine.data.EmbeddedMnist;
import org.convspark.engine.data.LabelledImages;
import org.convspark.engine.json.JsonObject;
import org.convspark.engine.model.Network;
import org.convspark.engine.model.SavedModel;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.spec.ModelZoo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "Export and serve" Java example, line for line, on an exported LeNet-5 and 16 test digits. */
class ReadmeExampleTest {
    @TempDir
    Path tmp;

    @Test
    void theExamplePrintsTheEnginesPredictions() throws IOException, OrtException {
        ModelSpec spec = ModelZoo.get("lenet5");
        List<String> names = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        SavedModel model = new SavedModel(spec, RuntimeCheck.parameters(spec, 4), names, JsonObject.builder().build());
        Files.write(tmp.resolve("m.onnx"), OnnxExport.toBytes(model));
        LabelledImages test = EmbeddedMnist.test().slice(0, 16);
        int n = test.count();
        float[] pixels = test.pixels();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            String path = tmp.resolve("m.onnx").toString();
            // ---- the README's lines ("m.onnx" is path) ----
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            try (OrtSession session = env.createSession(path, new OrtSession.SessionOptions());
                 OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels), new long[] {n, 1, 28, 28});
                 OrtSession.Result result = session.run(Map.of("input", x))) {
                float[][] p = (float[][]) result.get("probabilities").orElseThrow().getValue();
                String classes = session.getMetadata().getCustomMetadata().get("convspark.classes"); // JSON array
                for (int i = 0; i < n; i++) {
                    int best = 0;
                    for (int c = 1; c < p[i].length; c++) {
                        best = p[i][c] > p[i][best] ? c : best;
                    }
                    System.out.printf("image %d: class %d (p = %.3f) of %s%n", i, best, p[i][best], classes);
                }
            }
            // ---- end ----
        } finally {
            System.setOut(stdout);
        }
        float[] probabilities = new float[n * 10];
        new Network(spec).predictProbabilities(model.params(), pixels, 0, n, probabilities, 0);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int c = 1; c < 10; c++) {
                best = probabilities[i * 10 + c] > probabilities[i * 10 + best] ? c : best;
            }
            expected.append(String.format("image %d: class %d (p = %.3f) of %s%n", i, best, probabilities[i * 10 + best],
                    "[\"0\",\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\",\"9\"]"));
        }
        assertEquals(expected.toString(), printed.toString(StandardCharsets.UTF_8));
    }
}
