package org.claimback.offsite;

import java.util.ArrayList;
import java.util.List;
import org.claimback.config.RepositoryConfig;
import org.claimback.engine.Engine;
import org.claimback.outcome.UserError;

/**
 * Copies into every configured copy, or one, one after the other. Each copy is independent: one
 * that fails is recorded and reported, and the next one still runs.
 */
public final class OffsiteCopies {
    private final Engine engine;

    public OffsiteCopies(Engine engine) {
        this.engine = engine;
    }

    /** True when the config lists at least one copy. */
    public boolean configured() {
        return !engine.config().copies().isEmpty();
    }

    /**
     * Copies into the copy named {@code name}, or into all when it is null.
     *
     * @throws UserError (usage) when no copy is configured or none has that name; nothing ran then
     */
    public List<CopyOutcome> run(String name, String trigger) {
        List<RepositoryConfig> targets = targets(name);
        List<CopyOutcome> outcomes = new ArrayList<>();
        for (RepositoryConfig copy : targets) {
            if (Thread.currentThread().isInterrupted() || engine.stopSignal().stopping()) {
                break;
            }
            outcomes.add(new RepositoryCopy(engine, copy).run(trigger));
        }
        return outcomes;
    }

    private List<RepositoryConfig> targets(String name) {
        if (!configured()) {
            throw UserError.usage("no offsite copies in " + engine.config().file()
                    + ": add one under `copies:` (name, repository, passwordFile; optional repositoryEnvFile)");
        }
        if (name == null) {
            return engine.config().copies();
        }
        RepositoryConfig copy = engine.config().copy(name);
        if (copy == null) {
            engine.copyRestic(name); // throws the usage error naming the copies there are
        }
        return List.of(copy);
    }
}
