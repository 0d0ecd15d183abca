package org.convspark.engine;

/**
 * Something the user gave cannot be used: a model spec, a JSON document, a data, model or
 * checkpoint file, an option or a size that does not fit. The message is ONE line that names the
 * file, option or layer and says what is wrong, so a command line can print it as it is, without
 * a stack trace; the project's front ends treat this type (anywhere in a cause chain, as Spark
 * wraps what executors throw) as the user's error and anything else as a bug.
 *
 * <p>It is an {@link IllegalArgumentException} because the argument handed in (the file, the
 * spec, the setting) is what is wrong, and because callers already treat a bad spec's
 * {@code IllegalArgumentException} as the user's error. Subclasses add structure:
 * {@link org.convspark.engine.spec.ModelSpecException} (layer and field),
 * {@link org.convspark.engine.json.JsonException} (line and column),
 * {@link org.convspark.engine.io.InvalidFileException} (file and problem).
 */
public class UserInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UserInputException(String message) {
        this(message, null);
    }

    public UserInputException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    /**
     * {@code text} with control characters escaped: names quoted from a file ({@code "a\nb"} in
     * JSON is a legal string) must not break the message over lines or into the terminal.
     */
    public static String oneLine(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029';
            if (control && sb == null) {
                sb = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (sb != null) {
                if (!control) {
                    sb.append(c);
                } else if (c == '\n') {
                    sb.append("\\n");
                } else if (c == '\r') {
                    sb.append("\\r");
                } else if (c == '\t') {
                    sb.append("\\t");
                } else {
                    sb.append(String.format("\\u%04x", (int) c));
                }
            }
        }
        return sb == null ? text : sb.toString();
    }
}
