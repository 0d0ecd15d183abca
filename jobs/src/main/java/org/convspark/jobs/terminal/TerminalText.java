package org.convspark.jobs.terminal;

/**
 * Text for a terminal with what came from specs and data made harmless: model names, class folder
 * names and file names can hold control characters (an escape sequence that rewrites the
 * terminal, a NUL, a carriage return that hides what came before) and Unicode's bidirectional
 * overrides (which reorder what the reader sees). Each such character is shown as {@code \\uXXXX}
 * instead. Hand-written: the JDK has no terminal-safe escaper, and the set is a few ranges.
 */
public final class TerminalText {
    private TerminalText() {
    }

    /** One line: also its line breaks are shown escaped, so it stays one line. */
    public static String line(String text) {
        return escape(text, false);
    }

    /** Text of several lines: its line breaks and tabs are kept, the rest escaped. */
    public static String lines(String text) {
        return escape(text, true);
    }

    private static String escape(String text, boolean keepLayout) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean layout = c == '\n' || c == '\t';
            if (unsafe(c) && !(keepLayout && layout)) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                out.append(String.format("\\u%04x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    /** C0 and C1 controls, DEL, and the bidirectional marks, embeddings, overrides and isolates. */
    static boolean unsafe(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x061c || c == 0x200e || c == 0x200f
                || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029;
    }
}
