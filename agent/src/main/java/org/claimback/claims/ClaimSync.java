package org.claimback.claims;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.InventoryPvRecord;
import org.claimback.catalog.MappingRecord;
import org.claimback.catalog.VolumeRecord;
import org.claimback.config.Config;
import org.claimback.config.ExportConfig;
import org.claimback.discovery.ClaimName;
import org.claimback.discovery.Discovery;
import org.claimback.discovery.DiscoveredVolume;
import org.claimback.discovery.DiscoveryResult;
import org.claimback.discovery.ExportRoot;

/**
 * Brings the catalogue in step with the exports: re-reads changed PV inventories, decides every
 * discovered volume's claim ({@link MappingRules}), remembers each mapping with its source,
 * records volumes under their claims (a volume whose claim changed takes its snapshots along),
 * marks volumes no longer on disk {@code missing}, and chooses each claim's current volume: its
 * newest live one. All catalogue writes of one sync are one transaction.
 */
public final class ClaimSync {
    private final Config config;
    private final Catalog catalog;
    private final Discovery discovery;
    private final InventoryFiles inventoryFiles;
    private final Clock clock;

    public ClaimSync(Config config, Catalog catalog, Discovery discovery, InventoryFiles inventoryFiles, Clock clock) {
        this.config = config;
        this.catalog = catalog;
        this.discovery = discovery;
        this.inventoryFiles = inventoryFiles;
        this.clock = clock;
    }

    /** The export roots of the config, as discovery reads them. */
    public static List<ExportRoot> roots(Config config) {
        List<ExportRoot> roots = new ArrayList<>();
        for (ExportConfig export : config.exports()) {
            roots.add(new ExportRoot(export.path(), export.layout(), export.pattern()));
        }
        return roots;
    }

    /** Scans every export root and records what it found. */
    public SyncResult sync() {
        List<ExportRoot> roots = roots(config);
        List<String> problems = new ArrayList<>(inventoryFiles.refresh(catalog, roots, clock.instant()));
        DiscoveryResult result = discovery.scan(roots);
        problems.addAll(result.problems());
        Instant now = clock.instant();
        catalog.inTransaction(() -> {
            record(result, roots, now, problems);
            return null;
        });
        return new SyncResult(result, List.copyOf(problems));
    }

    private void record(DiscoveryResult result, List<ExportRoot> roots, Instant now, List<String> problems) {
        Map<Path, List<String>> seenByRoot = new HashMap<>();
        for (DiscoveredVolume volume : result.volumes()) {
            MappingDecision decision = MappingRules.decide(evidence(volume));
            decision.conflicts().forEach(c -> problems.add(volume.path() + ": " + c));
            ClaimRecord claim = ClaimIdentity.claimFor(catalog, decision, now);
            String path = volume.path().toString();
            if (decision.resolved()) {
                catalog.rememberMapping(path, volume.pvName(), decision.namespace(), decision.name(), decision.mappedBy(),
                        decision.reason(), now);
            }
            Optional<VolumeRecord> existing = catalog.volumeByPath(path);
            if (existing.isPresent() && existing.get().claimId() != claim.id()) {
                catalog.moveVolume(existing.get().id(), claim.id());
            }
            catalog.upsertVolume(claim.id(), volume.exportRoot().toString(), path, volume.pvName(), volume.layout(),
                    volume.state().name().toLowerCase(java.util.Locale.ROOT), now);
            seenByRoot.computeIfAbsent(volume.exportRoot(), k -> new ArrayList<>()).add(path);
        }
        for (ExportRoot root : roots) {
            if (result.problems().stream().noneMatch(p -> p.contains(root.path().toString()))) {
                catalog.markMissing(root.path().toString(), seenByRoot.getOrDefault(root.path(), List.of()), now);
            }
        }
        for (ClaimRecord claim : catalog.claims()) {
            chooseCurrent(claim.id());
        }
    }

    private MappingRules.Evidence evidence(DiscoveredVolume volume) {
        String path = volume.path().toString();
        Optional<ClaimName> manual = catalog.manualMappingAt(path).map(m -> new ClaimName(m.namespace(), m.name()));
        Optional<InventoryPvRecord> pv = catalog.inventoryPvAt(path)
                .or(() -> volume.pvName() == null ? Optional.empty() : catalog.inventoryPv(volume.pvName()));
        Optional<ClaimName> inventory = pv.filter(p -> p.claimNamespace() != null && p.claimName() != null)
                .map(p -> new ClaimName(p.claimNamespace(), p.claimName()));
        List<MappingRecord> remembered = catalog.mappingsAt(path);
        return new MappingRules.Evidence(volume, manual, inventory, pv.map(InventoryPvRecord::source).orElse(null), remembered);
    }

    private void chooseCurrent(long claimId) {
        catalog.volumesOf(claimId).stream()
                .filter(v -> v.state().equals("live"))
                .max(Comparator.comparing(VolumeRecord::firstSeen).thenComparing(VolumeRecord::id))
                .filter(v -> !v.current())
                .ifPresent(v -> catalog.setCurrentVolume(claimId, v.id()));
    }
}
