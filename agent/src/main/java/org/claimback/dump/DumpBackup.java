package org.claimback.dump;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.DumpRecord;
import org.claimback.command.CommandEnvironment;
import org.claimback.config.DumpConfig;
import org.claimback.locks.RepositoryGate;
import org.claimback.repository.StaleLocks;
import org.claimback.restic.Restic;
import org.claimback.restic.ResticException;
import org.claimback.restic.ResticException.Kind;
import org.claimback.restic.StdinBackup;
import org.claimback.restic.StdinBackupRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a claim's streamed dumps: each producer's standard output piped into
 * {@code restic backup --stdin}, judged, and recorded in the catalogue; and forgets the snapshots
 * of failed dumps. See the package documentation for what makes a dump good.
 */
public final class DumpBackup {
    private static final Logger LOG = LoggerFactory.getLogger(DumpBackup.class);
    /** How long to wait for the producer's stderr to end once it exited (children may hold it open). */
    private static final Duration STDERR_WAIT = Duration.ofSeconds(5);

    private final Catalog catalog;
    private final Restic restic;
    private final String host;
    private final Clock clock;
    /** How long a dump waits for another process's or host's exclusive restic lock (a prune, a check). */
    private final Duration lockWait;

    public DumpBackup(Catalog catalog, Restic restic, String host, Clock clock) {
        this(catalog, restic, host, clock, Duration.ZERO);
    }

    public DumpBackup(Catalog catalog, Restic restic, String host, Clock clock, Duration lockWait) {
        this.catalog = catalog;
        this.restic = restic;
        this.host = host;
        this.clock = clock;
        this.lockWait = lockWait;
    }

    /**
     * Takes each dump in order and records it ({@code ok} or {@code failed}, with the snapshot
     * restic saved so that {@link #forgetFailed} can forget it). A failed dump does not stop the
     * next one.
     *
     * @throws ResticException WRONG_PASSWORD, REPOSITORY_MISSING, NOT_INSTALLED or
     *     UNSUPPORTED_VERSION (no dump can succeed), CANCELLED when the thread is interrupted (the
     *     producer and restic are stopped first)
     */
    public List<DumpOutcome> take(ClaimRecord claim, long runId, List<DumpConfig> dumps) {
        List<DumpOutcome> outcomes = new ArrayList<>();
        for (DumpConfig dump : dumps) {
            if (Thread.currentThread().isInterrupted()) {
                throw cancelled("dump " + dump.name() + " of " + display(claim) + " was cancelled before it started");
            }
            outcomes.add(takeOne(claim, runId, dump));
        }
        return outcomes;
    }

    /**
     * One dump, past restic's locks: when restic refuses to start because the repository is locked
     * (another host's prune, a check), nothing was read from the producer yet and no snapshot was
     * saved; the producer is stopped, and the dump starts again, fresh, once the lock is gone
     * ({@link StaleLocks#around}, bounded by the lock wait). A lock that outlasts the wait fails
     * the dump, recorded as such.
     */
    private DumpOutcome takeOne(ClaimRecord claim, long runId, DumpConfig dump) {
        String label = "dump " + dump.name() + " of " + display(claim);
        try {
            return new StaleLocks(restic, lockWait).around(label, () -> takeOnce(claim, runId, dump, label));
        } catch (ResticException e) {
            if (e.kind() != Kind.LOCKED) {
                throw e;
            }
            return failed(claim, runId, dump, clock.instant(), null, 0, label + " failed: " + e.getMessage());
        }
    }

