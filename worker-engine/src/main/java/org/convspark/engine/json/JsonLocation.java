package org.convspark.engine.json;

/**
 * Where a value starts in its source text: the source name (usually a file name) and a 1-based
 * line and column (columns count UTF-16 code units, a tab counts as one).
 */
public record JsonLocation(String source, int line, int column) {
    @Override
    public String toString() {
        return source + ":" + line + ":" + column;
    }
}
