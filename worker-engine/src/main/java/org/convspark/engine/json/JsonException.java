package org.convspark.engine.json;

import org.convspark.engine.UserInputException;

/**
 * Malformed JSON, or a value of the wrong kind asked for through a typed accessor. The message
 * starts with the location when there is one: {@code spec.json:3:14: expected ',' or '}' ...}.
 */
public final class JsonException extends UserInputException {
    private static final long serialVersionUID = 1L;

    private final transient JsonLocation location;
    private final String problem;

    public JsonException(JsonLocation location, String problem) {
        super(location == null ? problem : location + ": " + problem);
        this.location = location;
        this.problem = problem;
    }

    /** Where the problem is, or null for values built in code. */
    public JsonLocation location() {
        return location;
    }

    /** The message without the location. */
    public String problem() {
        return problem;
    }
}
