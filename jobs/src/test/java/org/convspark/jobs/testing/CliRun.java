package org.convspark.jobs.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.convspark.jobs.ConvsparkCli;

/** The CLI run in-process with its output and error streams captured. */
public record CliRun(int code, String out, String err) {

    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ConvsparkCli.run(new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Asserts success and returns this. */
    public CliRun ok() {
        assertEquals(ConvsparkCli.EXIT_OK, code, () -> "exit " + code + "\nstderr: " + err + "\nstdout: " + out);
        return this;
    }

    /** Asserts a user error of exactly one line without a stack trace; returns the line. */
    public String oneErrorLine() {
        assertEquals(ConvsparkCli.EXIT_USER_ERROR, code, () -> "stderr: " + err + "\nstdout: " + out);
        assertTrue(err.startsWith("convspark: error: "), err);
        assertTrue(err.endsWith("\n"), err);
        assertEquals(1, err.lines().count(), err);
        assertFalse(err.contains("\tat "), err);
        return err.strip();
    }
}