    private DumpOutcome takeOnce(ClaimRecord claim, long runId, DumpConfig dump, String label) {
        Instant time = clock.instant();
        long started = System.nanoTime();
        long deadline = started + dump.timeout().toNanos();
        Producer producer;
        try {
            producer = Producer.start(dump.command(), CommandEnvironment.of(System.getenv(), facts(claim, runId, dump)), label);
        } catch (IOException e) {
            return failed(claim, runId, dump, time, null, 0, label + " failed: cannot start its command `"
                    + dump.command().get(0) + "`: " + e.getMessage() + ": fix claims[].dumps[].command in the config");
        }
        List<String> tags = DumpTags.of(claim, dump.name(), runId);
        StdinBackup.Result result;
        Watchdog watchdog = new Watchdog(producer, deadline,
                List.of("--stdin-filename=" + dump.name(), DumpTags.RUN + runId, DumpTags.CLAIM_KEY + claim.claimKey()), label);
        try {
            result = new StdinBackup(restic).backup(new StdinBackupRequest(dump.name(), host, tags, producer.stdout(),
                    producer::kill));
        } catch (RuntimeException e) {
            watchdog.close();
            producer.kill();
            throw e;
        }
        watchdog.close();
        if (result.failure() != null && result.failure().kind() == Kind.LOCKED && result.snapshotId() == null) {
            producer.kill(); // restic never started reading: start over once the lock is gone
            throw result.failure();
        }
        boolean timedOut = watchdog.timedOut();
        try {
            if (result.failure() != null) {
                producer.kill();
            } else if (!timedOut && !producer.waitFor(Duration.ofNanos(deadline - System.nanoTime()))) {
                timedOut = true;
                LOG.warn("{}: the producer ran past its timeout, killing it", label);
                producer.kill();
            }
        } catch (InterruptedException e) {
            producer.kill();
            Thread.currentThread().interrupt();
            if (result.saved()) {
                failed(claim, runId, dump, time, result.snapshotId(), producer.bytes(), label + " was cancelled");
            }
            throw cancelled(label + " was cancelled while its producer ran; it was stopped");
        }
        producer.awaitStderr(STDERR_WAIT);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        String error = judge(producer, result, timedOut, dump.timeout());
        if (error != null) {
            return failed(claim, runId, dump, time, result.snapshotId(), producer.bytes(), label + " failed: " + error);
        }
        DumpRecord record = catalog.addDump(new DumpRecord(0, result.snapshotId(), shortId(result.snapshotId()), claim.id(),
                runId, dump.name(), time, host, producer.bytes(), "ok", null));
        LOG.info("{}: {} in snapshot {} ({})", label, Sizes.bytes(producer.bytes()), shortId(result.snapshotId()),
                Sizes.duration(took));
        return new DumpOutcome(dump, record, true, null);
    }

    /** Why the dump is not good, or null when it is. Timeout first, then restic, then the producer. */
    private static String judge(Producer producer, StdinBackup.Result result, boolean timedOut, Duration timeout) {
        String after = " after " + Sizes.bytes(producer.bytes());
        if (timedOut) {
            return "producer ran past its timeout of " + Sizes.duration(timeout) + " and was killed" + after
                    + stderr(producer) + ": raise claims[].dumps[].timeout or make the dump faster";
        }
        int code = producer.exitCode();
        if (code == 0 && producer.bytes() == 0) { // restic refuses an empty snapshot (0.14 exit 1, 0.18 exit 3)
            return "producer exited 0 but wrote nothing" + stderr(producer) + ": an empty dump is never a good one";
        }
        if (result.failure() != null) {
            return result.failure().getMessage();
        }
        if (code != 0) {
            String how = code > 128 && code < 128 + 65 ? "was killed by signal " + (code - 128) : "exited " + code;
            return "producer " + how + after + stderr(producer);
        }
        if (result.snapshotId() == null) {
            return "restic backup exited 0 but reported no snapshot: check the repository";
        }
        return null;
    }

    private static String stderr(Producer producer) {
        String line = producer.lastStderrLine();
        return line.isEmpty() ? "" : ": " + line;
    }

    private DumpOutcome failed(ClaimRecord claim, long runId, DumpConfig dump, Instant time, String snapshotId, long bytes,
            String error) {
        LOG.error(error);
        DumpRecord record = catalog.addDump(new DumpRecord(0, snapshotId, shortId(snapshotId), claim.id(), runId,
                dump.name(), time, host, bytes, "failed", error));
        return new DumpOutcome(dump, record, false, error);
    }

