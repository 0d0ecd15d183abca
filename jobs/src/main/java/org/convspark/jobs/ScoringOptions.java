package org.convspark.jobs;

import java.nio.file.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.convspark.jobs.data.LoadedData;
import org.convspark.jobs.score.Scorer;
import org.convspark.jobs.spark.SparkSessions;
import org.convspark.jobs.terminal.Console;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options evaluate and predict share (a picocli mixin): the model, the data, where to run. */
final class ScoringOptions {
    @Option(names = "--model", required = true, paramLabel = "MODEL_DIR",
            description = "A model directory written by train --output.")
    Path model;

    @Option(names = "--data", paramLabel = "PATH",
            description = "Data to score (a directory stands for its test split; default: the embedded test digits).")
    String data;

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--partitions", paramLabel = "P", description = "Partitions to score in (default: as the data is read).")
    Integer partitions;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master when not run by spark-submit (default: local[*]).")
    String master;

    /** Checks the options and reads the model, before Spark starts; {@code labelled}: labels are required. */
    ScoringInput resolve(boolean labelled) {
        if (partitions != null && partitions < 1) {
            throw new UserError("--partitions " + partitions + ": must be >= 1");
        }
        SparkSessions.checkMasterOption(master);
        return ScoringInput.resolve(model, data, dataOptions, labelled);
    }

    /** Prints what is scored and opens the session. */
    SparkSessions.OpenSession open(String command, ScoringInput input, Console console) {
        console.println("convspark " + command + ": model " + model + " (" + input.model().spec().name() + "), data "
                + input.data().source());
        return SparkSessions.open("convspark " + command, master);
    }

    /**
     * The model's scores of {@code loaded}, in {@code --partitions} partitions (otherwise as the
     * data comes, no shuffle); release them when done.
     */
    Scorer.Scored score(ScoringInput input, LoadedData loaded, SparkSession spark) {
        Dataset<Row> rows = loaded.frame(spark);
        if (partitions != null) {
            rows = rows.repartition(partitions);
        }
        return new Scorer(JavaSparkContext.fromSparkContext(spark.sparkContext()), input.model().spec(),
                input.model().params()).score(rows);
    }
}
