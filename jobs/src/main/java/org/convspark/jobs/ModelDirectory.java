package org.convspark.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.convspark.engine.io.InvalidFileException;
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
 * A trained model on disk, what {@code train --output} writes and {@code evaluate} and
 * {@code predict} read:
 * <pre>
 *   MODEL_DIR/spec.json   the model spec (the format --model takes)
 *   MODEL_DIR/params.bin  the flat parameters, array "params" of the engine's checksummed format
 *   MODEL_DIR/model.json  {"format": 1, "classes": [...], "parameters": N, "training": {...}}
 * </pre>
 * Written as a whole: into a temporary directory beside the target, then renamed into place; an
 * existing model is replaced only with {@code overwrite}, and only after the new one is complete,
 * so a failed run never leaves a half-written or missing model. Reading is plain parsing (JSON and
 * the checksummed binary format), never deserialization; every error names the file.
 */
public final class ModelDirectory {
    static final String SPEC = "spec.json";
    static final String PARAMS = "params.bin";
    static final String META = "model.json";
    static final int FORMAT = 1;
    static final String PARAMS_ARRAY = "params";

    private ModelDirectory() {
    }

    /** Refuses, before any work, an output that exists (unless {@code overwrite}) or cannot be created. */
    public static void checkWritable(Path dir, boolean overwrite, String option) {
        Path absolute = dir.toAbsolutePath();
        if (Files.exists(absolute)) {
            if (!Files.isDirectory(absolute)) {
                throw new UserError(option + " " + dir + ": exists and is not a directory");
            }
            if (!overwrite) {
                throw new UserError(option + " " + dir + ": already exists; choose a new directory or add --overwrite "
                        + "(the old model is replaced only once the new one is complete)");
            }
        }
        Path parent = absolute.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new UserError(option + " " + dir + ": directory " + parent + " does not exist");
        }
        if (!Files.isWritable(parent)) {
            throw new UserError(option + " " + dir + ": directory " + parent + " is not writable");
        }
    }

    public static void write(Path dir, SavedModel model, boolean overwrite) {
        Path target = dir.toAbsolutePath();
        checkWritable(dir, overwrite, "--output");
        Path parent = target.getParent();
        String name = target.getFileName().toString();
        Path tmp = parent.resolve("." + name + ".tmp-" + UUID.randomUUID());
        try {
            Files.createDirectory(tmp);
            Files.writeString(tmp.resolve(SPEC), ModelSpecJson.toJson(model.spec()) + "\n", StandardCharsets.UTF_8);
            ParameterFile.write(tmp.resolve(PARAMS), new NamedArrays().put(PARAMS_ARRAY, model.params()));
            JsonObject meta = JsonObject.builder()
                    .put("format", FORMAT)
                    .put("classes", JsonArray.ofStrings(model.classNames()))
                    .put("parameters", model.params().length)
                    .put("training", model.training())
                    .build();
            Files.writeString(tmp.resolve(META), Json.pretty(meta) + "\n", StandardCharsets.UTF_8);
            replace(tmp, target);
        } catch (IOException e) {
            throw new UserError("cannot write the model to " + dir + ": " + IoErrors.describe(e), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** Moves {@code fresh} to {@code target}; an old {@code target} is moved aside first and removed last. */
    private static void replace(Path fresh, Path target) throws IOException {
        if (!Files.exists(target)) {
            move(fresh, target);
            return;
        }
        Path old = target.resolveSibling("." + target.getFileName() + ".old-" + UUID.randomUUID());
        move(target, old);
        try {
            move(fresh, target);
        } catch (IOException e) {
            move(old, target);
            throw e;
        }
        deleteQuietly(old);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    public static SavedModel read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UserError("--model " + dir + ": " + (Files.exists(dir) ? "is not a model directory (evaluate and "
                    + "predict take the directory train --output wrote)" : "no such directory"));
        }
        Path metaPath = dir.resolve(META);
        JsonObject meta = parse(metaPath).asObject();
        try {
            int format = meta.require("format").asInt();
            if (format != FORMAT) {
                throw new UserError(metaPath + ": model format " + format + " is not supported (this build reads "
                        + FORMAT + ")");
            }
            List<String> classes = new ArrayList<>();
            for (JsonValue v : meta.require("classes").asArray()) {
                classes.add(v.asString());
            }
            Path specPath = dir.resolve(SPEC);
            ModelSpec spec = ModelSpecJson.parse(readText(specPath), specPath.toString());
            Network network = ModelArgument.network(spec, specPath.toString());
            if (classes.size() != network.numClasses()) {
                throw new UserError(metaPath + ": lists " + classes.size() + " classes but the model in " + SPEC
                        + " has " + network.numClasses() + " outputs");
            }
            Path paramsPath = dir.resolve(PARAMS);
            float[] params = readParams(paramsPath);
            if (params.length != network.parameterCount()) {
                throw new UserError(paramsPath + ": holds " + params.length + " parameters but the model in " + SPEC
                        + " has " + network.parameterCount());
            }
            JsonObject training = meta.has("training") ? meta.get("training").asObject() : JsonObject.builder().build();
            return new SavedModel(spec, params, classes, training);
        } catch (JsonException e) {
            throw new UserError(metaPath + ": " + e.getMessage(), e);
        }
    }

    private static float[] readParams(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new UserError(path + ": missing (a model directory holds " + SPEC + ", " + PARAMS + " and " + META
                    + ")");
        }
        try {
            return ParameterFile.read(path).get(PARAMS_ARRAY);
        } catch (InvalidFileException e) {
            throw new UserError(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new UserError(path + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UserError(path + ": cannot read: " + IoErrors.describe(e), e);
        }
    }

    private static JsonValue parse(Path path) {
        return Json.parse(readText(path), path.toString());
    }

    private static String readText(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new UserError(path + ": missing (a model directory holds " + SPEC + ", " + PARAMS + " and " + META
                    + ")");
        }
        try {
            if (Files.size(path) > ModelArgument.MAX_SPEC_BYTES) {
                throw new UserError(path + ": " + Files.size(path) + " bytes, more than a model file can be");
            }
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError(path + ": cannot read: " + IoErrors.describe(e), e);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // The model itself is in place (or the error that matters was already raised).
        }
    }
}
