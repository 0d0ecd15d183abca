package org.convspark.engine.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Built-in model specs by name. Each is a JSON resource ({@code zoo/NAME.json} beside this
 * class) read through {@link ModelSpecJson}, so the zoo is written in the same format users
 * write and exercises the same reader.
 */
public final class ModelZoo {
    /**
     * {@code lenet5}: LeNet-5 for 1x28x28 (MNIST), ReLU and max pooling, 61,706 parameters.
     * {@code cifar-small}: two blocks of two 3x3 "same" convs (32, then 64 channels) each
     * followed by 2x2 max pooling, then linear 256, dropout 0.5, linear 10, for 3x32x32.
     * {@code resnet20}, {@code resnet32}: He et al.'s CIFAR ResNets (3 stages of 3 or 5 basic
     * blocks, 16/32/64 channels, batch norm, 1x1-conv projection shortcuts where the shape
     * changes, global average pooling), for 3x32x32; 272,474 and 466,906 parameters, as PyTorch
     * counts the same networks ({@code bench/resnet/resnet.py}; {@code bench/resnet/make_zoo.py}
     * writes the specs). Their input can be set (1x28x28 for Fashion-MNIST: {@link
     * ModelSpec#withInput}).
     */
    private static final List<String> NAMES = List.of("lenet5", "cifar-small", "resnet20", "resnet32");

    private ModelZoo() {
    }

    public static List<String> names() {
        return NAMES;
    }

    public static boolean contains(String name) {
        return NAMES.contains(name);
    }

    /** @throws ModelSpecException for an unknown name, listing the zoo */
    public static ModelSpec get(String name) {
        if (!NAMES.contains(name)) {
            throw new ModelSpecException(null, ModelSpecException.NO_LAYER, null, null, "unknown zoo model \""
                    + name + "\"" + ClosestName.hint(name, NAMES) + "; the zoo has: " + String.join(", ", NAMES),
                    null);
        }
        String resource = "zoo/" + name + ".json";
        try (InputStream in = ModelZoo.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("zoo resource " + resource + " is missing from the class path");
            }
            return ModelSpecJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name + ".json");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read zoo resource " + resource, e);
        }
    }
}
