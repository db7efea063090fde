package org.claimback.retention;

import org.claimback.engine.Engine;
import org.claimback.outcome.ExitCode;

/** restic prune of the whole repository: frees the data retention forgot. */
public final class Prune {
    private final Engine engine;

    private Prune(Engine engine) {
        this.engine = engine;
    }

    public static Prune of(Engine engine) {
        return new Prune(engine);
    }

    /** Prunes the repository, recorded as a {@code prune} run; returns its outcome. */
    public ExitCode run(String trigger) {
        throw new UnsupportedOperationException("issue 5 groundwork: prune is being written");
    }
}
