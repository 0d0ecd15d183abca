package org.convspark.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.convspark.jobs.terminal.TerminalText;
import org.convspark.jobs.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names from specs and data reach the terminal with control characters and bidirectional
 * overrides escaped: a model named with an escape sequence, a right-to-left override,
 * a NUL and a newline, printed by {@code report} and {@code plan}, and a file name in an error line.
 */
class TerminalTextTest {
    private static final String EVIL = "m\u001b[2J\u202egnp.exe\u0000\nfake line";

    @TempDir
    Path tmp;

    private static void assertSafe(String printed) {
        for (int i = 0; i < printed.length(); i++) {
            char c = printed.charAt(i);
            assertTrue(c == '\n' || c == '\t' || !(c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x202e),
                    "a raw U+" + Integer.toHexString(c) + " at " + i + " in: " + printed);
        }
    }

    @Test
    void controlsAndOverridesAreEscapedLineBreaksOnlyWhereTheyAreLayout() {
        assertEquals("m\\u001b[2J\\u202egnp.exe\\u0000\\u000afake line", TerminalText.line(EVIL));
        assertEquals("m\\u001b[2J\\u202egnp.exe\\u0000\nfake line", TerminalText.lines(EVIL));
        assertEquals("a\tb\\u0085\\u2066c\\u007f", TerminalText.lines("a\tb\u0085\u2066c\u007f"));
        String plain = "lenet5 (61,706 parameters) \u00e9\u4e2d";
        assertSame(plain, TerminalText.line(plain), "ordinary text passes untouched");
    }

    @Test
    void reportAndPlanPrintAHostileModelNameEscaped() throws IOException {
        Path spec = tmp.resolve("evil.json");
        Files.writeString(spec, "{\"name\": \"m\\u001b[2J\\u202egnp.exe\\u0000\\nfake line\", \"input\": [1, 4, 4], "
                + "\"layers\": [{\"type\": \"flatten\"}, {\"type\": \"linear\", \"out_features\": 2}]}");
        CliRun report = CliRun.of("report", "--model", spec.toString()).ok();
        assertSafe(report.out());
        assertTrue(report.out().contains("m\\u001b[2J\\u202egnp.exe\\u0000"), report.out());
        CliRun plan = CliRun.of("plan", "--model", spec.toString(), "--cluster", "2:1").ok();
        assertSafe(plan.out());
        assertTrue(plan.out().startsWith("plan: m\\u001b[2J\\u202egnp.exe\\u0000\\u000afake line ("), plan.out());
    }

    @Test
    void anErrorNamingAHostileFileStaysOneSafeLine() {
        String line = CliRun.of("report", "--model", tmp.resolve("x\u001b]0;owned\u0007\ny.json").toString())
                .oneErrorLine();
        assertSafe(line);
        assertTrue(line.contains("x\\u001b]0;owned\\u0007"), line);
        assertFalse(line.contains("\n"), line);
    }
}
