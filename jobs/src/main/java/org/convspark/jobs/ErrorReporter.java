package org.convspark.jobs;

import java.io.PrintWriter;
import java.util.List;
import org.apache.spark.SparkException;
import org.convspark.driver.TrainingDivergedException;
import org.convspark.engine.UserInputException;
import org.convspark.jobs.terminal.TerminalText;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

/**
 * Turns every failure into one line on stderr, {@code convspark: error: ...}, and an exit
 * code: 2 for what the user gave (bad options, and the project's {@link UserInputException}:
 * specs, files, data, checkpoints, sizes; see {@link #userCause}), 3 for a run that diverged (a
 * NaN or infinite loss or gradient), 1 for anything else (a bug: the line says so). The stack
 * trace follows only with {@code --debug}.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        String unknown = e instanceof MissingParameterException ? firstUnknownOption(cli, args) : null;
        if (unknown != null) {
            // picocli checks required options before unknown ones; a misspelt option is the real cause.
            e = new UnmatchedArgumentException(cli, List.of(unknown));
        }
        StringBuilder line = new StringBuilder(e.getMessage());
        if (e instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            line.append(" (did you mean ").append(String.join(" or ", u.getSuggestions())).append("?)");
        }
        line.append(" (see '").append(cli.getCommandSpec().qualifiedName()).append(" --help')");
        PrintWriter err = cli.getErr();
        err.println(TerminalText.line("convspark: error: " + line));
        if (debugRequested(args)) {
            e.printStackTrace(err);
        }
        err.flush();
        return ConvsparkCli.EXIT_USER_ERROR;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, ParseResult parseResult) {
        if (e instanceof ParameterException p) {
            return handleParseException(p, parseResult.originalArgs().toArray(new String[0]));
        }
        boolean debug = debugRequested(parseResult);
        String line;
        int code;
        Throwable cause = userCause(e);
        if (e instanceof TrainingDivergedException) {
            // The options were valid and nothing is broken: the run's numbers blew up.
            line = "convspark: error: " + e.getMessage();
            code = ConvsparkCli.EXIT_DIVERGED;
        } else if (cause != null) {
            line = "convspark: error: " + messageOf(cause);
            code = ConvsparkCli.EXIT_USER_ERROR;
        } else {
            line = "convspark: internal error: " + e.getClass().getName() + ": " + messageOf(e)
                    + (debug ? "" : " (run with --debug for the stack trace)");
            code = ConvsparkCli.EXIT_INTERNAL_ERROR;
        }
        PrintWriter err = cli.getErr();
        err.println(TerminalText.line(line));
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    private static String messageOf(Throwable t) {
        return t.getMessage() == null ? t.getClass().getName() : t.getMessage();
    }

    /**
     * The exception that describes a user error, or null for an internal one: the project's
     * {@link UserInputException} (options, specs, files, data, checkpoints, sizes) anywhere in the
     * cause chain (Spark wraps what an executor threw), or else an {@link IllegalArgumentException}
     * thrown directly or by a Spark task (a library's refusal of an argument the user chose).
     */
    static Throwable userCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UserInputException) {
                return t;
            }
        }
        if (e instanceof IllegalArgumentException) {
            return e;
        }
        if (e instanceof SparkException) {
            for (Throwable t = e.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof IllegalArgumentException) {
                    return t;
                }
            }
        }
        return null;
    }

    private static boolean debugRequested(ParseResult result) {
        for (ParseResult r = result; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    /** The first argument that looks like an option but is none of the command's or its parents'. */
    private static String firstUnknownOption(CommandLine cli, String[] args) {
        for (String a : args) {
            if (a.equals("--")) {
                return null;
            }
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (name.startsWith("-") && name.length() > 1 && !isOption(cli, name)) {
                return name;
            }
        }
        return null;
    }

    private static boolean isOption(CommandLine cli, String name) {
        for (CommandLine c = cli; c != null; c = c.getParent()) {
            if (c.getCommandSpec().optionsMap().containsKey(name)) {
                return true;
            }
        }
        return false;
    }

    /** Parsing failed, so there is no parse result: look at the raw arguments. */
    private static boolean debugRequested(String[] args) {
        for (String a : args) {
            if (a.equals("--debug")) {
                return true;
            }
        }
        return false;
    }
}
