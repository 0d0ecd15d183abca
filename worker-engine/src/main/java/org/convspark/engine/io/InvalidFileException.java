package org.convspark.engine.io;

import org.convspark.engine.UserInputException;

/**
 * A file that exists but cannot be used: wrong magic or version, a header that does not fit the
 * file, a failed checksum, a truncated payload. The message starts with the file's name, so it can
 * be shown to a user as it is; {@link #file()} and {@link #problem()} give the two parts.
 *
 * <p>Unchecked, as every {@link UserInputException}: readers declare {@code IOException} only for
 * a file system that fails, so "the file is damaged" and "the disk is unreadable" stay apart.
 */
public final class InvalidFileException extends UserInputException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String problem;

    public InvalidFileException(String file, String problem) {
        this(file, problem, null);
    }

    /** With the library's exception that found the damage, kept for a log's stack trace. */
    public InvalidFileException(String file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
        this.problem = problem;
    }

    public String file() {
        return file;
    }

    public String problem() {
        return problem;
    }
}
