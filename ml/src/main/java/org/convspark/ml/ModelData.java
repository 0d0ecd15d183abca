package org.convspark.ml;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.convspark.engine.io.AtomicWrite;
import org.convspark.engine.json.JsonObject;
import org.convspark.engine.model.ModelFiles;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.model.SavedModel;

/**
 * A saved model's data, beside Spark's {@code metadata/} (the params) in {@code PATH/data/}: the
 * engine's {@link ModelFiles}, the same three files {@code convspark train --output} writes, so
 * {@code PATH/data} is also a model directory for {@code convspark evaluate} and {@code predict}.
 * Reached through Hadoop's FileSystem API (local, HDFS, S3A alike); every error names the file.
 */
final class ModelData {
    static final String DIR = "data";

    private ModelData() {
    }

    static void write(String path, Configuration conf, ModelSpec spec, float[] params, List<String> classNames,
                      JsonObject training) {
        Path dir = new Path(path, DIR);
        try {
            ModelFiles.write(new HadoopDirectory(dir.getFileSystem(conf), dir),
                    new SavedModel(spec, params, classNames, training));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the model data to " + dir + ": " + e.getMessage(), e);
        }
    }

    static SavedModel read(String path, Configuration conf) {
        Path dir = new Path(path, DIR);
        try {
            return ModelFiles.read(new HadoopDirectory(dir.getFileSystem(conf), dir));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model data in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The model's files in one directory of a Hadoop file system; {@code MLWriter} has cleared the path. */
    private record HadoopDirectory(FileSystem fs, Path dir) implements ModelFiles.Store {
        @Override
        public void write(String name, AtomicWrite.Content content) throws IOException {
            try (OutputStream out = fs.create(new Path(dir, name), false)) {
                content.writeTo(out);
            }
        }

        @Override
        public long length(String name) throws IOException {
            try {
                FileStatus status = fs.getFileStatus(new Path(dir, name));
                return status.isFile() ? status.getLen() : -1;
            } catch (FileNotFoundException e) {
                return -1;
            }
        }

        @Override
        public InputStream open(String name) throws IOException {
            return fs.open(new Path(dir, name));
        }

        @Override
        public String describe(String name) {
            return new Path(dir, name).toString();
        }
    }
}
