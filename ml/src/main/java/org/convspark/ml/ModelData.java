package org.convspark.ml;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.convspark.engine.io.NamedArrays;
import org.convspark.engine.io.ParameterFile;
import org.convspark.engine.json.Json;
import org.convspark.engine.json.JsonArray;
import org.convspark.engine.json.JsonException;
import org.convspark.engine.json.JsonObject;
import org.convspark.engine.json.JsonValue;
import org.convspark.engine.model.ModelSpec;
import org.convspark.engine.model.ModelSpecJson;
import org.convspark.engine.model.Network;

/**
 * A saved model's data, beside Spark's {@code metadata/} (the params) in {@code PATH/data/}, in
 * the project's model format, the same three files {@code convspark train --output} writes:
 * <pre>
 *   data/spec.json   the model spec
 *   data/params.bin  the flat parameters: array "params" of the engine's checksummed format
 *   data/model.json  {"format": 1, "classes": [...], "parameters": N, "training": {...}}
 * </pre>
 * so {@code PATH/data} is also a model directory for {@code convspark evaluate} and
 * {@code predict}. Written and read through Hadoop's FileSystem API (local, HDFS, S3A alike);
 * reading is parsing (JSON and a checksummed binary format), never Java deserialization, and every
 * error names the file.
 */
final class ModelData {
    static final String DIR = "data";
    static final String SPEC = "spec.json";
    static final String PARAMS = "params.bin";
    static final String META = "model.json";
    static final int FORMAT = 1;
    static final String PARAMS_ARRAY = "params";
    /** Far above any real spec or model.json; refuses to read a wrong huge file into memory. */
    private static final long MAX_JSON_BYTES = 1 << 20;

    /** What {@link #read} returns. */
    record Loaded(ModelSpec spec, float[] params, List<String> classNames, JsonObject training) {
    }

    private ModelData() {
    }

    static void write(String path, Configuration conf, ModelSpec spec, float[] params, List<String> classNames,
                      JsonObject training) {
        Path dir = new Path(path, DIR);
        try {
            FileSystem fs = dir.getFileSystem(conf);
            writeText(fs, new Path(dir, SPEC), ModelSpecJson.toJson(spec) + "\n");
            try (OutputStream out = fs.create(new Path(dir, PARAMS), false)) {
                ParameterFile.write(out, new NamedArrays().put(PARAMS_ARRAY, params));
            }
            JsonObject meta = JsonObject.builder()
                    .put("format", FORMAT)
                    .put("classes", JsonArray.ofStrings(classNames))
                    .put("parameters", params.length)
                    .put("training", training)
                    .build();
            writeText(fs, new Path(dir, META), Json.pretty(meta) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the model data to " + dir + ": " + e.getMessage(), e);
        }
    }

    static Loaded read(String path, Configuration conf) {
        Path dir = new Path(path, DIR);
        try {
            FileSystem fs = dir.getFileSystem(conf);
            Path metaPath = new Path(dir, META);
            JsonObject meta = Json.parse(readText(fs, metaPath), metaPath.toString()).asObject();
            int format = meta.require("format").asInt();
            if (format != FORMAT) {
                throw new IllegalArgumentException(metaPath + ": model format " + format + " is not supported (this "
                        + "build reads " + FORMAT + ")");
            }
            List<String> classes = new ArrayList<>();
            for (JsonValue v : meta.require("classes").asArray()) {
                classes.add(v.asString());
            }
            Path specPath = new Path(dir, SPEC);
            ModelSpec spec = ModelSpecJson.parse(readText(fs, specPath), specPath.toString());
            Network network = new Network(spec);
            if (classes.size() != network.numClasses()) {
                throw new IllegalArgumentException(metaPath + ": lists " + classes.size() + " classes but the model in "
                        + SPEC + " has " + network.numClasses() + " outputs");
            }
            Path paramsPath = new Path(dir, PARAMS);
            float[] params = readParams(fs, paramsPath);
            if (params.length != network.parameterCount()) {
                throw new IllegalArgumentException(paramsPath + ": holds " + params.length + " parameters but the model "
                        + "in " + SPEC + " has " + network.parameterCount());
            }
            JsonObject training = meta.has("training") ? meta.get("training").asObject() : JsonObject.builder().build();
            return new Loaded(spec, params, classes, training);
        } catch (JsonException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model data in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void writeText(FileSystem fs, Path file, String text) throws IOException {
        try (OutputStream out = fs.create(file, false)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String readText(FileSystem fs, Path file) throws IOException {
        long length = length(fs, file);
        if (length > MAX_JSON_BYTES) {
            throw new IllegalArgumentException(file + ": " + length + " bytes, more than a model file can be");
        }
        try (InputStream in = fs.open(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static float[] readParams(FileSystem fs, Path file) throws IOException {
        long length = length(fs, file);
        try (FSDataInputStream in = fs.open(file)) {
            NamedArrays arrays = ParameterFile.read(in, length, file.toString(), ParameterFile.DEFAULT_MAX_ELEMENTS);
            if (!arrays.contains(PARAMS_ARRAY)) {
                throw new IllegalArgumentException(file + ": has no array \"" + PARAMS_ARRAY + "\" (arrays: "
                        + arrays.names() + ")");
            }
            return arrays.get(PARAMS_ARRAY);
        }
    }

    private static long length(FileSystem fs, Path file) throws IOException {
        if (!fs.exists(file)) {
            throw new IllegalArgumentException(file + ": missing (a saved ConvNetClassificationModel holds "
                    + DIR + "/" + SPEC + ", " + DIR + "/" + PARAMS + " and " + DIR + "/" + META + ")");
        }
        return fs.getFileStatus(file).getLen();
    }
}
