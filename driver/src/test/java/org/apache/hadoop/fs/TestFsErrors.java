package org.apache.hadoop.fs;

import java.io.IOException;

/**
 * Hadoop's {@link FSError} has a package-private constructor; its local file system throws one
 * around "No space left on device". The tests make one here to fail writes as a full disk does.
 */
public final class TestFsErrors {
    private TestFsErrors() {
    }

    public static FSError noSpaceLeft() {
        return new FSError(new IOException("No space left on device"));
    }
}