    /**
     * Forgets the snapshot of every failed dump ({@code restic forget ID...}, no prune) under the
     * gate's exclusive pass, waiting at most {@code wait} for it and for restic's lock; marks them
     * forgotten. When the pass or the lock does not come in time, they stay for next time (logged).
     *
     * @return how many were forgotten
     * @throws ResticException WRONG_PASSWORD, REPOSITORY_MISSING, NOT_INSTALLED, CANCELLED
     */
    public int forgetFailed(RepositoryGate gate, Duration wait) {
        List<DumpRecord> failed = catalog.dumpsToForget();
        if (failed.isEmpty()) {
            return 0;
        }
        RepositoryGate.Permit permit;
        try {
            permit = gate.exclusive("forgetting " + failed.size() + " failed dump(s)", wait).orElse(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cancelled("forgetting failed dumps was cancelled while waiting for the repository gate");
        }
        if (permit == null) {
            LOG.warn("{} failed dump snapshot(s) stay in the repository until next time: backups held the repository for"
                    + " more than {}", failed.size(), Sizes.duration(wait));
            return 0;
        }
        try (permit) {
            Map<String, DumpRecord> byId = new LinkedHashMap<>();
            failed.forEach(d -> byId.put(d.resticId(), d));
            StaleLocks locks = new StaleLocks(restic, wait);
            try {
                locks.around("forgetting failed dumps", () -> {
                    restic.forget(List.copyOf(byId.keySet()));
                    return null;
                });
            } catch (ResticException e) {
                if (StdinBackup.thrown(e)) {
                    throw e;
                }
                if (!isGone(e)) {
                    LOG.warn("{} failed dump snapshot(s) stay in the repository until next time: {}", failed.size(),
                            e.getMessage());
                    return 0;
                }
                return forgetOneByOne(byId, locks);
            }
            byId.values().forEach(d -> catalog.markDumpForgotten(d.id()));
            LOG.info("forgot {} failed dump snapshot(s): {}", byId.size(), String.join(" ", byId.keySet()));
            return byId.size();
        }
    }

    /** One snapshot went already (forgotten by hand): forget the rest one at a time. */
    private int forgetOneByOne(Map<String, DumpRecord> byId, StaleLocks locks) {
        int n = 0;
        for (DumpRecord d : byId.values()) {
            try {
                locks.around("forgetting a failed dump", () -> {
                    restic.forget(List.of(d.resticId()));
                    return null;
                });
                n++;
            } catch (ResticException e) {
                if (StdinBackup.thrown(e)) {
                    throw e;
                }
                if (!isGone(e)) {
                    LOG.warn("failed dump {} (snapshot {}) stays in the repository until next time: {}", d.name(),
                            d.resticId(), e.getMessage());
                    continue;
                }
                LOG.info("failed dump {}: snapshot {} is gone already", d.name(), d.resticId());
            }
            catalog.markDumpForgotten(d.id());
        }
        return n;
    }

    /** restic found no snapshot with an id it was given (someone forgot it by hand). */
    private static boolean isGone(ResticException e) {
        String text = (e.getMessage() + "\n" + String.join("\n", e.stderrTail())).toLowerCase(java.util.Locale.ROOT);
        return e.kind() == Kind.FAILED && (text.contains("no matching id") || text.contains("no snapshot"));
    }

    private static Map<String, String> facts(ClaimRecord claim, long runId, DumpConfig dump) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("CLAIMBACK_CLAIM_KEY", claim.claimKey());
        if (claim.namespace() != null) {
            facts.put("CLAIMBACK_NAMESPACE", claim.namespace());
            facts.put("CLAIMBACK_CLAIM", claim.name());
        }
        facts.put("CLAIMBACK_DUMP", dump.name());
        facts.put("CLAIMBACK_RUN_ID", Long.toString(runId));
        return facts;
    }

    private static String shortId(String id) {
        return id == null ? null : id.substring(0, Math.min(8, id.length()));
    }

    private static String display(ClaimRecord claim) {
        return claim.resolved() ? claim.namespace() + "/" + claim.name() : claim.claimKey();
    }

    private static ResticException cancelled(String message) {
        return new ResticException(Kind.CANCELLED, ResticException.NO_EXIT_CODE, "restic backup --stdin", List.of(), message);
    }
}
