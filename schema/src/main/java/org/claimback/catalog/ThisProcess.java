package org.claimback.catalog;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * This process's identity, recorded with each run it starts, so that {@link Catalog#markInterrupted}
 * can tell a run whose process crashed from one that another live process (a CLI backup beside the
 * agent) is still running. The catalogue lives on the machine that runs claimback, so pids compare.
 */
final class ThisProcess {
    static final long ID = ProcessHandle.current().pid();
    static final Instant STARTED_AT = ProcessHandle.current().info().startInstant().orElse(null);

    private ThisProcess() {
    }

    /** True when process {@code pid}, started at {@code startedAt} (null: unknown), still runs. */
    static boolean isAlive(Long pid, Instant startedAt) {
        if (pid == null) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty() || startedAt == null) {
            return process.isPresent();
        }
        // A different start time means the pid was reused by another process.
        return process.get().info().startInstant()
                .map(start -> Duration.between(start, startedAt).abs().compareTo(Duration.ofSeconds(2)) < 0)
                .orElse(true);
    }
}
