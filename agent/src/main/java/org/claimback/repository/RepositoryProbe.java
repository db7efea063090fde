package org.claimback.repository;

import org.claimback.restic.RetryWatch;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.claimback.restic.LineSink;
import org.claimback.restic.Restic;
import org.claimback.restic.ResticException;
import org.claimback.restic.ResticRun;

/**
 * Asks a repository whether it opens ({@code restic cat config}) without waiting as long as restic
 * would: restic 0.17 and newer retry a backend error for up to 15 minutes, printing
 * {@code ... returned error, retrying after ...: REASON} on stderr each time. The first such line
 * is the answer: restic is stopped (interrupt, as any cancel) and the reason reported. A repository
 * that neither answers nor errs within the time limit is stopped the same way. restic 0.14 fails at
 * once; its error is classified like any restic failure.
 */
public final class RepositoryProbe {
    /** What the repository answered. */
    public enum State {
        OPENS, MISSING, LOCKED, WRONG_PASSWORD,
        /** restic said it cannot reach the server (connection refused, ssh failing to start a session, ...). */
        UNREACHABLE,
        /** restic kept retrying, took too long, or failed otherwise (e.g. credentials refused). */
        NO_ANSWER
    }

    /** The state, and for NO_ANSWER and WRONG_PASSWORD restic's reason (one line, redacted; never a secret). */
    public record Answer(State state, String reason) {}

    public static final Duration DEFAULT_LIMIT = Duration.ofSeconds(60);

    private RepositoryProbe() {}

    /**
     * {@code restic cat config --json}, stopped at restic's first retry or after {@code limit}.
     *
     * @throws ResticException for restic missing or too old (from {@link Restic#version()})
     */
    public static Answer ask(Restic restic, Duration limit) {
        restic.version();
        AtomicReference<String> retrying = new AtomicReference<>();
        AtomicReference<Thread> worker = new AtomicReference<>();
        LineSink stderr = line -> {
            RetryWatch.retryReason(line).ifPresent(reason -> {
                if (retrying.compareAndSet(null, reason)) {
                    worker.get().interrupt();
                }
            });
        };
        FutureTask<ResticRun> task = new FutureTask<>(() -> restic.run(List.of("cat", "config", "--json"), null, LineSink.DISCARD, stderr));
        Thread thread = new Thread(task, "repository-probe");
        thread.setDaemon(true);
        worker.set(thread);
        thread.start();
        ResticRun run;
        try {
            run = task.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            stop(thread);
            return new Answer(State.NO_ANSWER, retrying.get() != null ? retrying.get()
                    : "no answer within " + limit.toSeconds() + " s");
        } catch (InterruptedException e) {
            stop(thread);
            Thread.currentThread().interrupt();
            throw new ResticException(ResticException.Kind.CANCELLED, ResticException.NO_EXIT_CODE, "restic cat config", List.of(),
                    "interrupted while asking " + restic.settings().redactedRepository());
        } catch (ExecutionException e) {
            if (retrying.get() != null) {
                join(thread);
                return new Answer(State.NO_ANSWER, retrying.get() + " (restic kept retrying; stopped at the first error)");
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
        if (run.succeeded()) {
            return new Answer(State.OPENS, "");
        }
        ResticException failure = restic.failure(run);
        return switch (failure.kind()) {
            case REPOSITORY_MISSING -> new Answer(State.MISSING, run.headline());
            case LOCKED -> new Answer(State.LOCKED, run.headline());
            case WRONG_PASSWORD -> new Answer(State.WRONG_PASSWORD, run.headline());
            case UNREACHABLE -> new Answer(State.UNREACHABLE, org.claimback.restic.Unreachable.reason(String.join("\n", run.stderrTail()))
                    .orElse(firstLine(run.headline())));
            default -> new Answer(State.NO_ANSWER, run.headline().isEmpty() ? "restic exited " + run.exitCode() : firstLine(run.headline()));
        };
    }

    private static String firstLine(String text) {
        String first = text.lines().findFirst().orElse("").strip();
        return first.startsWith("Fatal: ") ? first.substring("Fatal: ".length()) : first;
    }

    private static void stop(Thread thread) {
        thread.interrupt();
        join(thread);
    }

    /** restic stops within its own grace period once interrupted: wait for it, so no child outlives the caller. */
    private static void join(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
