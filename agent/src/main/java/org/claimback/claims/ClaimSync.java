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
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ClaimSync.class);
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
        long t0 = System.nanoTime();
        List<ExportRoot> roots = roots(config);
        List<String> problems = new ArrayList<>(inventoryFiles.refresh(catalog, roots, clock.instant()));
        long t1 = System.nanoTime();
        DiscoveryResult result = discovery.scan(roots);
        problems.addAll(result.problems());
        long t2 = System.nanoTime();
        Instant now = clock.instant();
        catalog.inTransaction(() -> {
            record(result, roots, now, problems);
            return null;
        });
        LOG.debug("sync: inventories {} ms, discovery of {} volumes {} ms, catalogue {} ms", (t1 - t0) / 1_000_000,
                result.volumes().size(), (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
        return new SyncResult(result, List.copyOf(problems));
    }

    private void record(DiscoveryResult result, List<ExportRoot> roots, Instant now, List<String> problems) {
        Known known = new Known(catalog);
        ClaimIndex claims = new ClaimIndex(catalog);
        Map<Path, List<String>> seenByRoot = new HashMap<>();
        for (DiscoveredVolume volume : result.volumes()) {
            String path = volume.path().toString();
            MappingDecision decision = MappingRules.decide(known.evidence(volume));
            decision.conflicts().forEach(c -> problems.add(path + ": " + c));
            ClaimRecord claim = ClaimIdentity.claimFor(claims, decision, now);
            if (decision.resolved() && !known.remembers(path, decision)) {
                catalog.rememberMapping(path, volume.pvName(), decision.namespace(), decision.name(), decision.mappedBy(),
                        decision.reason(), now);
            }
            Optional<VolumeRecord> existing = Optional.ofNullable(known.volumes.get(path)).or(() -> renamed(volume));
            if (existing.isPresent() && existing.get().claimId() != claim.id()) {
                catalog.moveVolume(existing.get().id(), claim.id());
            }
            String state = state(volume, known);
            boolean unchanged = existing.isPresent() && existing.get().claimId() == claim.id()
                    && existing.get().state().equals(state) && existing.get().path().equals(path)
                    && existing.get().layout().equals(volume.layout())
                    && (volume.pvName() == null || volume.pvName().equals(existing.get().pvName()));
            if (!unchanged) {
                catalog.upsertVolume(claim.id(), volume.exportRoot().toString(), path, volume.pvName(), volume.layout(),
                        state, now);
            }
            seenByRoot.computeIfAbsent(volume.exportRoot(), k -> new ArrayList<>()).add(path);
        }
        for (ExportRoot root : roots) {
            if (result.read(root.path())) {
                catalog.markMissing(root.path().toString(), seenByRoot.getOrDefault(root.path(), List.of()), now);
            }
        }
        chooseCurrentVolumes();
    }

    /**
     * The volume's state: as its name says, except that a directory whose name reads as an
     * archive but which a PV inventory lists as a bound PV's path is live (a namespace really
     * called {@code archived…}).
     */
    private static String state(DiscoveredVolume volume, Known known) {
        InventoryPvRecord pv = known.inventoryByPath.get(volume.path().toString());
        if (volume.state() == org.claimback.discovery.VolumeState.ARCHIVED && pv != null && "Bound".equals(pv.phase())) {
            return "live";
        }
        return volume.state().name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * A directory not seen before that carries the PV name of a known volume whose directory is
     * gone is that volume, renamed (archived by the provisioner): it keeps its record and snapshots.
     */
    private Optional<VolumeRecord> renamed(DiscoveredVolume volume) {
        if (volume.pvName() == null) {
            return Optional.empty();
        }
        Optional<VolumeRecord> gone = catalog.volumesByPv(volume.pvName()).stream()
                .filter(v -> v.exportRoot().equals(volume.exportRoot().toString()))
                .filter(v -> !java.nio.file.Files.exists(Path.of(v.path()), java.nio.file.LinkOption.NOFOLLOW_LINKS))
                .findFirst();
        gone.ifPresent(v -> catalog.renameVolume(v.id(), volume.path().toString()));
        return gone.map(v -> catalog.volumeById(v.id()).orElseThrow());
    }

    /** Each claim's current volume is its newest live one; written only where that changes. */
    private void chooseCurrentVolumes() {
        Map<Long, List<VolumeRecord>> byClaim = new HashMap<>();
        for (VolumeRecord v : catalog.volumes()) {
            byClaim.computeIfAbsent(v.claimId(), k -> new ArrayList<>()).add(v);
        }
        for (Map.Entry<Long, List<VolumeRecord>> e : byClaim.entrySet()) {
            e.getValue().stream()
                    .filter(v -> v.state().equals("live"))
                    .max(Comparator.comparing(VolumeRecord::firstSeen).thenComparing(VolumeRecord::id))
                    .filter(v -> !v.current())
                    .ifPresent(v -> catalog.setCurrentVolume(e.getKey(), v.id()));
        }
    }

    /** What the catalogue knew when this sync began, read in a few queries instead of a few per volume. */
    private static final class Known {
        final Map<String, VolumeRecord> volumes = new HashMap<>();
        final Map<String, InventoryPvRecord> inventoryByPath = new HashMap<>();
        final Map<String, InventoryPvRecord> inventoryByPv = new HashMap<>();
        final Map<String, List<MappingRecord>> mappings = new HashMap<>();

        Known(Catalog catalog) {
            catalog.volumes().forEach(v -> volumes.put(v.path(), v));
            for (InventoryPvRecord pv : catalog.inventoryPvs()) {
                inventoryByPv.put(pv.pvName(), pv);
                if (pv.localPath() != null) {
                    inventoryByPath.put(pv.localPath(), pv);
                }
            }
            // newest confirmed first, as mappingsAt() returns them
            catalog.mappings().stream()
                    .sorted(Comparator.comparing(MappingRecord::lastConfirmed).reversed())
                    .forEach(m -> mappings.computeIfAbsent(m.path(), k -> new ArrayList<>()).add(m));
        }

        MappingRules.Evidence evidence(DiscoveredVolume volume) {
            String path = volume.path().toString();
            List<MappingRecord> remembered = mappings.getOrDefault(path, List.of());
            Optional<ClaimName> manual = remembered.stream().filter(m -> m.source().equals("manual")).findFirst()
                    .map(m -> new ClaimName(m.namespace(), m.name()));
            Optional<InventoryPvRecord> pv = Optional.ofNullable(inventoryByPath.get(path))
                    .or(() -> Optional.ofNullable(volume.pvName() == null ? null : inventoryByPv.get(volume.pvName())));
            Optional<ClaimName> inventory = pv.filter(p -> p.claimNamespace() != null && p.claimName() != null)
                    .map(p -> new ClaimName(p.claimNamespace(), p.claimName()));
            return new MappingRules.Evidence(volume, manual, inventory, pv.map(InventoryPvRecord::source).orElse(null), remembered);
        }

        boolean remembers(String path, MappingDecision d) {
            return mappings.getOrDefault(path, List.of()).stream().anyMatch(m -> m.source().equals(d.mappedBy())
                    && m.namespace().equals(d.namespace()) && m.name().equals(d.name()));
        }
    }
}
