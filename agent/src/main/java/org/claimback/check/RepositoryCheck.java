package org.claimback.check;

import org.claimback.engine.Engine;
import org.claimback.outcome.ExitCode;

/** One restic check of the repository, reading the next subset of the data. */
public final class RepositoryCheck {
    private final Engine engine;

    private RepositoryCheck(Engine engine) {
        this.engine = engine;
    }

    public static RepositoryCheck of(Engine engine) {
        return new RepositoryCheck(engine);
    }

    /** Checks the repository, recorded as a {@code check} run; returns its outcome (FAILED when problems were found). */
    public ExitCode run(String trigger) {
        throw new UnsupportedOperationException("issue 5 groundwork: the check is being written");
    }
}
