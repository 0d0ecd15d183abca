package org.convspark.ml;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.convspark.engine.UserInputException;
import org.convspark.engine.model.SavedModel;
import org.convspark.onnx.OnnxExport;

/**
 * {@link ConvNetClassificationModel#exportOnnx}: the model's ONNX bytes ({@link OnnxExport}) in
 * one file on any Hadoop file system, written beside the target and renamed into place (replacing
 * an existing file in the same rename with {@code overwrite}), so that a failed export leaves no
 * partial file and an existing one as it was. Hadoop's {@code FileContext}, not {@code
 * FileSystem}: only its rename replaces a file in one step where the file system can.
 */
final class OnnxFile {
    private OnnxFile() {
    }

    static void write(SavedModel model, String path, boolean overwrite, Configuration conf) {
        Path target = new Path(path);
        byte[] bytes = OnnxExport.toBytes(model);
        try {
            FileContext fc = FileContext.getFileContext(target.toUri(), conf);
            target = fc.makeQualified(target);
            if (fc.util().exists(target) && !overwrite) {
                throw new UserInputException(target + ": already exists; choose a new path or export with "
                        + "overwrite");
            }
            Path parent = target.getParent();
            if (parent == null || !fc.util().exists(parent) || !fc.getFileStatus(parent).isDirectory()) {
                throw new UserInputException(target + ": directory " + parent + " does not exist");
            }
            Path tmp = new Path(parent, "." + target.getName() + ".tmp-" + UUID.randomUUID());
            try {
                try (OutputStream out = fc.create(tmp, EnumSet.of(CreateFlag.CREATE))) {
                    out.write(bytes);
                }
                fc.rename(tmp, target, overwrite ? Options.Rename.OVERWRITE : Options.Rename.NONE);
            } finally {
                fc.delete(tmp, false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ONNX model to " + target + ": " + e.getMessage(), e);
        }
    }
}
