package org.convspark.driver.checkpoint;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumException;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.convspark.engine.UserInputException;
import org.convspark.engine.io.InvalidFileException;
import org.convspark.engine.io.NamedArrays;
import org.convspark.engine.io.ParameterFile;
import org.convspark.engine.json.Json;
import org.convspark.engine.json.JsonException;
import org.convspark.engine.json.JsonObject;
import org.convspark.engine.json.JsonValue;
import org.convspark.engine.spec.ModelSpec;
import org.convspark.engine.spec.ModelSpecJson;

/**
 * Checkpoints in a directory of any Hadoop file system (local, HDFS, S3A): one sub-directory per
 * checkpoint, {@code step-000010/}, holding
 * <ul>
 *   <li>{@code spec.json}: the model spec;</li>
 *   <li>{@code state.bin}: parameters ({@code params}) and optimizer state ({@code optimizer.0},
 *       ...) in the engine's checksummed {@link ParameterFile} format;</li>
 *   <li>{@code meta.json}, written last: format, step, epoch, seed, the trainer config, and the
 *       length and CRC32 of the two other files.</li>
 * </ul>
 * A checkpoint is written under a temporary name and renamed into place, so a crash leaves the
 * previous checkpoints untouched. Reading verifies every length and checksum; {@link #latestValid}
 * skips (and reports) damaged checkpoints, which matters where rename is not atomic (S3A).
 */
public final class CheckpointStore {
    public static final String SPEC = "spec.json";
    public static final String STATE = "state.bin";
    public static final String META = "meta.json";
    static final int FORMAT = 1;
    public static final String PARAMS = "params";
    public static final String OPTIMIZER_PREFIX = "optimizer.";
    /** Bound on {@code spec.json} and {@code meta.json}: far above any real one, far below a heap. */
    static final long MAX_JSON_BYTES = 16L << 20;
    private static final Pattern NAME = Pattern.compile("step-(\\d{6,})");
    private static final Pattern UNFINISHED = Pattern.compile("\\.step-\\d{6,}\\.(tmp|old)-.*");

    private final Path dir;
    private final FileSystem fs;
    private Consumer<WriteStage> stageHook = stage -> { };

    /** The points of {@link #write} at which the interruption test freezes what is on disk. */
    public enum WriteStage { TEMP_CREATED, SPEC_WRITTEN, STATE_WRITTEN, META_WRITTEN, OLD_MOVED_ASIDE, RENAMED }

    /** A store in {@code dir}, which need not exist yet but must not be a file. */
    public CheckpointStore(String dir, Configuration hadoopConf) throws IOException {
        this.dir = new Path(dir);
        this.fs = this.dir.getFileSystem(hadoopConf);
        FileStatus status;
        try {
            status = fs.getFileStatus(this.dir);
        } catch (FileNotFoundException e) {
            return;
        }
        if (!status.isDirectory()) {
            throw new UserInputException("checkpoint_dir " + dir + ": exists and is not a directory");
        }
    }

    /** Test seam: {@code hook} is called as a write reaches each {@link WriteStage}. */
    public CheckpointStore onWriteStage(Consumer<WriteStage> hook) {
        this.stageHook = hook;
        return this;
    }

    /** Writes {@code checkpoint} atomically (temporary directory, then rename) and returns its directory. */
    public Path write(Checkpoint checkpoint) throws IOException {
        fs.mkdirs(dir);
        String name = Checkpoint.directoryName(checkpoint.step());
        Path tmp = new Path(dir, "." + name + ".tmp-" + UUID.randomUUID());
        Path target = new Path(dir, name);
        try {
            fs.mkdirs(tmp);
            stageHook.accept(WriteStage.TEMP_CREATED);
            byte[] spec = checkpoint.specJson().getBytes(StandardCharsets.UTF_8);
            writeFile(new Path(tmp, SPEC), spec);
            stageHook.accept(WriteStage.SPEC_WRITTEN);
            NamedArrays arrays = new NamedArrays().put(PARAMS, checkpoint.params());
            for (int i = 0; i < checkpoint.optimizerState().length; i++) {
                arrays.put(OPTIMIZER_PREFIX + i, checkpoint.optimizerState()[i]);
            }
            ByteArrayOutputStream stateOut = new ByteArrayOutputStream();
            ParameterFile.write(stateOut, arrays);
            byte[] state = stateOut.toByteArray();
            writeFile(new Path(tmp, STATE), state);
            stageHook.accept(WriteStage.STATE_WRITTEN);
            JsonObject meta = JsonObject.builder()
                    .put("format", FORMAT)
                    .put("step", checkpoint.step())
                    .put("epoch", checkpoint.epoch())
                    .put("seed", checkpoint.seed())
                    .put("optimizer_state_arrays", checkpoint.optimizerState().length)
                    .put("config", checkpoint.config())
                    .put("files", JsonObject.builder()
                            .put(SPEC, fileEntry(spec))
                            .put(STATE, fileEntry(state))
                            .build())
                    .build();
            writeFile(new Path(tmp, META), Json.pretty(meta).getBytes(StandardCharsets.UTF_8));
            stageHook.accept(WriteStage.META_WRITTEN);
            if (fs.exists(target)) {
                // A rerun of the same step (after a resume): the old one is moved aside, not deleted, so
                // a failed rename can put it back; a crash in between leaves the older checkpoints.
                Path old = new Path(dir, "." + name + ".old-" + UUID.randomUUID());
                rename(target, old);
                stageHook.accept(WriteStage.OLD_MOVED_ASIDE);
                try {
                    rename(tmp, target);
                } catch (IOException e) {
                    rename(old, target);
                    throw e;
                }
                fs.delete(old, true);
            } else {
                rename(tmp, target);
            }
            stageHook.accept(WriteStage.RENAMED);
            return target;
        } catch (FSError e) {
            // Hadoop's local file system reports a full disk as an Error around the IOException.
            throw e.getCause() instanceof IOException io ? new IOException(io.getMessage(), e)
                    : new IOException(String.valueOf(e.getCause()), e);
        } finally {
            if (fs.exists(tmp)) {
                fs.delete(tmp, true);
            }
        }
    }

