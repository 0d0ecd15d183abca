package org.convspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.convspark.engine.data.EmbeddedMnist;
import org.convspark.jobs.testing.CliRun;
import org.convspark.jobs.testing.IdxWriter;
import org.convspark.jobs.testing.TestSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The divergence guard through the command line: a learning rate that blows the run up ends
 * in one line naming the step and the layer, exit code 3 (neither a user error nor a bug), the
 * newest checkpoint is the last good step's, and no model is written.
 */
class DivergenceTest {
    private static final Pattern STEP = Pattern.compile("training diverged at step (\\d+): ");

    @Test
    void anExplodingRunStopsWithTheStepTheLayerAndTheLastGoodCheckpoint(@TempDir Path root) throws IOException {
        TestSpark.session();
        Path data = Files.createDirectories(root.resolve("data"));
        IdxWriter.write(data, "train", EmbeddedMnist.train().slice(0, 64), false);
        Path checkpoints = root.resolve("checkpoints");
        Path model = root.resolve("model");
        CliRun run = CliRun.of("train", "--data", data.toString(), "--epochs", "3", "--batch-size", "16",
                "--optimizer", "sgd", "--lr", "1e30", "--partitions", "2", "--checkpoint-dir", checkpoints.toString(),
                "--checkpoint-every", "1", "--output", model.toString());

        System.out.println("divergence: " + run.err().strip());
        assertEquals(ConvsparkCli.EXIT_DIVERGED, run.code(), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
        Matcher m = STEP.matcher(run.err());
        assertTrue(run.err().startsWith("convspark: error: ") && m.find(), run.err());
        long step = Long.parseLong(m.group(1));
        assertTrue(run.err().matches("(?s).*the gradient of layer \\d+ \\((conv|linear)\\) is (NaN|-?Infinity).*"),
                run.err());
        String newest = String.format("step-%06d", step);
        assertTrue(run.err().contains("the newest checkpoint, " + newest + " in "), run.err());
        assertTrue(run.err().contains("lower the learning rate"), run.err());
        assertTrue(Files.isRegularFile(checkpoints.resolve(newest).resolve("meta.json")));
        assertFalse(Files.exists(checkpoints.resolve(String.format("step-%06d", step + 1))));
        assertFalse(Files.exists(model), "a diverged run writes no model");
    }
}
