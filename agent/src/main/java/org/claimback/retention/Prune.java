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
     * Prunes the repository, then each offsite copy (what copy retention forgot there), each
     * recorded as a {@code prune} run (no claim) whose detail holds restic's closing figures (a
     * copy's starts with {@code copy NAME}); returns the worst outcome. A failure is notified and
     * does not stop the copies' prunes.
     */
    public ExitCode run(String trigger) {
        ExitCode worst = prune(null, engine.restic(), trigger);
        for (var copy : engine.config().copies()) {
            if (engine.stopSignal().stopping()) {
                break;
            }
            worst = ExitCode.worst(worst, prune(copy.name(), engine.copyRestic(copy.name()), trigger));
        }
        return worst;
    }

    private ExitCode prune(String copy, org.claimback.restic.Restic restic, String trigger) {
        String what = copy == null ? "prune" : "prune of copy " + copy;
        long runId = engine.catalog().startRun("prune", null, null, engine.config().host(), trigger, now());
        StaleLocks locks = new StaleLocks(restic, engine.config().agent().lockWait());
        try (RepositoryGate.Permit ignored = engine.repositoryGate().exclusive(what)) {
            PruneResult result = locks.around(what, () -> restic.prune());
            String detail = (copy == null ? "" : "copy " + copy + (result.figures().isEmpty() ? "" : "\n"))
                    + String.join("\n", result.figures());
            LOG.info("{} done{}", what, result.figures().isEmpty() ? "" : ": " + String.join("; ", result.figures()));
            if (!detail.isEmpty()) {
                engine.catalog().recordRunDetail(runId, detail);
            }
            engine.catalog().finishRun(runId, "ok", null, null, now());
            return ExitCode.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(runId, what + " was stopped before it began");
        } catch (RuntimeException e) {
            return failed(runId, what + " failed: " + Failures.message(e));
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
