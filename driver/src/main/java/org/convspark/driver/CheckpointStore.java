package org.convspark.driver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumException;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.convspark.engine.io.InvalidFileException;
import org.convspark.engine.io.NamedArrays;
import org.convspark.engine.io.ParameterFile;
import org.convspark.engine.json.Json;
import org.convspark.engine.json.JsonObject;
import org.convspark.engine.json.JsonValue;

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
    static final String SPEC = "spec.json";
    static final String STATE = "state.bin";
    static final String META = "meta.json";
    static final int FORMAT = 1;
    private static final Pattern NAME = Pattern.compile("step-(\\d{6,})");

    private final Path dir;
    private final FileSystem fs;

    public CheckpointStore(String dir, Configuration hadoopConf) throws IOException {
        this.dir = new Path(dir);
        this.fs = this.dir.getFileSystem(hadoopConf);
    }

    /** Writes {@code checkpoint} atomically (temporary directory, then rename) and returns its directory. */
    public Path write(Checkpoint checkpoint) throws IOException {
        fs.mkdirs(dir);
        String name = Checkpoint.directoryName(checkpoint.step());
        Path tmp = new Path(dir, "." + name + ".tmp-" + UUID.randomUUID());
        Path target = new Path(dir, name);
        try {
            fs.mkdirs(tmp);
            byte[] spec = checkpoint.specJson().getBytes(StandardCharsets.UTF_8);
            writeFile(new Path(tmp, SPEC), spec);
            NamedArrays arrays = new NamedArrays().put("params", checkpoint.params());
            for (int i = 0; i < checkpoint.optimizerState().length; i++) {
                arrays.put("optimizer." + i, checkpoint.optimizerState()[i]);
            }
            ByteArrayOutputStream state = new ByteArrayOutputStream();
            ParameterFile.write(state, arrays);
            writeFile(new Path(tmp, STATE), state.toByteArray());
            JsonObject meta = JsonObject.builder()
                    .put("format", FORMAT)
                    .put("step", checkpoint.step())
                    .put("epoch", checkpoint.epoch())
                    .put("seed", checkpoint.seed())
                    .put("optimizer_state_arrays", checkpoint.optimizerState().length)
                    .put("config", checkpoint.config())
                    .put("files", JsonObject.builder()
                            .put(SPEC, fileEntry(spec))
                            .put(STATE, fileEntry(state.toByteArray()))
                            .build())
                    .build();
            writeFile(new Path(tmp, META), Json.pretty(meta).getBytes(StandardCharsets.UTF_8));
            if (fs.exists(target)) {
                // A rerun of the same step: move the old one aside so a checkpoint exists at every moment.
                Path old = new Path(dir, "." + name + ".old-" + UUID.randomUUID());
                rename(target, old);
                rename(tmp, target);
                fs.delete(old, true);
            } else {
                rename(tmp, target);
            }
            return target;
        } finally {
            if (fs.exists(tmp)) {
                fs.delete(tmp, true);
            }
        }
    }

    /**
     * The newest checkpoint that reads back intact, or empty when there is none. Each damaged one
     * that is skipped on the way is reported to {@code log} with the reason.
     */
    public Optional<Checkpoint> latestValid(TrainingLog log) throws IOException {
        for (Path candidate : checkpointsNewestFirst()) {
            try {
                return Optional.of(read(candidate));
            } catch (InvalidFileException e) {
                log.info("skipping damaged checkpoint " + candidate + ": " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** Checkpoint directories, newest step first (temporary ones excluded). */
    public List<Path> checkpointsNewestFirst() throws IOException {
        List<Path> found = new ArrayList<>();
        if (!fs.exists(dir)) {
            return found;
        }
        for (FileStatus status : fs.listStatus(dir)) {
            if (status.isDirectory() && NAME.matcher(status.getPath().getName()).matches()) {
                found.add(status.getPath());
            }
        }
        found.sort(Comparator.comparingLong(CheckpointStore::stepOf).reversed());
        return found;
    }

    /** Reads and verifies one checkpoint directory. */
    public Checkpoint read(Path checkpointDir) throws IOException {
        Path metaPath = new Path(checkpointDir, META);
        JsonObject meta;
        try {
            meta = Json.parse(new String(readFile(metaPath), StandardCharsets.UTF_8), metaPath.toString()).asObject();
            if (meta.require("format").asInt() != FORMAT) {
                throw new InvalidFileException(metaPath.toString(), "unsupported checkpoint format "
                        + meta.require("format").asInt() + " (this build reads " + FORMAT + ")");
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidFileException(metaPath.toString(), e.getMessage());
        }
        try {
            JsonObject files = meta.require("files").asObject();
            byte[] spec = readVerified(checkpointDir, SPEC, files);
            Path statePath = new Path(checkpointDir, STATE);
            byte[] stateBytes = readVerified(checkpointDir, STATE, files);
            NamedArrays arrays = ParameterFile.read(new java.io.ByteArrayInputStream(stateBytes), stateBytes.length,
                    statePath.toString(), ParameterFile.DEFAULT_MAX_ELEMENTS);
            int stateArrays = meta.require("optimizer_state_arrays").asInt();
            if (stateArrays < 0 || stateArrays >= arrays.size()) {
                throw new InvalidFileException(metaPath.toString(), "optimizer_state_arrays is " + stateArrays + ", "
                        + statePath + " holds " + arrays.size() + " arrays");
            }
            float[][] optimizerState = new float[stateArrays][];
            for (int i = 0; i < stateArrays; i++) {
                optimizerState[i] = arrays.get("optimizer." + i);
            }
            long step = meta.require("step").asLong();
            if (step != stepOf(checkpointDir)) {
                throw new InvalidFileException(metaPath.toString(), "records step " + step + " but the directory is "
                        + checkpointDir.getName());
            }
            return new Checkpoint(step, meta.require("epoch").asInt(), meta.require("seed").asLong(),
                    new String(spec, StandardCharsets.UTF_8), arrays.get("params"), optimizerState,
                    meta.require("config").asObject());
        } catch (IllegalArgumentException e) {
            throw new InvalidFileException(metaPath.toString(), e.getMessage());
        }
    }

    private byte[] readVerified(Path checkpointDir, String name, JsonObject files) throws IOException {
        JsonObject expected = files.require(name).asObject();
        Path path = new Path(checkpointDir, name);
        byte[] bytes = readFile(path);
        if (bytes.length != expected.require("bytes").asLong()) {
            throw new InvalidFileException(path.toString(), "is " + bytes.length + " bytes, "
                    + META + " records " + expected.require("bytes").asLong() + " (truncated or replaced)");
        }
        if (crc32(bytes) != expected.require("crc32").asLong()) {
            throw new InvalidFileException(path.toString(), "checksum differs from the one in " + META
                    + " (the file is damaged)");
        }
        return bytes;
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

    /** Reads a whole file, refusing one larger than a checkpoint can be (so a damaged listing cannot exhaust memory). */
    private byte[] readFile(Path path) throws IOException {
        if (!fs.exists(path)) {
            throw new InvalidFileException(path.toString(), "is missing");
        }
        long length = fs.getFileStatus(path).getLen();
        if (length > Integer.MAX_VALUE - 8) {
            throw new InvalidFileException(path.toString(), "is " + length + " bytes, larger than any checkpoint file");
        }
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
