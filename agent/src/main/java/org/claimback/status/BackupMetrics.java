package org.claimback.status;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.RunCount;
import org.claimback.catalog.RunRecord;
import org.claimback.config.Config;

/**
 * The backup, repository and claim-state metrics, computed from the catalogue at every scrape (so
 * they are right after a restart and count runs of the command line too). One {@link StatusReport}
 * serves all metrics of one scrape.
 */
final class BackupMetrics {
    static final String LAST_SUCCESS = "claimback_last_success_timestamp_seconds";
    static final String DURATION = "claimback_backup_duration_seconds";
    static final String ADDED = "claimback_backup_added_bytes";
    static final String RUNS = "claimback_runs";
    static final String CHECK_ERRORS = "claimback_repository_check_errors";
    static final String LAST_CHECK = "claimback_repository_last_check_timestamp_seconds";
    static final String CLAIMS = "claimback_claims";
    static final String PENDING_SHRINKS = "claimback_pending_shrinks";

    private BackupMetrics() {}

    static void register(PrometheusRegistry registry, Config config, Catalog catalog, Clock clock) {
        Supplier<StatusReport> report = new Recent(() -> StatusReport.of(config, catalog, clock.instant()), clock);
        GaugeWithCallback.builder().name(LAST_SUCCESS)
                .help("When the claim's newest backup that ended ok or found the volume unchanged ended (Unix time).")
                .labelNames("claim")
                .callback(gauge -> report.get().claims().forEach(c -> {
                    if (c.lastSuccess() != null && c.lastSuccess().ended() != null) {
                        gauge.call(seconds(c.lastSuccess().ended()), c.claim());
                    }
                }))
                .register(registry);
        GaugeWithCallback.builder().name(DURATION)
                .help("How long the claim's last finished backup run took, whatever its state (an unchanged volume's is short).")
                .labelNames("claim")
                .callback(gauge -> {
                    Map<Long, RunRecord> last = catalog.newestRunsOfKind("backup", null);
                    Map<String, Long> ids = labelsToIds(catalog);
                    ids.forEach((label, id) -> {
                        RunRecord run = last.get(id);
                        if (run != null && run.duration() != null) {
                            gauge.call(run.duration().toMillis() / 1000.0, label);
                        }
                    });
                })
                .register(registry);
        CounterWithCallback.builder().name(ADDED)
                .help("Bytes all backup runs added to the repository (restic's data_added).")
                .callback(counter -> counter.call(catalog.totalBytesAdded()))
                .register(registry);
        CounterWithCallback.builder().name(RUNS)
                .help("Finished runs by kind (backup, retention, prune, check, drill, ...) and end state.")
                .labelNames("kind", "state")
                .callback(counter -> {
                    for (RunCount c : catalog.runCounts()) {
                        counter.call(c.count(), c.kind(), c.state());
                    }
                })
                .register(registry);
        GaugeWithCallback.builder().name(CHECK_ERRORS)
                .help("Problems the newest repository check found: 0 clean; 1 when it failed without counting them. No sample before the first check.")
                .callback(gauge -> {
                    StatusReport.Run check = report.get().repository().lastCheck();
                    if (check != null) {
                        gauge.call(check.problems() != null ? check.problems() : "ok".equals(check.state()) ? 0 : 1);
                    }
                })
                .register(registry);
        GaugeWithCallback.builder().name(LAST_CHECK)
                .help("When the newest repository check ended, whatever it found (Unix time).")
                .callback(gauge -> {
                    StatusReport.Run check = report.get().repository().lastCheck();
                    if (check != null && check.ended() != null) {
                        gauge.call(seconds(check.ended()));
                    }
                })
                .register(registry);
        GaugeWithCallback.builder().name(CLAIMS)
                .help("Claims in each state: ok, failing, partial, suspicious, never-backed-up, no-volume.")
                .labelNames("state")
                .callback(gauge -> report.get().counts().forEach((state, n) -> gauge.call(n, state)))
                .register(registry);
        GaugeWithCallback.builder().name(PENDING_SHRINKS)
                .help("Shrinks of the claim's volume waiting for a person (claimback accept CLAIM); retention keeps older snapshots meanwhile.")
                .labelNames("claim")
                .callback(gauge -> report.get().claims().forEach(c ->
                        gauge.call(c.pendingShrink() == null ? 0 : c.pendingShrink().pending(), c.claim())))
                .register(registry);
    }

    private static Map<String, Long> labelsToIds(Catalog catalog) {
        Map<String, Long> ids = new java.util.LinkedHashMap<>();
        catalog.claims().stream().sorted(java.util.Comparator.comparing(StatusReport::label)
                .thenComparingLong(org.claimback.catalog.ClaimRecord::id)).forEach(claim -> {
            String label = ids.containsKey(StatusReport.label(claim)) ? StatusReport.label(claim) + " (claim " + claim.id() + ")"
                    : StatusReport.label(claim);
            ids.put(label, claim.id());
        });
        return ids;
    }

    private static double seconds(Instant t) {
        return t.toEpochMilli() / 1000.0;
    }

    /** The report made within the last second, so one scrape reads the catalogue once. */
    private static final class Recent implements Supplier<StatusReport> {
        private final Supplier<StatusReport> make;
        private final Clock clock;
        private StatusReport report;
        private Instant madeAt = Instant.MIN;

        Recent(Supplier<StatusReport> make, Clock clock) {
            this.make = make;
            this.clock = clock;
        }

        @Override
        public synchronized StatusReport get() {
            Instant now = clock.instant();
            if (report == null || Duration.between(madeAt, now).compareTo(Duration.ofSeconds(1)) > 0) {
                report = make.get();
                madeAt = now;
            }
            return report;
        }
    }
}
