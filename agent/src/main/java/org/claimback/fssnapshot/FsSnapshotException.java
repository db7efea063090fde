package org.claimback.fssnapshot;

/**
 * A filesystem snapshot could not be found, made or removed. The message is one line saying what
 * is wrong and how to fix it.
 */
public final class FsSnapshotException extends Exception {
    private static final long serialVersionUID = 1L;

    public FsSnapshotException(String message) {
        super(message);
    }

    public FsSnapshotException(String message, Throwable cause) {
        super(message, cause);
    }
}
