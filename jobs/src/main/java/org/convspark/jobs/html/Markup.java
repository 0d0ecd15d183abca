package org.convspark.jobs.html;

/**
 * Builds HTML (and SVG, which is written the same way) as a string: elements with escaped
 * attribute values and escaped text, so no value from a run (a class name, a file path, a Spark
 * setting) can break the markup or inject any. {@link #raw} takes markup this package made.
 */
final class Markup {
    private final StringBuilder out = new StringBuilder();

    /** {@code &}, {@code <}, {@code >}, {@code "} and {@code '} as entities: safe in text and in quoted attributes. */
    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * Opens {@code tag} with attributes given as name, value pairs (values are escaped; a null
     * value leaves the attribute out).
     */
    Markup open(String tag, Object... attributes) {
        out.append('<').append(tag);
        attributes(attributes);
        out.append('>');
        return this;
    }

    /** A childless element, {@code <tag .../>}: for SVG and HTML's void elements only ({@code meta}, not {@code span}). */
    Markup empty(String tag, Object... attributes) {
        out.append('<').append(tag);
        attributes(attributes);
        out.append("/>");
        return this;
    }

    Markup close(String tag) {
        out.append("</").append(tag).append('>');
        return this;
    }

    /** {@code <tag ...>text</tag>} with the text escaped. */
    Markup element(String tag, String text, Object... attributes) {
        return open(tag, attributes).text(text).close(tag);
    }

    Markup text(String text) {
        out.append(escape(text));
        return this;
    }

    Markup raw(String markup) {
        out.append(markup);
        return this;
    }

    Markup newline() {
        out.append('\n');
        return this;
    }

    private void attributes(Object[] attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name, value pairs");
        }
        for (int i = 0; i < attributes.length; i += 2) {
            Object value = attributes[i + 1];
            if (value != null) {
                out.append(' ').append(attributes[i]).append("=\"").append(escape(Format.attribute(value)))
                        .append('"');
            }
        }
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
