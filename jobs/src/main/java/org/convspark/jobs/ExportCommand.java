package org.convspark.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.convspark.engine.model.SavedModel;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.onnx.OnnxExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code convspark export --model MODEL_DIR --onnx OUT.onnx}: a trained model as a standard ONNX
 * model ({@link OnnxExport}). No Spark: the model directory is read and the file written here.
 * The output is checked before the model is read and written whole or not at all, so a refused or
 * failed export leaves an existing file as it was.
 */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write a trained model (the directory train --output wrote) as an ONNX model (opset "
                + OnnxExport.OPSET + "): input N x C x spatial float32, pixels scaled to [0, 1] as convspark's readers "
                + "give them; outputs the logits, then the class probabilities; class and layer names in the "
                + "model's metadata."})
final class ExportCommand implements Callable<Integer> {
    @Spec
    private CommandSpec commandSpec;

    @Option(names = "--model", required = true, paramLabel = "MODEL_DIR",
            description = "The model directory train --output wrote.")
    Path model;

    @Option(names = "--onnx", required = true, paramLabel = "OUT.onnx", description = "The ONNX file to write.")
    Path onnx;

    @Option(names = "--overwrite", description = "Replace an existing OUT.onnx (only once the new file is complete).")
    boolean overwrite;

    @Override
    public Integer call() {
        AtomicFiles.checkWritable(onnx, "--onnx");
        if (Files.exists(onnx) && !overwrite) {
            throw new UserError("--onnx " + onnx + ": already exists; choose a new path or add --overwrite");
        }
        SavedModel saved = ModelDirectory.read(model);
        byte[] bytes = OnnxExport.toBytes(saved);
        AtomicFiles.write(onnx, out -> out.write(bytes));
        ModelSpec spec = saved.spec();
        commandSpec.commandLine().getOut().printf("Wrote %s (ONNX opset %d, %,d bytes): model %s, input \"%s\" "
                        + "%s, outputs \"%s\" and \"%s\" [N, %d]%n", onnx, OnnxExport.OPSET, bytes.length,
                spec.name(), OnnxExport.INPUT, batchOf(spec.input().dims()), OnnxExport.LOGITS,
                OnnxExport.PROBABILITIES, spec.outputShape().dim(0));
        return ConvsparkCli.EXIT_OK;
    }

    /** {@code [N, 1, 28, 28]}: a batch of the per-sample shape {@code dims}. */
    private static String batchOf(int[] dims) {
        StringBuilder sb = new StringBuilder("[N");
        for (int d : dims) {
            sb.append(", ").append(d);
        }
        return sb.append(']').toString();
    }
}
