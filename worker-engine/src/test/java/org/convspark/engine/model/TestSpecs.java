package org.convspark.engine.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.spec.ModelSpecJson;

/** Model specs kept as test resources ({@code /specs/NAME.json}): well-known nets with published figures. */
public final class TestSpecs {
    private TestSpecs() {
    }

    public static ModelSpec load(String name) {
        String resource = "/specs/" + name + ".json";
        try (InputStream in = TestSpecs.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return ModelSpecJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name + ".json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
