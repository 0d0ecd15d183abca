package org.convspark.engine.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ordered set of named {@code float[]} arrays: what a {@link ParameterFile} holds. Names are
 * unique, 1 to {@value #MAX_NAME_BYTES} UTF-8 bytes. The arrays are held, not copied.
 */
public final class NamedArrays {
    /** Longest name in UTF-8 bytes; the reader refuses longer ones before allocating. */
    public static final int MAX_NAME_BYTES = 256;

    private final Map<String, float[]> arrays = new LinkedHashMap<>();

    /** Adds {@code values} under {@code name}; returns this for chaining. */
    public NamedArrays put(String name, float[] values) {
        int bytes = name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes < 1 || bytes > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("array name must be 1 to " + MAX_NAME_BYTES + " UTF-8 bytes, got \""
                    + name + "\" (" + bytes + ")");
        }
        if (arrays.containsKey(name)) {
            throw new IllegalArgumentException("array name \"" + name + "\" is used twice");
        }
        arrays.put(name, values);
        return this;
    }

    public boolean contains(String name) {
        return arrays.containsKey(name);
    }

    /** The array called {@code name}; an error lists the names there are. */
    public float[] get(String name) {
        float[] values = arrays.get(name);
        if (values == null) {
            throw new IllegalArgumentException("no array named \"" + name + "\"; present: " + names());
        }
        return values;
    }

    public List<String> names() {
        return List.copyOf(arrays.keySet());
    }

    public int size() {
        return arrays.size();
    }

    Map<String, float[]> asMap() {
        return Collections.unmodifiableMap(arrays);
    }
}
