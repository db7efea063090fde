package org.claimback.repository;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.function.Supplier;
import org.claimback.restic.Restic;
import org.claimback.restic.ResticException;
import org.claimback.restic.ResticException.Kind;
import org.claimback.restic.ResticLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs lock-taking restic calls past restic's locks. When restic says the repository is locked,
 * the locks are listed: a lock made on THIS host by a restic process that no longer runs is
 * stale; it is logged and removed with {@code restic unlock} (which removes only what restic
 * itself calls stale, never {@code --remove-all}), and the call is retried at once. A lock of a
 * live process or of another host is waited for, retrying with a backoff (1 s doubling to 60 s)
 * up to the configured lock wait; then the call fails with one line naming the holder.
 */
public final class StaleLocks {
    private static final Logger LOG = LoggerFactory.getLogger(StaleLocks.class);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

    private final Restic restic;
    private final Duration lockWait;
    private final String thisHost;
    private final LongPredicate processAlive;
    private final Clock clock;

    public StaleLocks(Restic restic, Duration lockWait) {
        this(restic, lockWait, localHostname(), pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                Clock.systemUTC());
    }

    StaleLocks(Restic restic, Duration lockWait, String thisHost, LongPredicate processAlive, Clock clock) {
        this.restic = restic;
        this.lockWait = lockWait;
        this.thisHost = thisHost;
        this.processAlive = processAlive;
        this.clock = clock;
    }

    /** The hostname restic writes into its locks: the kernel's hostname (Go's os.Hostname). */
    public static String localHostname() {
        return org.claimback.config.Hostname.current();
    }

    /** Whether a lock was left by a restic of this host that is gone. */
    public boolean isStale(ResticLock lock) {
        return lock.hostname().equals(thisHost) && lock.pid() > 0 && !processAlive.test(lock.pid());
    }

    /**
     * Removes the stale locks of this host, logging each (for the agent at start). Returns how many
     * there were. Locks of live processes and other hosts are left alone.
     */
    public int cleanStaleLocks() {
        List<ResticLock> stale = restic.listLocks().stream().filter(this::isStale).toList();
        if (!stale.isEmpty()) {
            stale.forEach(this::logRemoval);
            restic.unlock();
        }
        return stale.size();
    }

    /**
     * Runs {@code call} (one lock-taking restic call), getting past stale locks and waiting for
     * live ones up to the lock wait. {@code what} names the operation in logs.
     *
     * @throws ResticException LOCKED naming the holder when the lock wait ran out; CANCELLED when
     *     interrupted while waiting; whatever {@code call} throws otherwise
     */
    public <T> T around(String what, Supplier<T> call) {
        Instant deadline = clock.instant().plus(lockWait);
        Duration backoff = FIRST_BACKOFF;
        Set<String> removed = new HashSet<>();
        boolean logged = false;
        while (true) {
            ResticException locked;
            try {
                return call.get();
            } catch (ResticException e) {
                if (e.kind() != Kind.LOCKED) {
                    throw e;
                }
                locked = e;
            }
            List<ResticLock> locks = restic.listLocks();
            List<ResticLock> stale = locks.stream().filter(this::isStale).filter(l -> !removed.contains(l.id())).toList();
            if (!stale.isEmpty()) {
                stale.forEach(this::logRemoval);
                restic.unlock();
                stale.forEach(l -> removed.add(l.id()));
                continue; // at once
            }
            ResticLock holder = locks.stream().filter(l -> !isStale(l))
                    .min(Comparator.comparing((ResticLock l) -> !l.exclusive()).thenComparing(ResticLock::time)).orElse(null);
            Instant now = clock.instant();
            if (!now.isBefore(deadline)) {
                throw new ResticException(Kind.LOCKED, locked.exitCode(), locked.commandLine(), locked.stderrTail(),
                        "the repository stayed locked for " + Durations.text(lockWait)
                                + (holder == null ? "" : " by " + holder.describe())
                                + ": claimback never removes a live lock; if that process or host is gone for good, run"
                                + " `restic unlock` yourself (it removes locks older than 30 minutes), or raise agent.lockWait");
            }
            if (!logged) {
                LOG.info("{} waits for the repository lock{} (up to {})", what,
                        holder == null ? "" : " held by " + holder.describe(), Durations.text(lockWait));
                logged = true;
            }
            Duration pause = backoff.compareTo(Duration.between(now, deadline)) < 0 ? backoff : Duration.between(now, deadline);
            try {
                Thread.sleep(Math.max(1, pause.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ResticException(Kind.CANCELLED, ResticException.NO_EXIT_CODE, locked.commandLine(), List.of(),
                        what + " was stopped while waiting for the repository lock");
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    private void logRemoval(ResticLock lock) {
        LOG.warn("removing stale lock {} left by restic pid {} (dead) since {}{}", lock.id().substring(0, Math.min(8, lock.id().length())),
                lock.pid(), lock.time(), lock.exclusive() ? " (exclusive)" : "");
    }

    /** Short durations as a person says them. */
    static final class Durations {
        private Durations() {}

        static String text(Duration d) {
            long s = d.toSeconds();
            return s < 120 ? s + " s" : s < 7200 ? (s / 60) + " min" : (s / 3600) + " h";
        }
    }
}
