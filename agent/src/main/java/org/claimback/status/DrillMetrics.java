package org.claimback.status;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.RunRecord;

/**
 * The drill gauges, read from the catalogue at every scrape (so they are right after a restart,
 * and include drills run from the command line): per claim, when its last successful drill ended
 * and how long its restore took.
 */
final class DrillMetrics {
    static final String LAST_SUCCESS = "claimback_drill_last_success_timestamp_seconds";
    static final String LAST_DURATION = "claimback_drill_last_duration_seconds";

    private DrillMetrics() {}

    static void register(PrometheusRegistry registry, Catalog catalog) {
        GaugeWithCallback.builder().name(LAST_SUCCESS)
                .help("When the claim's last successful restore drill ended (Unix time).")
                .labelNames("claim")
                .callback(gauge -> lastSuccesses(catalog, (claim, run) -> gauge.call(run.endedAt().toEpochMilli() / 1000.0, claim)))
                .register(registry);
        GaugeWithCallback.builder().name(LAST_DURATION)
                .help("How long the restore of the claim's last successful drill took: the measured recovery time.")
                .labelNames("claim")
                .callback(gauge -> lastSuccesses(catalog, (claim, run) -> gauge.call(run.duration().toMillis() / 1000.0, claim)))
                .register(registry);
    }

    private static void lastSuccesses(Catalog catalog, BiConsumer<String, RunRecord> each) {
        Map<Long, RunRecord> runs = catalog.newestRunsOfKind("drill", "ok");
        if (runs.isEmpty()) {
            return;
        }
        Map<Long, ClaimRecord> claims = catalog.claims().stream().collect(Collectors.toMap(ClaimRecord::id, Function.identity()));
        java.util.Set<String> labels = new java.util.HashSet<>(); // a repeated label would fail the whole scrape
        new java.util.TreeMap<>(runs).forEach((claimId, run) -> {
            ClaimRecord claim = claims.get(claimId);
            if (claim != null && run.endedAt() != null) {
                String label = labels.add(label(claim)) ? label(claim) : label(claim) + " (claim " + claimId + ")";
                labels.add(label);
                each.accept(label, run);
            }
        });
    }

    /** {@code namespace/name} when known, else the claim key. */
    static String label(ClaimRecord claim) {
        return claim.resolved() ? claim.namespace() + "/" + claim.name() : claim.claimKey();
    }
}