    /**
     * The newest checkpoint that reads back intact, or empty when there is none. Each damaged one
     * that is skipped on the way, and each unfinished write left behind, is reported to {@code log}
     * (a line each) with the reason.
     */
    public Optional<Checkpoint> latestValid(Consumer<String> log) throws IOException {
        FileStatus[] listing = listing();
        for (FileStatus status : listing) {
            if (status.isDirectory() && UNFINISHED.matcher(status.getPath().getName()).matches()) {
                log.accept("ignoring " + status.getPath() + ", left by a checkpoint write that was interrupted");
            }
        }
        for (Path candidate : checkpointsNewestFirst(listing)) {
            try {
                return Optional.of(read(candidate));
            } catch (UserInputException e) {
                log.accept("skipping damaged checkpoint " + candidate + ": " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** Checkpoint directories, newest step first (temporary ones excluded). */
    public List<Path> checkpointsNewestFirst() throws IOException {
        return checkpointsNewestFirst(listing());
    }

    private static List<Path> checkpointsNewestFirst(FileStatus[] listing) {
        List<Path> found = new ArrayList<>();
        for (FileStatus status : listing) {
            if (status.isDirectory() && NAME.matcher(status.getPath().getName()).matches()) {
                found.add(status.getPath());
            }
        }
        found.sort(Comparator.comparingLong(CheckpointStore::stepOf).reversed());
        return found;
    }

    private FileStatus[] listing() throws IOException {
        try {
            return fs.listStatus(dir);
        } catch (FileNotFoundException e) {
            return new FileStatus[0];
        }
    }

    /**
     * Reads and verifies one checkpoint directory: the format and step in {@code meta.json}, the
     * length (before reading) and CRC32 of the files it lists, the spec (parsed), and that the
     * parameter and optimizer state arrays fit that spec. Anything damaged is a {@link
     * UserInputException} naming the file; {@code IOException} is left for a failing file system.
     */
    public Checkpoint read(Path checkpointDir) throws IOException {
        Path metaPath = new Path(checkpointDir, META);
        Path specPath = new Path(checkpointDir, SPEC);
        Path statePath = new Path(checkpointDir, STATE);
        try {
            JsonObject meta = Json.parse(new String(readFile(metaPath, length(metaPath, MAX_JSON_BYTES)),
                    StandardCharsets.UTF_8), metaPath.toString()).asObject();
            int format = meta.require("format").asInt();
            if (format != FORMAT) {
                throw new InvalidFileException(metaPath.toString(), "unsupported checkpoint format " + format
                        + " (this build reads " + FORMAT + ")");
            }
            long step = meta.require("step").asLong();
            if (step != stepOf(checkpointDir)) {
                throw new InvalidFileException(metaPath.toString(), "records step " + step + " but the directory is "
                        + checkpointDir.getName());
            }
            JsonObject files = meta.require("files").asObject();
            String specJson = new String(readVerified(specPath, files.require(SPEC).asObject(), MAX_JSON_BYTES),
                    StandardCharsets.UTF_8);
            ModelSpec spec = ModelSpecJson.parse(specJson, specPath.toString());
            NamedArrays arrays = readState(statePath, files.require(STATE).asObject());
            float[] params = parameters(arrays, spec, statePath);
            float[][] optimizerState = optimizerState(arrays, meta.require("optimizer_state_arrays").asInt(),
                    params.length, metaPath, statePath);
            return new Checkpoint(step, meta.require("epoch").asInt(), meta.require("seed").asLong(), specJson,
                    params, optimizerState, meta.require("config").asObject());
        } catch (JsonException e) {
            throw new InvalidFileException(e.location() == null ? metaPath.toString() : e.location().toString(),
                    e.problem());
        }
    }

    private static float[] parameters(NamedArrays arrays, ModelSpec spec, Path statePath) {
        if (!arrays.contains(PARAMS)) {
            throw new InvalidFileException(statePath.toString(), "holds no \"" + PARAMS + "\" array; present: "
                    + arrays.names());
        }
        float[] params = arrays.get(PARAMS);
        if (params.length != spec.parameterCount()) {
            throw new InvalidFileException(statePath.toString(), "holds " + params.length + " parameters, the model "
                    + "in " + SPEC + " has " + spec.parameterCount());
        }
        return params;
    }

    private static float[][] optimizerState(NamedArrays arrays, int count, int parameterCount, Path metaPath,
                                            Path statePath) {
        if (count < 0 || count >= arrays.size()) {
            throw new InvalidFileException(metaPath.toString(), "optimizer_state_arrays is " + count + ", "
                    + statePath + " holds " + arrays.size() + " arrays");
        }
        float[][] state = new float[count][];
        for (int i = 0; i < count; i++) {
            String name = OPTIMIZER_PREFIX + i;
            if (!arrays.contains(name)) {
                throw new InvalidFileException(statePath.toString(), "holds no \"" + name + "\" array; present: "
                        + arrays.names());
            }
            state[i] = arrays.get(name);
            // Empty before the optimizer's first step, one value per parameter after it.
            if (state[i].length != 0 && state[i].length != parameterCount) {
                throw new InvalidFileException(statePath.toString(), "array \"" + name + "\" holds " + state[i].length
                        + " values, expected 0 or one per parameter (" + parameterCount + ")");
            }
        }
        return state;
    }

    /** The state file, streamed through the parameter reader while its CRC32 is checked against {@code meta.json}. */
    private NamedArrays readState(Path path, JsonObject expected) throws IOException {
        long length = length(path, expected, Long.MAX_VALUE);
        CRC32 crc = new CRC32();
        NamedArrays arrays;
        try (FSDataInputStream raw = fs.open(path);
             CheckedInputStream in = new CheckedInputStream(new BufferedInputStream(raw, 1 << 16), crc)) {
            arrays = ParameterFile.read(in, length, path.toString(), ParameterFile.DEFAULT_MAX_ELEMENTS);
        } catch (ChecksumException e) {
            throw new InvalidFileException(path.toString(), "fails the file system's checksum: " + e.getMessage());
        }
        checkCrc(path, expected, crc.getValue());
        return arrays;
    }

    /** A whole listed file, its length checked against {@code meta.json} before anything is allocated. */
    private byte[] readVerified(Path path, JsonObject expected, long maxBytes) throws IOException {
        byte[] bytes = readFile(path, length(path, expected, maxBytes));
        checkCrc(path, expected, crc32(bytes));
        return bytes;
    }

    /** The file's length, which must be what {@code meta.json} records and at most {@code maxBytes}. */
    private long length(Path path, JsonObject expected, long maxBytes) throws IOException {
        long actual = length(path, maxBytes);
        long recorded = expected.require("bytes").asLong();
        if (actual != recorded) {
            throw new InvalidFileException(path.toString(), "is " + actual + " bytes, " + META + " records " + recorded
                    + " (truncated or replaced)");
        }
        return actual;
    }

    private static void checkCrc(Path path, JsonObject expected, long actual) {
        if (actual != expected.require("crc32").asLong()) {
            throw new InvalidFileException(path.toString(), "checksum differs from the one in " + META
                    + " (the file is damaged)");
        }
    }

    private static JsonValue fileEntry(byte[] bytes) {
        return JsonObject.builder().put("bytes", bytes.length).put("crc32", crc32(bytes)).build();
    }

    private static long crc32(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    private void writeFile(Path path, byte[] bytes) throws IOException {
        try (OutputStream out = fs.create(path, false)) {
            out.write(bytes);
        }
    }

    /** The length of an existing file of at most {@code maxBytes} (so a damaged listing cannot exhaust memory). */
    private long length(Path path, long maxBytes) throws IOException {
        FileStatus status;
        try {
            status = fs.getFileStatus(path);
        } catch (FileNotFoundException e) {
            throw new InvalidFileException(path.toString(), "is missing");
        }
        if (!status.isFile()) {
            throw new InvalidFileException(path.toString(), "is not a file");
        }
        if (status.getLen() > maxBytes) {
            throw new InvalidFileException(path.toString(), "is " + status.getLen() + " bytes, more than the "
                    + maxBytes + " such a checkpoint file can be");
        }
        return status.getLen();
    }

    private byte[] readFile(Path path, long length) throws IOException {
        byte[] bytes = new byte[(int) length];
        try (FSDataInputStream in = fs.open(path)) {
            in.readFully(0, bytes);
        } catch (java.io.EOFException e) {
            throw new InvalidFileException(path.toString(), "is shorter than its listed length " + length);
        } catch (ChecksumException e) {
            throw new InvalidFileException(path.toString(), "fails the file system's checksum: " + e.getMessage());
        }
        return bytes;
    }

    private void rename(Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("could not rename " + from + " to " + to);
        }
    }

    private static long stepOf(Path checkpointDir) {
        Matcher m = NAME.matcher(checkpointDir.getName());
        if (!m.matches()) {
            throw new IllegalArgumentException(checkpointDir + " is not a checkpoint directory (step-NNNNNN)");
        }
        return Long.parseLong(m.group(1));
    }

    @Override
    public String toString() {
        return dir.toString();
    }
}
