package org.convspark.jobs;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.convspark.engine.json.Json;
import org.convspark.engine.report.ModelReport;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.jobs.terminal.TerminalText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code convspark report --model SPEC.json|ZOO_NAME [--json OUT.json]}: both reports of a model. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Print the parameter report (parameters, fully- and locally-connected equivalents, FLOPs, "
                + "activations) and the receptive-field report (r, j, start per dimension) of a model."})
final class ReportCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "SPEC.json|ZOO_NAME",
            description = "A model spec file, or the name of a zoo model (lenet5, cifar-small, resnet20, resnet32).")
    private String model;

    @Option(names = "--json", paramLabel = "OUT.json",
            description = "Also write both reports as one JSON document to this file.")
    private Path json;

    @Override
    public Integer call() {
        ModelSpec modelSpec = ModelArgument.load(model);
        ModelReport report = ModelReport.of(modelSpec);
        PrintWriter out = spec.commandLine().getOut();
        out.print(TerminalText.lines(report.toText()));
        if (json != null) {
            AtomicFiles.writeString(json, Json.pretty(report.toJson()) + "\n");
            out.println();
            out.println("Wrote the report as JSON to " + json);
        }
        out.flush();
        return ConvsparkCli.EXIT_OK;
    }
}
