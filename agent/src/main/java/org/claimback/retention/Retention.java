package org.claimback.retention;

import org.claimback.engine.Engine;
import org.claimback.outcome.ExitCode;

/** restic forget for every claim with snapshots, one at a time, by each claim's policy. */
public final class Retention {
    private final Engine engine;

    private Retention(Engine engine) {
        this.engine = engine;
    }

    public static Retention of(Engine engine) {
        return new Retention(engine);
    }

    /** Applies retention to every claim (and the catalogue copies); returns the worst outcome. */
    public ExitCode runAll(String trigger) {
        throw new UnsupportedOperationException("issue 5 groundwork: retention is being written");
    }
}
