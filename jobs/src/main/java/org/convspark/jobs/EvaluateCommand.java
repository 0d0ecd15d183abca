package org.convspark.jobs;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.convspark.engine.json.Json;
import org.convspark.jobs.data.LoadedData;
import org.convspark.jobs.score.Evaluation;
import org.convspark.jobs.score.Scorer;
import org.convspark.jobs.spark.Console;
import org.convspark.jobs.spark.SparkSessions;
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

    @Option(names = "--model", required = true, paramLabel = "MODEL_DIR",
            description = "A model directory written by train --output.")
    Path model;

    @Option(names = "--data", paramLabel = "PATH",
            description = "Labelled data (a directory stands for its test split; default: the embedded test digits).")
    String data;

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--json", paramLabel = "OUT.json", description = "Also write the evaluation as JSON.")
    Path json;

    @Option(names = "--partitions", description = "Partitions to score in (default: as the data is read).")
    Integer partitions;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master when not run by spark-submit (default: local[*]).")
    String master;

    @Override
    public Integer call() {
        if (partitions != null && partitions < 1) {
            throw new UserError("--partitions " + partitions + ": must be >= 1");
        }
        SparkSessions.checkMasterOption(master);
        ScoringInput input = ScoringInput.resolve(model, data, dataOptions, true);
        if (json != null) {
            AtomicFiles.checkWritable(json, "--json");
        }
        Console console = Console.of(commandSpec.commandLine().getOut());
        console.println("convspark evaluate: model " + model + " (" + input.model().spec().name() + "), data "
                + input.data().source());
        try (SparkSessions.OpenSession session = SparkSessions.open("convspark evaluate", master)) {
            LoadedData loaded = input.load(session.spark());
            Scorer.Scored scored = new Scorer(JavaSparkContext.fromSparkContext(session.spark().sparkContext()),
                    input.model().spec(), input.model().params())
                    .score(ScoringInput.rows(loaded, session.spark(), partitions));
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
