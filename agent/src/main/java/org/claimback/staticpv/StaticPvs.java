package org.claimback.staticpv;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.InventoryPvRecord;
import org.claimback.catalog.SnapshotRecord;
import org.claimback.catalog.VolumeRecord;
import org.claimback.config.Config;
import org.claimback.config.ExportConfig;
import org.claimback.outcome.UserError;

/**
 * Plans, makes and describes fresh static PVs for claims. Storage class, capacity and access modes
 * come from the PV an inventory last listed for the claim; when none did they are guessed: no
 * storage class ({@code ""}, binds statically), {@code ReadWriteMany}, and the newest snapshot's
 * size rounded up to whole GiB (at least 1Gi).
 */
public final class StaticPvs {
    static final String GUESSED_STORAGE_CLASS = "";
    static final List<String> GUESSED_ACCESS_MODES = List.of("ReadWriteMany");
    private static final long GIB = 1L << 30;

    private final Catalog catalog;
    private final Config config;
    private final Clock clock;

    public StaticPvs(Catalog catalog, Config config, Clock clock) {
        this.catalog = catalog;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Plans a fresh directory for the claim on {@code exportOrNull} (must be a configured export
     * root), else the export of the claim's newest volume, else the first export. Creates nothing.
     *
     * @param nfsServerOrNull {@code spec.nfs.server}; null: the server the inventory recorded for the
     *                        claim's old PV, else the config's host
     * @throws UserError when the claim's namespace/name are unknown, or the export is not configured
     */
    public NewPv plan(ClaimRecord claim, Path exportOrNull, String nfsServerOrNull) {
        return plan(claim, exportOrNull, nfsServerOrNull, UUID.randomUUID());
    }

    /** {@link #plan(ClaimRecord, Path, String)} with a given PV uid: {@code pvc-<pvUid>}, for plans that must be repeatable. */
    public NewPv plan(ClaimRecord claim, Path exportOrNull, String nfsServerOrNull, UUID pvUid) {
        if (!claim.resolved()) {
            throw UserError.usage("the namespace and name of claim " + claim.claimKey() + " are not known, so no PV can be"
                    + " bound to it: map it first: claimback claims map DIR NAMESPACE/NAME");
        }
        ExportConfig export = chooseExport(claim, exportOrNull);
        String pvName = "pvc-" + pvUid;
        Path directory = PvDirectories.directoryFor(export, claim.namespace(), claim.name(), pvName);
        Optional<InventoryPvRecord> old = oldPv(claim);
        List<String> guessed = new ArrayList<>();

        String storageClass = old.map(InventoryPvRecord::storageClass).orElse(null);
        if (storageClass == null) {
            storageClass = GUESSED_STORAGE_CLASS;
            guessed.add("storageClassName");
        }
        String capacity = old.map(InventoryPvRecord::capacity).orElse(null);
        if (capacity == null) {
            capacity = capacityFromSnapshots(claim);
            guessed.add("capacity");
        }
        List<String> accessModes = old.map(InventoryPvRecord::accessModes).orElse(List.of());
        if (accessModes.isEmpty()) {
            accessModes = GUESSED_ACCESS_MODES;
            guessed.add("accessModes");
        }
        String server = nfsServerOrNull != null ? nfsServerOrNull : old.map(InventoryPvRecord::nfsServer).orElse(null);
        if (server == null) {
            server = config.host();
            guessed.add("nfs.server (the config's host)");
        }
        String nfsPath = NfsPaths.clientPath(directory, old.map(InventoryPvRecord::nfsPath).orElse(null),
                old.map(InventoryPvRecord::localPath).orElse(null));
        return new NewPv(claim, pvName, directory, export.path().toAbsolutePath().normalize(), server, nfsPath,
                storageClass, capacity, accessModes, guessed);
    }

    /**
     * Makes the planned directory (empty, mode 0777 as the provisioners make them; refuses if it
     * exists) and records the mapping (source manual) so that the next claim sync maps it to this
     * claim and makes it the claim's current volume.
     *
     * @return the directory
     */
    public Path create(NewPv pv) {
        if (!Files.isDirectory(pv.exportRoot())) {
            throw UserError.usage("the export root " + pv.exportRoot() + " is not a directory: create or mount it, or fix"
                    + " exports in " + config.file());
        }
        try {
            Files.createDirectories(pv.directory().getParent());
            Files.createDirectory(pv.directory());
            Files.setPosixFilePermissions(pv.directory(), PosixFilePermissions.fromString("rwxrwxrwx"));
        } catch (FileAlreadyExistsException e) {
            throw UserError.failed(pv.directory() + " already exists, and a new PV never reuses a directory: plan again"
                    + " for a fresh name");
        } catch (IOException e) {
            throw UserError.failed("cannot create the PV directory " + pv.directory() + ": " + e.getMessage()
                    + ": check that the export root is writable by root");
        }
        catalog.rememberMapping(pv.directory().toString(), pv.pvName(), pv.claim().namespace(), pv.claim().name(),
                "manual", "claimback restore --to-new-pv", clock.instant());
        return pv.directory();
    }

    /** PV + PVC (with spec.volumeName) as YAML documents for one claim. */
    public static String manifest(NewPv pv) {
        return PvManifest.manifest(pv);
    }

    /** Several claims' manifests as one multi-document YAML stream, sorted by namespace then name. */
    public static String manifests(List<NewPv> pvs) {
        return PvManifest.manifests(pvs);
    }

    private ExportConfig chooseExport(ClaimRecord claim, Path exportOrNull) {
        if (exportOrNull != null) {
            Path wanted = exportOrNull.toAbsolutePath().normalize();
            return config.exports().stream().filter(e -> normalized(e).equals(wanted)).findFirst()
                    .orElseThrow(() -> UserError.usage("--export " + exportOrNull + " is not an export root of "
                            + config.file() + ": use one of " + config.exports().stream().map(e -> normalized(e).toString())
                            .collect(Collectors.joining(", "))));
        }
        return newestVolume(claim)
                .flatMap(v -> config.exports().stream().filter(e -> normalized(e).toString().equals(v.exportRoot())).findFirst())
                .orElse(config.exports().get(0));
    }

    private Optional<VolumeRecord> newestVolume(ClaimRecord claim) {
        List<VolumeRecord> volumes = catalog.volumesOf(claim.id());
        return volumes.stream().filter(VolumeRecord::current).findFirst()
                .or(() -> volumes.stream().max(Comparator.comparing(VolumeRecord::firstSeen).thenComparing(VolumeRecord::id)));
    }

    /** The PV an inventory last listed for the claim, else for one of its volumes (newest first). */
    private Optional<InventoryPvRecord> oldPv(ClaimRecord claim) {
        Optional<InventoryPvRecord> byClaim = catalog.newestInventoryPvOfClaim(claim.namespace(), claim.name());
        if (byClaim.isPresent()) {
            return byClaim;
        }
        List<VolumeRecord> volumes = new ArrayList<>(catalog.volumesOf(claim.id()));
        volumes.sort(Comparator.comparing(VolumeRecord::firstSeen).thenComparing(VolumeRecord::id).reversed());
        for (VolumeRecord v : volumes) {
            Optional<InventoryPvRecord> pv = v.pvName() == null ? Optional.empty() : catalog.inventoryPv(v.pvName());
            pv = pv.or(() -> catalog.inventoryPvAt(v.path()));
            if (pv.isPresent()) {
                return pv;
            }
        }
        return Optional.empty();
    }

    /** The newest snapshot's size rounded up to whole GiB, at least 1Gi. */
    private String capacityFromSnapshots(ClaimRecord claim) {
        List<SnapshotRecord> snapshots = catalog.snapshotsOf(claim.id());
        long bytes = snapshots.isEmpty() ? 0 : snapshots.get(0).bytesTotal();
        return Math.max(1, (bytes + GIB - 1) / GIB) + "Gi";
    }

    private static Path normalized(ExportConfig export) {
        return export.path().toAbsolutePath().normalize();
    }
}
