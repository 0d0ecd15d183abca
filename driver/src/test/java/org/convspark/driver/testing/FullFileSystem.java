package org.convspark.driver.testing;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.TestFsErrors;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * The local file system under the scheme {@code full:} with room for {@link #room} more bytes:
 * a write past it fails as Hadoop's local file system fails on a full disk, with an {@code
 * FSError} (an {@code Error}, not an {@code IOException}) around "No space left on device".
 * Register with {@code fs.full.impl} and {@code fs.full.impl.disable.cache=true}.
 */
public final class FullFileSystem extends RawLocalFileSystem {
    public static final AtomicLong room = new AtomicLong(Long.MAX_VALUE);

    @Override
    public URI getUri() {
        return URI.create("full:///");
    }

    @Override
    public String getScheme() {
        return "full";
    }

    @Override
    public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize,
                                     short replication, long blockSize, Progressable progress) throws IOException {
        return limited(super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress));
    }

    @Override
    public FSDataOutputStream create(Path f, boolean overwrite, int bufferSize, short replication, long blockSize,
                                     Progressable progress) throws IOException {
        return limited(super.create(f, overwrite, bufferSize, replication, blockSize, progress));
    }

    private FSDataOutputStream limited(FSDataOutputStream out) throws IOException {
        return new FSDataOutputStream(new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                take(1);
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                take(len);
                out.write(b, off, len);
            }
        }, null);
    }

    private static void take(long bytes) {
        if (room.addAndGet(-bytes) < 0) {
            throw TestFsErrors.noSpaceLeft();
        }
    }
}
