package org.claimback.check;

import java.time.Instant;
import java.util.List;
import org.claimback.catalog.RunRecord;
import org.claimback.engine.Engine;
import org.claimback.locks.RepositoryGate;
import org.claimback.notify.Notification;
import org.claimback.outcome.ExitCode;
import org.claimback.outcome.Failures;
import org.claimback.repository.StaleLocks;
import org.claimback.restic.CheckResult;
import org.claimback.restic.Restic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One restic check of the repository, reading the next subset of the data: with
 * {@code check.readDataSubsets} = N, the n-th check reads {@code --read-data-subset n/N}, n being
 * the number of earlier finished checks modulo N, plus 1, so N checks read every pack once. N = 0
 * checks the structure only.
 */
public final class RepositoryCheck {
    private static final Logger LOG = LoggerFactory.getLogger(RepositoryCheck.class);
    /** At most this many error lines are stored in a run's detail. */
    static final int DETAIL_LINES = 50;

    private final Engine engine;

    private RepositoryCheck(Engine engine) {
        this.engine = engine;
    }

    public static RepositoryCheck of(Engine engine) {
        return new RepositoryCheck(engine);
    }

    /** The subset the next check reads by the rotation, or null when the config reads none. */
    public String nextSubset() {
        int n = engine.config().check().readDataSubsets();
        if (n <= 0) {
            return null;
        }
        long earlier = engine.catalog().runsOfKind("check", null, Integer.MAX_VALUE).stream()
                .filter(r -> !"running".equals(r.state())).count();
        return (earlier % n + 1) + "/" + n;
    }

    /** Checks the repository, recorded as a {@code check} run; returns its outcome (FAILED when problems were found). */
    public ExitCode run(String trigger) {
        return run(trigger, nextSubset());
    }

    /**
     * Checks the repository reading {@code subset} ({@code n/N}, or null for none): a {@code check}
     * run with the number of problems and restic's error lines; FAILED when problems were found or
     * the check could not run. Problems are published as a {@code check} event.
     */
    public ExitCode run(String trigger, String subset) {
        Instant started = now();
        long runId = engine.catalog().startRun("check", null, null, engine.config().host(), trigger, started);
        StaleLocks locks = new StaleLocks(engine.restic(), engine.config().agent().lockWait());
        String what = "repository check" + (subset == null ? "" : " (data subset " + subset + ")");
        try (RepositoryGate.Permit ignored = engine.repositoryGate().exclusive(what)) {
            CheckResult result = locks.around(what, () -> engine.restic().check(subset));
            engine.catalog().recordRunProblems(runId, result.problems());
            if (result.clean()) {
                LOG.info("{}: no errors were found", what);
                engine.catalog().recordRunDetail(runId, "no errors were found" + (subset == null ? "" : " (read data subset " + subset + ")"));
                engine.catalog().finishRun(runId, "ok", null, null, now());
                return ExitCode.OK;
            }
            List<String> errors = result.errors();
            String first = errors.isEmpty() ? "restic printed no detail" : errors.get(0);
            String message = what + " found " + result.problems() + (result.problems() == 1 ? " problem" : " problems")
                    + " in repository " + Restic.redact(engine.config().repository()) + ", first: " + first
                    + " (see `claimback runs` and restic's troubleshooting guide before any repair)";
            errors.forEach(line -> LOG.error("{}: {}", what, line));
            List<String> kept = errors.size() > DETAIL_LINES ? errors.subList(0, DETAIL_LINES) : errors;
            String detail = String.join("\n", kept) + (errors.size() > DETAIL_LINES ? "\n... and " + (errors.size() - DETAIL_LINES) + " more" : "");
            engine.catalog().recordRunDetail(runId, detail);
            engine.catalog().finishRun(runId, "failed", message, null, now());
            engine.notifier().publish(new Notification("check", Notification.JOB, "check", null, "failed", message, runId, now()));
            return ExitCode.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(runId, what + " was stopped before it began");
        } catch (RuntimeException e) {
            return failed(runId, what + " could not run: " + Failures.message(e));
        }
    }

    /** The latest finished check, if any. */
    public java.util.Optional<RunRecord> latest() {
        return engine.catalog().newestRepositoryRun("check");
    }

    private ExitCode failed(long runId, String message) {
        LOG.error(message);
        engine.catalog().finishRun(runId, "failed", message, null, now());
        engine.notifier().publish(new Notification("failure", Notification.JOB, "check", null, "failed", message, runId, now()));
        return ExitCode.FAILED;
    }

    private Instant now() {
        return engine.clock().instant();
    }
}
