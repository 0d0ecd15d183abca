package org.convspark.jobs;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.convspark.engine.json.Json;
import org.convspark.jobs.data.LoadedData;
import org.convspark.jobs.score.Evaluation;
import org.convspark.jobs.score.Scorer;
import org.convspark.jobs.spark.SparkSessions;
import org.convspark.jobs.terminal.Console;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code convspark evaluate --model MODEL_DIR --data PATH}: accuracy, per-class accuracy, confusion matrix. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score a trained model on labelled data: accuracy, mean loss, per-class accuracy and the "
                + "confusion matrix.", "Without --data: the embedded MNIST test digits."})
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec commandSpec;

    @Mixin
    ScoringOptions scoring;

    @Option(names = "--json", paramLabel = "OUT.json", description = "Also write the evaluation as JSON.")
    Path json;

    @Override
    public Integer call() {
        ScoringInput input = scoring.resolve(true);
        if (json != null) {
            AtomicFiles.checkWritable(json, "--json");
        }
        Console console = Console.of(commandSpec.commandLine().getOut());
        try (SparkSessions.OpenSession session = scoring.open("evaluate", input, console)) {
            LoadedData loaded = input.load(session.spark());
            Scorer.Scored scored = scoring.score(input, loaded, session.spark());
            Evaluation evaluation;
            try {
                evaluation = Evaluation.of(scored.rows(), input.model().classNames());
            } finally {
                scored.release();
                loaded.release();
            }
            console.println("data: " + loaded);
            console.println(evaluation.toText());
            if (json != null) {
                AtomicFiles.writeString(json, Json.pretty(evaluation.toJson()) + "\n");
                console.println("wrote the evaluation as JSON to " + json);
            }
        }
        return ConvsparkCli.EXIT_OK;
    }
}
