package org.claimback.status;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import org.claimback.catalog.Catalog;
import org.claimback.config.Config;

/**
 * The offsite-copy gauges, per configured copy ({@code copy} label: its {@code copies[].name}),
 * read from the catalogue at every scrape. A copy that holds no snapshot yet, or has never been
 * run, has no sample (absent, not NaN): alert on {@code absent(...)} as well as on the value.
 */
final class CopyMetrics {
    static final String NEWEST_AGE = "claimback_copy_newest_snapshot_age_seconds";
    static final String LAST_RUN_SUCCESS = "claimback_copy_last_run_success";
    static final String LAST_SUCCESS = "claimback_copy_last_success_timestamp_seconds";

    private CopyMetrics() {}

    static void register(PrometheusRegistry registry, Config config, Catalog catalog, Clock clock) {
        GaugeWithCallback.builder().name(NEWEST_AGE)
                .help("Age of the newest snapshot the offsite copy holds (by its own time), in seconds. No sample while it holds none.")
                .labelNames("copy")
                .callback(gauge -> CopyStatus.of(config, catalog).forEach(c -> {
                    if (c.newestSnapshot() != null) {
                        gauge.call(Math.max(0, clock.millis() - c.newestSnapshot().toEpochMilli()) / 1000.0, c.name());
                    }
                }))
                .register(registry);
        GaugeWithCallback.builder().name(LAST_RUN_SUCCESS)
                .help("1 when the newest finished copy run to the offsite copy ended ok, else 0. No sample before its first run.")
                .labelNames("copy")
                .callback(gauge -> CopyStatus.of(config, catalog).forEach(c -> {
                    if (c.lastRun() != null) {
                        gauge.call("ok".equals(c.lastRun().state()) ? 1 : 0, c.name());
                    }
                }))
                .register(registry);
        GaugeWithCallback.builder().name(LAST_SUCCESS)
                .help("When the newest copy run to the offsite copy that ended ok ended (Unix time). No sample before one did.")
                .labelNames("copy")
                .callback(gauge -> CopyStatus.of(config, catalog).forEach(c -> {
                    if (c.lastSuccess() != null && c.lastSuccess().ended() != null) {
                        gauge.call(c.lastSuccess().ended().toEpochMilli() / 1000.0, c.name());
                    }
                }))
                .register(registry);
    }
}
