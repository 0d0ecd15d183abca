package org.convspark.jobs;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.spec.ModelSpecException;
import org.convspark.engine.spec.ModelSpecJson;
import org.convspark.engine.spec.ModelZoo;
import org.convspark.engine.tensor.Shape;
import org.convspark.engine.model.Network;

/**
 * The value of {@code --model SPEC.json|ZOO_NAME}: a path to an existing spec file, else the
 * name of a zoo model. Spec errors come out as {@link ModelSpecException} naming the file,
 * line, layer and field; file problems as {@link UserError}.
 */
public final class ModelArgument {
    /** Far above any real spec; refuses to read a huge file given by mistake into memory. */
    static final long MAX_SPEC_BYTES = 1 << 20;

    private ModelArgument() {
    }

    /**
     * As {@link #load(String)}; a zoo model takes {@code inputShape} (null: its own) as its input,
     * as PyTorch's model constructors take the channels and sizes of the data.
     */
    public static ModelSpec load(String value, Shape inputShape) {
        ModelSpec spec = load(value);
        if (inputShape == null || !ModelZoo.contains(value) || Files.isRegularFile(Path.of(value))) {
            return spec;
        }
        try {
            return spec.withInput(inputShape);
        } catch (ModelSpecException e) {
            throw new UserError("--input-shape " + inputShape + " for zoo model " + value + ": " + e.getMessage(), e);
        }
    }

    public static ModelSpec load(String value) {
        Path path = Path.of(value);
        if (Files.isDirectory(path)) {
            throw new UserError("--model " + value + ": is a directory, not a spec file");
        }
        if (Files.isRegularFile(path)) {
            return ModelSpecJson.parse(read(path, value), value);
        }
        try {
            return ModelZoo.get(value);
        } catch (ModelSpecException e) {
            throw new UserError("--model " + value + ": no such file, and " + e.getMessage(), e);
        }
    }

    /**
     * The network of {@code spec}, read from {@code source}: what a spec can say but a network
     * cannot run (no class scores at the end, a layer too large) is an error located at the file.
     */
    public static Network network(ModelSpec spec, String source) {
        try {
            return new Network(spec);
        } catch (ModelSpecException e) {
            throw e.where() == null ? e.at(source) : e;
        }
    }

    private static String read(Path path, String value) {
        try {
            long size = Files.size(path);
            if (size > MAX_SPEC_BYTES) {
                throw new UserError("--model " + value + ": the file has " + size + " bytes; a model spec is at most "
                        + MAX_SPEC_BYTES + " bytes");
            }
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new UserError("--model " + value + ": not UTF-8 text (is it a spec file?)", e);
        } catch (IOException e) {
            throw new UserError("--model " + value + ": cannot read: " + IoErrors.describe(e), e);
        }
    }
}
