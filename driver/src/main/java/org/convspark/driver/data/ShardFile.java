package org.convspark.driver.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The file of a shard kept on an executor's disk: samples of {@code sampleBytes} bytes, one after
 * the other, written and read with positional I/O, which any number of task threads may do at
 * once. Not memory-mapped on purpose: pages of a mapping a process has read count in its resident
 * memory, which YARN's and Kubernetes' memory limits measure, so mapped shards would be charged to
 * the executor they were moved out of; positional reads go through the page cache, which is not.
 * The file is closed and deleted when its owner becomes unreachable (a shard Spark evicted or
 * dropped), and Spark removes its local directories with the application.
 */
final class ShardFile {
    private static final Cleaner CLEANER = Cleaner.create();
    /** A task thread's buffer for one sample (grown to the largest asked for). */
    private static final ThreadLocal<ByteBuffer> SCRATCH = ThreadLocal.withInitial(() -> ByteBuffer.allocate(0));

    private final Path path;
    private final FileChannel channel;
    private final int sampleBytes;

    /** Creates (or empties) {@code path} for samples of {@code sampleBytes} bytes. */
    ShardFile(Path path, int sampleBytes) {
        this.path = path;
        this.sampleBytes = sampleBytes;
        try {
            this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the shard file " + path + ": " + e.getMessage(), e);
        }
    }

    Path path() {
        return path;
    }

    /** Closes and deletes the file once {@code owner} is unreachable. */
    void deleteWhenUnreachable(Object owner) {
        FileChannel c = channel;
        Path p = path;
        CLEANER.register(owner, () -> delete(c, p));
    }

    /** Closes and deletes the file now. */
    void delete() {
        delete(channel, path);
    }

    private static void delete(FileChannel channel, Path path) {
        try {
            channel.close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // Spark removes its local directories with the application.
        }
    }

    /** Writes {@code bytes} (its remaining bytes: one sample) as sample {@code sample}. */
    void write(long sample, ByteBuffer bytes) {
        long position = sample * sampleBytes;
        try {
            while (bytes.hasRemaining()) {
                position += channel.write(bytes, position);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the shard file " + path + " (spark.local.dir): "
                    + e.getMessage(), e);
        }
    }

    /** Sample {@code sample}'s bytes, in this thread's buffer (valid until its next read), little-endian. */
    ByteBuffer read(long sample) {
        ByteBuffer buffer = SCRATCH.get();
        if (buffer.capacity() < sampleBytes) {
            buffer = ByteBuffer.allocate(sampleBytes);
            SCRATCH.set(buffer);
        }
        buffer.clear().limit(sampleBytes);
        long position = sample * sampleBytes;
        try {
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, position + buffer.position());
                if (n < 0) {
                    throw new IOException("the file ends before sample " + sample);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shard file " + path + ": " + e.getMessage(), e);
        }
        return buffer.flip().order(ByteOrder.LITTLE_ENDIAN);
    }
}
