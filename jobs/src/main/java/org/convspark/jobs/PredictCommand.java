package org.convspark.jobs;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.convspark.jobs.data.LoadedData;
import org.convspark.jobs.score.Scorer;
import org.convspark.jobs.spark.SparkSessions;
import org.convspark.jobs.terminal.Console;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code convspark predict --model MODEL_DIR --data PATH --output OUT}: batch scoring to Parquet,
 * one row per sample: its id ({@code path} for image folders, {@code id} otherwise: the id
 * column or row number of a Parquet table, the sample index of IDX and CIFAR-10 files), the true
 * {@code label} when the data has one (else null), the {@code prediction} (class index), its
 * {@code predicted_class} name and the {@code probabilities} of every class. The table is
 * written beside OUT and renamed into place, so OUT is never half-written.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score data with a trained model and write the predictions to Parquet."})
final class PredictCommand implements Callable<Integer> {
    @Spec
    private CommandSpec commandSpec;

    @Mixin
    ScoringOptions scoring;

    @Option(names = "--output", required = true, paramLabel = "OUT",
            description = "Where to write the predictions (a Parquet directory; any Hadoop file system).")
    String output;

    @Option(names = "--overwrite", description = "Replace an existing OUT (only once the new table is complete).")
    boolean overwrite;

    @Override
    public Integer call() {
        ScoringInput input = scoring.resolve(false);
        OutputSwap swap = OutputSwap.check(output, overwrite, new org.apache.hadoop.conf.Configuration());
        Console console = Console.of(commandSpec.commandLine().getOut());
        try (SparkSessions.OpenSession session = scoring.open("predict", input, console)) {
            SparkSession spark = session.spark();
            LoadedData loaded = input.load(spark);
            Scorer.Scored scored = scoring.score(input, loaded, spark);
            long rows;
            try {
                Dataset<Row> predictions = scored.rows().select(col(loaded.idColumn()), col("label"),
                        col(Scorer.PREDICTION),
                        element_at(array(input.model().classNames().stream().map(functions::lit)
                                .toArray(Column[]::new)), col(Scorer.PREDICTION).plus(lit(1))).as("predicted_class"),
                        col(Scorer.PROBABILITIES));
                rows = swap.write(predictions, spark);
            } finally {
                scored.release();
                loaded.release();
            }
            console.println("data: " + loaded);
            console.println("wrote " + rows + " predictions to " + output);
        }
        return ConvsparkCli.EXIT_OK;
    }

    /** Writes a table to a temporary sibling of the output, then renames it into place. */
    private record OutputSwap(String display, Path target, FileSystem fs, boolean overwrite) {
        static OutputSwap check(String output, boolean overwrite, org.apache.hadoop.conf.Configuration conf) {
            try {
                Path target = new Path(output);
                FileSystem fs = target.getFileSystem(conf);
                if (fs.exists(target) && !overwrite) {
                    throw new UserError("--output " + output + ": already exists; choose a new path or add --overwrite");
                }
                Path parent = fs.makeQualified(target).getParent();
                if (parent != null && !fs.exists(parent)) {
                    throw new UserError("--output " + output + ": directory " + parent + " does not exist");
                }
                return new OutputSwap(output, target, fs, overwrite);
            } catch (UserError e) {
                throw e;
            } catch (IOException | IllegalArgumentException e) {
                throw new UserError("--output " + output + ": " + e.getMessage(), e);
            }
        }

        long write(Dataset<Row> table, SparkSession spark) {
            // Not a hidden name: Spark's readers skip paths starting with '.' or '_'.
            Path tmp = new Path(fs.makeQualified(target).getParent(), target.getName() + ".tmp-" + UUID.randomUUID());
            try {
                table.write().parquet(tmp.toString());
                long rows = spark.read().parquet(tmp.toString()).count();
                if (fs.exists(target)) {
                    Path old = new Path(tmp.getParent(), target.getName() + ".old-" + UUID.randomUUID());
                    rename(target, old);
                    try {
                        rename(tmp, target);
                    } catch (IOException e) {
                        // Nothing already written is lost: the previous predictions go back in place.
                        rename(old, target);
                        throw e;
                    }
                    fs.delete(old, true);
                } else {
                    rename(tmp, target);
                }
                return rows;
            } catch (IOException e) {
                throw new UserError("--output " + display + ": cannot write: " + e.getMessage(), e);
            } catch (Exception | FSError e) { // SparkException is checked, yet Scala code throws it undeclared
                throw writeFailure(e);
            } finally {
                try {
                    if (fs.exists(tmp)) {
                        fs.delete(tmp, true);
                    }
                } catch (IOException e) {
                    // The failure that matters was already raised; a stray temporary directory remains.
                }
            }
        }

        /**
         * A write that failed on the output's file system (a full disk: Hadoop's local file system
         * throws an {@code FSError}, which Spark wraps in its {@code TASK_WRITE_FAILED} error) as one
         * line naming the output. The write job also runs the scoring and reads the input, so only a
         * failure Spark reports as writing rows, or an {@code FSError}, is the output's; a user
         * error of the data, or anything else, passes as it is.
         */
        private RuntimeException writeFailure(Throwable e) {
            if (ErrorReporter.userCause(e) == null) {
                boolean writing = false;
                for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                    writing |= String.valueOf(t.getMessage()).contains("TASK_WRITE_FAILED");
                    if (t instanceof FSError || writing && t instanceof IOException) {
                        Throwable reason = t instanceof FSError && t.getCause() != null ? t.getCause() : t;
                        String why = reason.getMessage() == null ? reason.getClass().getSimpleName()
                                : reason.getMessage();
                        return new UserError("--output " + display + ": cannot write: " + why, e);
                    }
                }
            }
            if (e instanceof RuntimeException r) {
                return r;
            }
            if (e instanceof Error error) {
                throw error;
            }
            return new IllegalStateException("writing the predictions failed: " + e.getMessage(), e);
        }

        private void rename(Path from, Path to) throws IOException {
            if (!fs.rename(from, to)) {
                throw new IOException("cannot rename " + from + " to " + to);
            }
        }
    }
}
