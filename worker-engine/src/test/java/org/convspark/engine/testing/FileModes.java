package org.convspark.engine.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Checks that a file the project wrote for the user has the mode any new file gets (0666 less the
 * umask, 0644 under the usual 022), not a private 0600. POSIX only: elsewhere the calling test is
 * skipped with the reason.
 */
public final class FileModes {
    private FileModes() {
    }

    public static void assertUmaskDefault(Path file) throws IOException {
        assumeTrue(Files.getFileAttributeView(file, PosixFileAttributeView.class) != null,
                "file modes are POSIX-only; " + file.getFileSystem() + " has none");
        assertEquals(PosixFilePermissions.toString(umaskDefault()),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), "mode of " + file);
    }

    /** The mode of a file created with no explicit permissions, which is what the umask leaves of 0666. */
    private static Set<PosixFilePermission> umaskDefault() throws IOException {
        Path dir = Files.createTempDirectory("umask");
        try {
            Path reference = Files.createFile(dir.resolve("reference"));
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(reference);
            Files.delete(reference);
            return mode;
        } finally {
            Files.delete(dir);
        }
    }
}
