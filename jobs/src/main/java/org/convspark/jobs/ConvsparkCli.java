package org.convspark.jobs;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The one entry point: {@code convspark COMMAND [OPTIONS]} (through {@code bin/convspark}, or
 * {@code java -jar jobs/target/convspark.jar}). Exit codes: 0 success, 2 a user error (one line
 * on stderr), 1 an internal error.
 */
@Command(name = "convspark", mixinStandardHelpOptions = true, version = "convspark 0.1.0",
        description = "Distributed data-parallel CNN training on Apache Spark.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, ReportCommand.class,
                PlanCommand.class, ExportCommand.class})
public final class ConvsparkCli implements Callable<Integer> {
    public static final int EXIT_OK = 0;
    public static final int EXIT_INTERNAL_ERROR = 1;
    public static final int EXIT_USER_ERROR = 2;
    /** Training stopped on a NaN or infinite loss or gradient (see TrainingDivergedException). */
    public static final int EXIT_DIVERGED = 3;

    @Spec
    private CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "On an error, print the stack trace too.")
    private boolean debug;

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        if (inYarnApplicationMaster()) {
            // YARN cluster mode: Spark's ApplicationMaster reports the application's final status when
            // main returns, and marks it failed (exit 13) if main calls System.exit first.
            if (code != EXIT_OK) {
                throw new IllegalStateException("convspark exited with code " + code + " (the error is above)");
            }
            return;
        }
        System.exit(code);
    }

    /** Whether this JVM is the driver inside YARN's ApplicationMaster (spark-submit's cluster deploy mode). */
    static boolean inYarnApplicationMaster() {
        return "cluster".equals(System.getProperty("spark.submit.deployMode"))
                && System.getProperty("spark.master", "").startsWith("yarn");
    }

    /** The configured command line, writing to System.out and System.err. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new ConvsparkCli());
        TrainingOptionsCli.addTo(cli.getSubcommands().get("train").getCommandSpec());
        ErrorReporter reporter = new ErrorReporter();
        cli.setExecutionExceptionHandler(reporter);
        cli.setParameterExceptionHandler(reporter);
        return cli;
    }

    /** Runs with the given streams (for tests and embedding); returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine();
        cli.setOut(out);
        cli.setErr(err);
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** {@code convspark} without a command is a usage error. */
    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command; choose one of: "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
