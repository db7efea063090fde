package org.claimback.sqlite;

/** A database could not be copied consistently; the message is one line naming the database and why. */
public final class SqliteCopyException extends Exception {
    private static final long serialVersionUID = 1L;

    public SqliteCopyException(String message, Throwable cause) {
        super(message, cause);
    }
}
