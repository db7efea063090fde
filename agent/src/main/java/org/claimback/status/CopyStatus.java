package org.claimback.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.RunRecord;
import org.claimback.config.Config;
import org.claimback.config.RepositoryConfig;
import org.claimback.restic.Restic;

/**
 * One configured offsite copy as the catalogue knows it.
 *
 * @param name           its {@code copies[].name}
 * @param repository     its repository string, redacted
 * @param newestSnapshot the time of the newest snapshot recorded in it, or null when none is
 * @param lastRun        its newest finished copy run, or null
 * @param lastSuccess    its newest copy run that ended ok, or null
 */
public record CopyStatus(String name, String repository, Instant newestSnapshot, StatusReport.Run lastRun,
                         StatusReport.Run lastSuccess) {
    /** How many of the newest copy runs (all copies') are searched for each copy's last ones. */
    private static final int RUNS_SEARCHED = 200;

    /** Every configured copy, in config order. */
    static List<CopyStatus> of(Config config, Catalog catalog) {
        if (config.copies().isEmpty()) {
            return List.of();
        }
        List<RunRecord> runs = catalog.runsOfKind("copy", null, RUNS_SEARCHED);
        List<CopyStatus> copies = new ArrayList<>();
        for (RepositoryConfig copy : config.copies()) {
            RunRecord last = runs.stream().filter(r -> copy.name().equals(r.target()) && !"running".equals(r.state()))
                    .findFirst().orElse(null);
            RunRecord success = runs.stream().filter(r -> copy.name().equals(r.target()) && "ok".equals(r.state()))
                    .findFirst().orElse(null);
            copies.add(new CopyStatus(copy.name(), Restic.redact(copy.repository()),
                    catalog.newestCopied(copy.name()).orElse(null), StatusReport.Run.of(last), StatusReport.Run.of(success)));
        }
        return List.copyOf(copies);
    }
}
