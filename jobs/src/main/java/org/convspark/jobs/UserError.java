package org.convspark.jobs;

import org.convspark.engine.UserInputException;

/**
 * Something the user gave is wrong (a missing file, an unwritable output, ...): the CLI prints
 * the message as one line and exits with {@link ConvsparkCli#EXIT_USER_ERROR}. The message
 * names the option or file and says what is wrong. The command line's own kind of the project's
 * {@link UserInputException}.
 */
public final class UserError extends UserInputException {
    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
