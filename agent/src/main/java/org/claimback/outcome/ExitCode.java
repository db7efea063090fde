package org.claimback.outcome;

/** The documented exit codes of {@code claimback}; the README's table is written from this. */
public enum ExitCode {
    /** Everything asked for was done. */
    OK(0),
    /** The operation failed (restic failed, a restore was incomplete, a lock was held). */
    FAILED(1),
    /** Bad usage, config, catalogue or setup (wrong password, missing repository, no restic): fix the input. */
    USAGE(2),
    /** restic saved a snapshot but could not read some files (restic exit 3): the backup is partial. */
    PARTIAL(3);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The more serious of two outcomes: USAGE and FAILED outrank PARTIAL, which outranks OK. */
    public static ExitCode worst(ExitCode a, ExitCode b) {
        return a.severity() >= b.severity() ? a : b;
    }

    private int severity() {
        return switch (this) {
            case OK -> 0;
            case PARTIAL -> 1;
            case FAILED -> 2;
            case USAGE -> 3;
        };
    }
}
