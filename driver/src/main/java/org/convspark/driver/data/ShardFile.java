package org.convspark.driver.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The file of a shard kept on an executor's disk: samples of {@code sampleBytes} bytes, one after
 * the other, written and read with positional I/O, which any number of task threads may do at
 * once. Not memory-mapped on purpose: pages of a mapping a process has read count in its resident
 * set, which YARN's NodeManager checks against the container's memory, so mapped shards would be
 * charged to the executor they were moved out of; positional reads go through the page cache,
 * which the resident set does not count (a Kubernetes cgroup limit counts the page cache too, but
 * reclaims its clean pages under pressure).
 * The file is closed and deleted when its owner becomes unreachable (a shard Spark evicted or
 * dropped), and Spark removes its local directories with the application.
 */
final class ShardFile {
    private static final Cleaner CLEANER = Cleaner.create();
    /** A task thread's buffer for one sample (grown to the largest asked for). */
    private static final ThreadLocal<ByteBuffer> SCRATCH = ThreadLocal.withInitial(() -> ByteBuffer.allocate(0));

    private final Path path;
    private final int sampleBytes;
    private final Handle handle;

    /**
     * The open channel, replaced when a thread's interrupt closed it: Spark interrupts a task it
     * kills (a speculative copy, a cancelled job, a failed barrier round's other tasks), and an
     * interrupt during I/O closes a {@link FileChannel} for every thread. Shared with the Cleaner,
     * which closes whichever channel is current.
     */
    private static final class Handle {
        volatile FileChannel channel;
        volatile boolean deleted;
    }

    /** Creates (or empties) {@code path} for samples of {@code sampleBytes} bytes. */
    ShardFile(Path path, int sampleBytes) {
        this.path = path;
        this.sampleBytes = sampleBytes;
        this.handle = new Handle();
        try {
            handle.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
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
        Handle h = handle;
        Path p = path;
        CLEANER.register(owner, () -> delete(h, p));
    }

    /** Closes and deletes the file now. */
    void delete() {
        delete(handle, path);
    }

    private static void delete(Handle handle, Path path) {
        synchronized (handle) {
            handle.deleted = true;
            try {
                handle.channel.close();
                Files.deleteIfExists(path);
            } catch (IOException e) {
                // Spark removes its local directories with the application.
            }
        }
    }

    /** Opens the file again if {@code closed} is still the current channel (an interrupt closed it). */
    private void reopen(FileChannel closed, IOException cause) throws IOException {
        synchronized (handle) {
            if (handle.deleted) {
                throw cause;
            }
            if (handle.channel == closed) {
                handle.channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
            }
        }
    }

    /** One positional read or write on the current channel. */
    @FunctionalInterface
    private interface Transfer {
        int on(FileChannel channel) throws IOException;
    }

    /**
     * Runs {@code transfer} on the current channel; when another thread's interrupt closed it, on
     * the reopened one; when this thread's interrupt closed it, reopens it for the others and
     * throws (this thread's task is being killed).
     */
    private int retrying(Transfer transfer) throws IOException {
        while (true) {
            FileChannel channel = handle.channel;
            try {
                return transfer.on(channel);
            } catch (ClosedByInterruptException e) {
                reopen(channel, e);
                throw e;
            } catch (ClosedChannelException e) {
                reopen(channel, e);
            }
        }
    }

    /** Writes {@code bytes} (its remaining bytes: one sample) as sample {@code sample}. */
    void write(long sample, ByteBuffer bytes) {
        long start = sample * sampleBytes - bytes.position();
        try {
            while (bytes.hasRemaining()) {
                long at = start + bytes.position();
                retrying(channel -> channel.write(bytes, at));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the shard file " + path + " (the executor's local "
                    + "directories: spark.local.dir, or YARN's and Kubernetes' own): " + e.getMessage(), e);
        }
    }

    /** Sample {@code sample}'s bytes, in this thread's buffer (valid until its next read), little-endian. */
    ByteBuffer read(long sample) {
        ByteBuffer buffer = SCRATCH.get();
        if (buffer.capacity() < sampleBytes) {
            buffer = ByteBuffer.allocate(sampleBytes);
            SCRATCH.set(buffer);
        }
        ByteBuffer target = buffer.clear().limit(sampleBytes);
        long position = sample * sampleBytes;
        try {
            while (target.hasRemaining()) {
                if (retrying(channel -> channel.read(target, position + target.position())) < 0) {
                    throw new IOException("the file ends before sample " + sample);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shard file " + path + ": " + e.getMessage(), e);
        }
        return target.flip().order(ByteOrder.LITTLE_ENDIAN);
    }
}
