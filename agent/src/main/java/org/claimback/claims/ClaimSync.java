package org.claimback.claims;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.claimback.catalog.Candidate;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.VolumeRecord;
import org.claimback.config.Config;
import org.claimback.config.ExportConfig;
import org.claimback.discovery.ClaimName;
import org.claimback.discovery.Discovery;
import org.claimback.discovery.DiscoveredVolume;
import org.claimback.discovery.DiscoveryResult;
import org.claimback.discovery.ExportRoot;

/**
 * Brings the catalogue in step with the exports: every discovered volume is recorded under its
 * claim, volumes no longer on disk become {@code missing}, and each claim's current volume (the
 * one backups go to) is chosen again: its newest live volume.
 */
public final class ClaimSync {
    private final Config config;
    private final Catalog catalog;
    private final Discovery discovery;
    private final Clock clock;

    public ClaimSync(Config config, Catalog catalog, Discovery discovery, Clock clock) {
        this.config = config;
        this.catalog = catalog;
        this.discovery = discovery;
        this.clock = clock;
    }

    /** Scans every export root and records what it found. Returns the scan for display. */
    public DiscoveryResult sync() {
        List<ExportRoot> roots = new ArrayList<>();
        for (ExportConfig export : config.exports()) {
            roots.add(new ExportRoot(export.path(), export.layout()));
        }
        DiscoveryResult result = discovery.scan(roots);
        Instant now = clock.instant();
        Map<Path, List<String>> seenByRoot = new HashMap<>();
        Set<Long> touchedClaims = new LinkedHashSet<>();
        for (DiscoveredVolume volume : result.volumes()) {
            ClaimRecord claim = recordClaim(volume, now);
            catalog.upsertVolume(claim.id(), volume.exportRoot().toString(), volume.path().toString(),
                    volume.pvName(), volume.layout(), volume.state().name().toLowerCase(java.util.Locale.ROOT), now);
            seenByRoot.computeIfAbsent(volume.exportRoot(), k -> new ArrayList<>()).add(volume.path().toString());
            touchedClaims.add(claim.id());
        }
        for (ExportRoot root : roots) {
            if (isScannable(root.path(), result)) {
                catalog.markMissing(root.path().toString(), seenByRoot.getOrDefault(root.path(), List.of()), now);
            }
        }
        for (ClaimRecord claim : catalog.claims()) {
            chooseCurrent(claim.id());
        }
        return result;
    }

    private ClaimRecord recordClaim(DiscoveredVolume volume, Instant now) {
        ClaimName resolved = volume.claim();
        List<Candidate> candidates = resolved != null ? List.of()
                : volume.candidates().stream().map(c -> new Candidate(c.namespace(), c.name())).toList();
        return catalog.upsertClaim(volume.claimKey(),
                resolved == null ? null : resolved.namespace(),
                resolved == null ? null : resolved.name(),
                "name", candidates, now);
    }

    /** An export root that could not be read is not taken as empty: its volumes stay as they were. */
    private static boolean isScannable(Path root, DiscoveryResult result) {
        return result.problems().stream().noneMatch(p -> p.contains(root.toString()));
    }

    private void chooseCurrent(long claimId) {
        catalog.volumesOf(claimId).stream()
                .filter(v -> v.state().equals("live"))
                .max(Comparator.comparing(VolumeRecord::firstSeen).thenComparing(VolumeRecord::id))
                .filter(v -> !v.current())
                .ifPresent(v -> catalog.setCurrentVolume(claimId, v.id()));
    }
}
