package org.convspark.engine.spec;

import org.convspark.engine.UserInputException;

/**
 * A model spec that cannot be read or does not fit together. The message names, as far as
 * they are known, where (source file, line and column), which layer (index and type), which
 * field, and what is wrong:
 * {@code spec.json:5:31: layer 2 (conv), field "stride": expected an integer or an array of 2
 * integers but found a string}.
 */
public final class ModelSpecException extends UserInputException {
    private static final long serialVersionUID = 1L;

    /** The layer index of an error that is about the whole model, not one layer. */
    public static final int NO_LAYER = -1;

    private final String where;
    private final int layerIndex;
    private final String layerType;
    private final String field;
    private final String problem;

    /**
     * @param where source name, optionally with {@code :line:column}; null when unknown
     * @param layerIndex the layer, or {@link #NO_LAYER}
     * @param layerType the layer's type name, or null
     * @param field the JSON field at fault, or null when the problem names it itself
     * @param problem what is wrong
     */
    public ModelSpecException(String where, int layerIndex, String layerType, String field, String problem,
            Throwable cause) {
        super(message(where, layerIndex, layerType, field, problem), cause);
        this.where = where;
        this.layerIndex = layerIndex;
        this.layerType = layerType;
        this.field = field;
        this.problem = problem;
    }

    /** The same error located at {@code where} (a source name, optionally with line and column). */
    public ModelSpecException at(String newWhere) {
        ModelSpecException e = new ModelSpecException(newWhere, layerIndex, layerType, field, problem, getCause());
        e.setStackTrace(getStackTrace());
        return e;
    }

    public String where() {
        return where;
    }

    public int layerIndex() {
        return layerIndex;
    }

    public String layerType() {
        return layerType;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }

    private static String message(String where, int layerIndex, String layerType, String field, String problem) {
        StringBuilder context = new StringBuilder();
        if (layerIndex != NO_LAYER) {
            context.append("layer ").append(layerIndex);
            if (layerType != null) {
                context.append(" (").append(layerType).append(')');
            }
        }
        if (field != null) {
            context.append(context.length() > 0 ? ", " : "").append("field \"").append(field).append('"');
        }
        StringBuilder sb = new StringBuilder();
        if (where != null) {
            sb.append(where).append(": ");
        }
        if (context.length() > 0) {
            sb.append(context).append(": ");
        }
        return sb.append(problem).toString();
    }
}
