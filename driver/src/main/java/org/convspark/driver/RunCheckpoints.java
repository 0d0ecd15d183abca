package org.convspark.driver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.convspark.driver.checkpoint.Checkpoint;
import org.convspark.driver.checkpoint.CheckpointStore;
import org.convspark.driver.data.BatchSchedule;
import org.convspark.engine.UserInputException;
import org.convspark.engine.model.Network;
import org.convspark.engine.optim.Optimizer;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.spec.ModelSpecJson;

/**
 * One run's checkpoints: the one it resumes from (checked against its model, seed and
 * optimizer), one written every {@code checkpointEvery} steps and at the end, and what a run that
 * diverged has kept. Without a {@code checkpoint_dir} it writes nothing and says so.
 */
final class RunCheckpoints {
    private final CheckpointStore store;
    private final TrainerConfig config;
    private final ModelSpec spec;
    private final String specJson;
    private final TrainingLog log;
    /** The step of the newest checkpoint written or resumed from; 0 before any. */
    private long last;

    private RunCheckpoints(CheckpointStore store, TrainerConfig config, ModelSpec spec, String specJson,
                           TrainingLog log) {
        this.store = store;
        this.config = config;
        this.spec = spec;
        this.specJson = specJson;
        this.log = log;
    }

    static RunCheckpoints open(TrainerConfig config, ModelSpec spec, String specJson, Configuration hadoop,
                               TrainingLog log) {
        CheckpointStore store = null;
        if (config.checkpointDir() != null) {
            try {
                store = new CheckpointStore(config.checkpointDir(), hadoop);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open checkpoint_dir " + config.checkpointDir(), e);
            }
        }
        return new RunCheckpoints(store, config, spec, specJson, log);
    }

    /**
     * The checkpoint to continue from, its optimizer state already restored into {@code
     * optimizer}, or empty to start at step 0. Refuses to start afresh over existing checkpoints
     * (they would be overwritten) and to resume from another model's, seed's or optimizer's.
     */
    Optional<Checkpoint> start(Network network, Optimizer optimizer) {
        List<Path> existing = store == null ? List.of() : existing();
        if (!config.resume() && !existing.isEmpty()) {
            throw new UserInputException("checkpoint_dir " + store + " already holds checkpoints ("
                    + existing.get(0).getName() + "); resume from them or choose an empty directory");
        }
        if (!config.resume()) {
            return Optional.empty();
        }
        Optional<Checkpoint> checkpoint = latest();
        if (checkpoint.isPresent()) {
            Checkpoint c = checkpoint.get();
            checkResumable(c, network, optimizer);
            last = c.step();
            log.info("resuming from checkpoint " + Checkpoint.directoryName(c.step()) + " in " + store + " at step "
                    + c.step() + " (epoch " + (c.epoch() + 1) + ")");
        } else if (!existing.isEmpty()) {
            // Starting afresh would overwrite them: a damaged directory is for the user to look at.
            throw new UserInputException("resume: none of the " + existing.size() + " checkpoints in "
                    + store + " is valid (newest " + damage(existing.get(0)) + "); remove them "
                    + "or choose another checkpoint_dir to start afresh");
        } else {
            log.info("no checkpoint in " + store + " yet; starting from step 0");
        }
        return checkpoint;
    }

    /** The first step after {@code step} at which a checkpoint is due; {@code Long.MAX_VALUE} if none ever is. */
    long nextDue(long step) {
        int every = config.checkpointEvery();
        return store != null && every > 0 ? (step / every + 1) * every : Long.MAX_VALUE;
    }

    /** Writes a checkpoint at {@code step} when one fell due since {@code before} (a round may cover several steps). */
    void afterSteps(long before, long step, BatchSchedule schedule, float[] params, Optimizer optimizer) {
        if (nextDue(before) <= step) {
            write(step, schedule, params, optimizer);
        }
    }

    /** The run's last checkpoint, unless the last step's is already written. */
    void atEnd(long step, BatchSchedule schedule, float[] params, Optimizer optimizer) {
        if (store != null && last != step) {
            write(step, schedule, params, optimizer);
        }
    }

    /** What a diverged run kept and what to change, for the end of its message. */
    String divergenceNote() {
        String kept = store == null ? "no checkpoint_dir was set, nothing was saved"
                : last == 0 ? "no checkpoint had been written yet in " + store
                : "the newest checkpoint, " + Checkpoint.directoryName(last) + " in " + store
                        + ", holds the last good parameters (resume from it)";
        return kept + "; lower the learning rate, add warm-up or gradient clipping";
    }

    private void write(long step, BatchSchedule schedule, float[] params, Optimizer optimizer) {
        Checkpoint checkpoint = new Checkpoint(step, schedule.epochOf(step), config.seed(), specJson, params.clone(),
                optimizer.state(), config.toJson());
        try {
            log.info("checkpoint " + store.write(checkpoint));
        } catch (IOException e) {
            // A full disk or a failing file system: nothing written is lost, and the user needs to
            // know what to resume from.
            throw new UserInputException("cannot write checkpoint " + Checkpoint.directoryName(step) + " to " + store
                    + ": " + e.getMessage() + "; " + (last == 0 ? "no checkpoint of this run was complete yet"
                    : "the last complete one is " + Checkpoint.directoryName(last) + " (--resume continues from it)"),
                    e);
        }
        last = step;
    }

    private List<Path> existing() {
        try {
            return store.checkpointsNewestFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list checkpoints in " + store, e);
        }
    }

    private Optional<Checkpoint> latest() {
        try {
            return store.latestValid(log::info);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list checkpoints in " + store, e);
        }
    }

    /** Why {@code checkpoint} cannot be read. */
    private String damage(Path checkpoint) {
        try {
            store.read(checkpoint);
            return checkpoint.getName() + ": readable now";
        } catch (UserInputException e) {
            return checkpoint.getName() + ": " + e.getMessage();
        } catch (IOException e) {
            return checkpoint.getName() + ": unreadable: " + e.getMessage();
        }
    }

    /** Refuses a checkpoint of another model, seed or optimizer, and restores the optimizer's state from it. */
    private void checkResumable(Checkpoint c, Network network, Optimizer optimizer) {
        String saved = ModelSpecJson.toJson(ModelSpecJson.parse(c.specJson(), "checkpoint spec.json"));
        if (!saved.equals(specJson)) {
            throw new UserInputException("checkpoint " + Checkpoint.directoryName(c.step())
                    + " is of a different model spec than this run's " + spec.name());
        }
        if (c.seed() != config.seed()) {
            throw new UserInputException("checkpoint " + Checkpoint.directoryName(c.step()) + " used seed "
                    + c.seed() + ", this run uses " + config.seed() + "; resume with the same seed");
        }
        if (c.params().length != network.parameterCount()) {
            throw new UserInputException("checkpoint " + Checkpoint.directoryName(c.step()) + " has "
                    + c.params().length + " parameters, the model has " + network.parameterCount());
        }
        try {
            optimizer.restoreState(c.optimizerState());
        } catch (IllegalArgumentException e) {
            throw new UserInputException("checkpoint " + Checkpoint.directoryName(c.step()) + " holds the state of "
                    + "another optimizer than this run's " + optimizer + " (" + e.getMessage() + "); resume with "
                    + "the optimizer it was written with", e);
        }
    }
}
