package org.claimback.locks;

/** A volume is being backed up by another run (this process or another) and the wait ran out. */
public final class VolumeBusyException extends RuntimeException {
    public VolumeBusyException(String message) {
        super(message);
    }
}
