package org.claimback.retention;

import java.time.Instant;
import org.claimback.engine.Engine;
import org.claimback.locks.RepositoryGate;
import org.claimback.notify.Notification;
import org.claimback.outcome.ExitCode;
import org.claimback.outcome.Failures;
import org.claimback.repository.StaleLocks;
import org.claimback.restic.PruneResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** restic prune of the whole repository: frees the data retention forgot. */
public final class Prune {
    private static final Logger LOG = LoggerFactory.getLogger(Prune.class);

    private final Engine engine;

    private Prune(Engine engine) {
        this.engine = engine;
    }

    public static Prune of(Engine engine) {
        return new Prune(engine);
    }

    /**
     * Prunes the repository, recorded as a {@code prune} run (no claim) whose detail holds
     * restic's closing figures; returns its outcome. A failure is notified.
     */
    public ExitCode run(String trigger) {
        long runId = engine.catalog().startRun("prune", null, null, engine.config().host(), trigger, now());
        StaleLocks locks = new StaleLocks(engine.restic(), engine.config().agent().lockWait());
        try (RepositoryGate.Permit ignored = engine.repositoryGate().exclusive("prune")) {
            PruneResult result = locks.around("prune", () -> engine.restic().prune());
            String detail = String.join("\n", result.figures());
            LOG.info("prune done{}", detail.isEmpty() ? "" : ": " + String.join("; ", result.figures()));
            if (!detail.isEmpty()) {
                engine.catalog().recordRunDetail(runId, detail);
            }
            engine.catalog().finishRun(runId, "ok", null, null, now());
            return ExitCode.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(runId, "prune was stopped before it began");
        } catch (RuntimeException e) {
            return failed(runId, "prune failed: " + Failures.message(e));
        }
    }

    private ExitCode failed(long runId, String message) {
        LOG.error(message);
        engine.catalog().finishRun(runId, "failed", message, null, now());
        engine.notifier().publish(new Notification("failure", Notification.JOB, "prune", null, "failed", message, runId, now()));
        return ExitCode.FAILED;
    }

    private Instant now() {
        return engine.clock().instant();
    }
}
