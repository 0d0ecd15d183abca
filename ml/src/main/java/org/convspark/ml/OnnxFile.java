package org.convspark.ml;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.convspark.engine.UserInputException;
import org.convspark.engine.model.SavedModel;
import org.convspark.onnx.OnnxExport;

/**
 * {@link ConvNetClassificationModel#exportOnnx}: the model's ONNX bytes ({@link OnnxExport}) in
 * one file on any Hadoop file system, written beside the target and renamed into place, so that a
 * failed export leaves no partial file and an existing one as it was.
 */
final class OnnxFile {
    private OnnxFile() {
    }

    static void write(SavedModel model, String path, boolean overwrite, Configuration conf) {
        Path target = new Path(path);
        byte[] bytes = OnnxExport.toBytes(model);
        try {
            FileSystem fs = target.getFileSystem(conf);
            if (fs.exists(target) && !overwrite) {
                throw new UserInputException(target + ": already exists; choose a new path or export with "
                        + "overwrite");
            }
            Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp-" + UUID.randomUUID());
            try {
                try (OutputStream out = fs.create(tmp, false)) {
                    out.write(bytes);
                }
                if (overwrite && fs.exists(target) && !fs.delete(target, false)) {
                    throw new IOException("cannot remove the existing file");
                }
                if (!fs.rename(tmp, target)) {
                    throw new IOException("cannot rename " + tmp + " to it");
                }
            } finally {
                fs.delete(tmp, false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ONNX model to " + target + ": " + e.getMessage(), e);
        }
    }
}
