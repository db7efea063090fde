package org.claimback.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.RunRecord;
import org.claimback.catalog.ShrinkRecord;
import org.claimback.catalog.VolumeRecord;
import org.claimback.config.Config;
import org.claimback.config.ScheduleConfig;
import org.claimback.schedule.ClaimSchedules;

/**
 * The agent's view, read from the catalogue and the config only (so it is right while the agent is
 * down): what {@code /status} serves and {@code claimback status --json} prints, field for field.
 *
 * @param host        the config's host (restic's {@code --host})
 * @param generatedAt when this report was made
 * @param claims      every claim the catalogue knows, by label
 * @param counts      how many claims are in each of {@link ClaimState#STATES} (every state, 0 when none)
 * @param repository  the newest check, prune and retention runs
 * @param schedules   the agent's jobs: cron and next firing (null when off)
 * @param copies      the offsite copies ({@code copies:}): newest snapshot each holds and its last runs
 */
public record StatusReport(String host, Instant generatedAt, List<ClaimStatus> claims, Map<String, Integer> counts,
                           RepositoryStatus repository, List<JobSchedule> schedules, List<CopyStatus> copies) {

    /**
     * @param claim         {@code namespace/name}, or the claim key while they are not known
     * @param claimKey      the claim key
     * @param state         one of {@link ClaimState#STATES}
     * @param reason        why, in one line
     * @param lastRun       the claim's newest run of any kind (it may still be running), or null
     * @param lastSuccess   its newest backup run that ended ok or skipped-unchanged, or null
     * @param nextRun       when its next scheduled backup fires, or null (no schedule, or no live volume)
     * @param pendingShrink its newest shrink waiting for {@code claimback accept}, or null
     */
    public record ClaimStatus(String claim, String claimKey, String state, String reason, Run lastRun, Run lastSuccess,
                              Instant nextRun, Shrink pendingShrink) {}

    /** One run as the report shows it; {@code reason} is the error or skip reason, {@code problems} a check's. */
    public record Run(long id, String kind, String state, Instant started, Instant ended, String reason, String snapshot,
                      Long problems) {
        static Run of(RunRecord r) {
            return r == null ? null : new Run(r.id(), r.kind(), r.state(), r.startedAt(), r.endedAt(), r.error(), r.snapshotId(),
                    r.problems());
        }
    }

    /** A shrink waiting for a person: when it was found, the snapshot (null: the volume was empty) and why. */
    public record Shrink(Instant detectedAt, String snapshot, String reason, int pending) {}

    /** The repository-wide runs: the newest finished check, prune and retention (any claim's). */
    public record RepositoryStatus(Run lastCheck, Run lastPrune, Run lastRetention) {}

    /** One of the agent's jobs: backup (the default schedule), retention, prune, check, drill. */
    public record JobSchedule(String job, String cron, Instant next) {}

    /** Reads the report for {@code config} from {@code catalog} at {@code now}. */
    public static StatusReport of(Config config, Catalog catalog, Instant now) {
        ClaimSchedules schedules = new ClaimSchedules(config);
        Map<Long, RunRecord> lastBackups = catalog.newestRunsOfKind("backup", null);
        Map<Long, RunRecord> lastSuccesses = catalog.newestRunsOfKindIn("backup", List.of("ok", "skipped-unchanged"));
        Map<Long, List<ShrinkRecord>> pending = catalog.pendingShrinks(null).stream()
                .collect(Collectors.groupingBy(ShrinkRecord::claimId));
        Set<Long> live = catalog.volumes().stream().filter(v -> "live".equals(v.state())).map(VolumeRecord::claimId)
                .collect(Collectors.toSet());
        List<ClaimStatus> claims = new ArrayList<>();
        Set<String> labels = new HashSet<>();
        List<ClaimRecord> records = new ArrayList<>(catalog.claims());
        records.sort(Comparator.comparing(StatusReport::label).thenComparingLong(ClaimRecord::id));
        for (ClaimRecord claim : records) {
            String label = labels.add(label(claim)) ? label(claim) : label(claim) + " (claim " + claim.id() + ")";
            labels.add(label);
            List<ShrinkRecord> shrinks = pending.getOrDefault(claim.id(), List.of());
            boolean hasVolume = live.contains(claim.id());
            ClaimState state = ClaimState.of(hasVolume, lastBackups.get(claim.id()), lastSuccesses.get(claim.id()), shrinks);
            RunRecord lastRun = catalog.runs(claim.id(), 1).stream().findFirst().orElse(null);
            ShrinkRecord newest = shrinks.isEmpty() ? null : shrinks.get(shrinks.size() - 1);
            claims.add(new ClaimStatus(label, claim.claimKey(), state.state(), state.reason(), Run.of(lastRun),
                    Run.of(lastSuccesses.get(claim.id())),
                    hasVolume ? schedules.nextBackup(claim, now).orElse(null) : null,
                    newest == null ? null : new Shrink(newest.detectedAt(), newest.snapshotId(), newest.reason(), shrinks.size())));
        }
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        ClaimState.STATES.forEach(s -> counts.put(s, 0));
        claims.forEach(c -> counts.merge(c.state(), 1, Integer::sum));
        RunRecord lastRetention = catalog.runsOfKind("retention", null, 50).stream()
                .filter(r -> !"running".equals(r.state())).findFirst().orElse(null);
        RepositoryStatus repository = new RepositoryStatus(Run.of(catalog.newestRepositoryRun("check").orElse(null)),
                Run.of(catalog.newestRepositoryRun("prune").orElse(null)), Run.of(lastRetention));
        ScheduleConfig s = config.schedule();
        List<JobSchedule> jobs = new ArrayList<>();
        jobs.add(job("backup", s.backup(), now));
        jobs.add(job("retention", s.retention(), now));
        jobs.add(job("prune", s.prune(), now));
        jobs.add(job("check", s.check(), now));
        jobs.add(job("drill", s.drill(), now));
        return new StatusReport(config.host(), now, List.copyOf(claims), java.util.Collections.unmodifiableMap(counts),
                repository, List.copyOf(jobs), CopyStatus.of(config, catalog));
    }

    private static JobSchedule job(String name, String cron, Instant now) {
        return new JobSchedule(name, cron, ClaimSchedules.next(cron, now).orElse(null));
    }

    /** {@code namespace/name} when known, else the claim key: the {@code claim} label everywhere. */
    public static String label(ClaimRecord claim) {
        return claim.resolved() ? claim.namespace() + "/" + claim.name() : claim.claimKey();
    }
}
