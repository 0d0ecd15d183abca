package org.convspark.jobs.terminal;

import java.io.PrintWriter;

/**
 * The command's output, shared by the run's log lines and the live progress bar: a line printed
 * while the bar is shown first clears it, so bar and lines never interleave. The bar is only
 * drawn when {@code live} (stdout is a terminal). What it prints goes through {@link TerminalText}:
 * names from specs and data reach the terminal with their control characters escaped.
 */
public final class Console {
    private final PrintWriter out;
    private final boolean live;
    private int barWidth;

    public Console(PrintWriter out, boolean live) {
        this.out = out;
        this.live = live;
    }

    /** A console that draws live progress exactly when this JVM talks to a terminal. */
    public static Console of(PrintWriter out) {
        return new Console(out, System.console() != null);
    }

    public boolean live() {
        return live;
    }

    public synchronized void println(String line) {
        clearBar();
        out.println(TerminalText.lines(line));
        out.flush();
    }

    /** Replaces the progress bar's text (a no-op unless live). */
    public synchronized void bar(String text) {
        if (!live) {
            return;
        }
        clearBar();
        String safe = TerminalText.line(text);
        out.print(safe);
        out.flush();
        barWidth = safe.length();
    }

    public synchronized void clearBar() {
        if (barWidth > 0) {
            out.print("\r" + " ".repeat(barWidth) + "\r");
            out.flush();
            barWidth = 0;
        }
    }
}
