package org.convspark.engine.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.convspark.engine.UserInputException;
import org.convspark.engine.io.AtomicWrite;
import org.convspark.engine.io.NamedArrays;
import org.convspark.engine.io.ParameterFile;
import org.convspark.engine.json.Json;
import org.convspark.engine.json.JsonArray;
import org.convspark.engine.json.JsonException;
import org.convspark.engine.json.JsonObject;
import org.convspark.engine.json.JsonValue;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.spec.ModelSpecException;
import org.convspark.engine.spec.ModelSpecJson;

/**
 * The project's model format, the one writer and reader of it: three files in one directory,
 * <pre>
 *   spec.json   the model spec (the format --model takes)
 *   params.bin  the flat parameters, array "params" of the engine's checksummed {@link ParameterFile}
 *   model.json  {"format": 1, "classes": [...], "parameters": N, "training": {...}}
 * </pre>
 * reached through a {@link Store}: {@code train --output}'s local directory and the Spark ML
 * model's {@code data/} on any Hadoop file system hold the same bytes. Reading is plain parsing
 * (JSON and the checksummed binary format), never deserialization; a file that is missing,
 * damaged or disagrees with the others is refused with a {@link UserInputException} naming it.
 */
public final class ModelFiles {
    public static final String SPEC = "spec.json";
    public static final String PARAMS = "params.bin";
    public static final String META = "model.json";
    public static final int FORMAT = 1;
    public static final String PARAMS_ARRAY = "params";
    /** Far above any real spec or model.json; refuses to read a wrong huge file into memory. */
    public static final long MAX_JSON_BYTES = 1 << 20;

    /** Where the three files are: how their bytes are reached. */
    public interface Store {
        /** Writes the file {@code name} whole. */
        void write(String name, AtomicWrite.Content content) throws IOException;

        /** The length of the regular file {@code name} in bytes, or -1 when there is none. */
        long length(String name) throws IOException;

        InputStream open(String name) throws IOException;

        /** What messages call the file {@code name} (its path). */
        String describe(String name);
    }

    private ModelFiles() {
    }

    public static void write(Store store, SavedModel model) throws IOException {
        store.write(SPEC, out -> out.write(utf8(ModelSpecJson.toJson(model.spec()) + "\n")));
        store.write(PARAMS, out -> ParameterFile.write(out, new NamedArrays().put(PARAMS_ARRAY, model.params())));
        JsonObject meta = JsonObject.builder()
                .put("format", FORMAT)
                .put("classes", JsonArray.ofStrings(model.classNames()))
                .put("parameters", model.params().length)
                .put("training", model.training())
                .build();
        store.write(META, out -> out.write(utf8(Json.pretty(meta) + "\n")));
    }

    /**
     * @throws UserInputException naming the file that is missing, damaged or disagrees with the others
     * @throws IOException when the store cannot be read
     */
    public static SavedModel read(Store store) throws IOException {
        String metaName = store.describe(META);
        JsonObject meta = Json.parse(readText(store, META), metaName).asObject();
        List<String> classes = new ArrayList<>();
        JsonObject training;
        try {
            int format = meta.require("format").asInt();
            if (format != FORMAT) {
                throw new UserInputException(metaName + ": model format " + format + " is not supported (this build "
                        + "reads " + FORMAT + ")");
            }
            for (JsonValue v : meta.require("classes").asArray()) {
                classes.add(v.asString());
            }
            training = meta.has("training") ? meta.get("training").asObject() : JsonObject.builder().build();
        } catch (JsonException e) {
            throw new UserInputException(metaName + ": " + e.getMessage(), e);
        }
        String specName = store.describe(SPEC);
        ModelSpec spec = ModelSpecJson.parse(readText(store, SPEC), specName);
        Network network;
        try {
            network = new Network(spec);
        } catch (ModelSpecException e) {
            throw e.where() == null ? e.at(specName) : e;
        }
        if (classes.size() != network.numClasses()) {
            throw new UserInputException(metaName + ": lists " + classes.size() + " classes but the model in " + SPEC
                    + " has " + network.numClasses() + " outputs");
        }
        float[] params = readParams(store);
        if (params.length != network.parameterCount()) {
            throw new UserInputException(store.describe(PARAMS) + ": holds " + params.length + " parameters but the "
                    + "model in " + SPEC + " has " + network.parameterCount());
        }
        return new SavedModel(spec, params, classes, training);
    }

    private static String readText(Store store, String name) throws IOException {
        long length = existingLength(store, name);
        if (length > MAX_JSON_BYTES) {
            throw new UserInputException(store.describe(name) + ": " + length + " bytes, more than a model file can be");
        }
        byte[] bytes;
        try (InputStream in = store.open(name)) {
            bytes = in.readNBytes((int) MAX_JSON_BYTES + 1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new UserInputException(store.describe(name) + ": not UTF-8 text", e);
        }
    }

    private static float[] readParams(Store store) throws IOException {
        long length = existingLength(store, PARAMS);
        String name = store.describe(PARAMS);
        NamedArrays arrays;
        try (InputStream in = store.open(PARAMS)) {
            arrays = ParameterFile.read(in, length, name, ParameterFile.DEFAULT_MAX_ELEMENTS);
        }
        if (!arrays.contains(PARAMS_ARRAY)) {
            throw new UserInputException(name + ": has no array \"" + PARAMS_ARRAY + "\" (arrays: " + arrays.names()
                    + ")");
        }
        return arrays.get(PARAMS_ARRAY);
    }

    private static long existingLength(Store store, String name) throws IOException {
        long length = store.length(name);
        if (length < 0) {
            throw new UserInputException(store.describe(name) + ": missing (a model directory holds " + SPEC + ", "
                    + PARAMS + " and " + META + ")");
        }
        return length;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
