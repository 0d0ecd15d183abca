package org.convspark.jobs.data;

import org.convspark.engine.UserInputException;

/**
 * Data that cannot be used: a file of the wrong format, a truncated file, counts that disagree,
 * images of mixed sizes, an empty folder. The message starts with the file or folder it is about,
 * and is meant to be shown to a user as one line (a {@link UserInputException}).
 */
public final class DataException extends UserInputException {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
