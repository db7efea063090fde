package org.claimback.restore;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.CopyRecord;
import org.claimback.catalog.SnapshotRecord;
import org.claimback.config.RepositoryConfig;
import org.claimback.engine.Engine;
import org.claimback.outcome.UserError;
import org.claimback.repository.RepositoryAccess;
import org.claimback.restic.Restic;

/**
 * An offsite copy ({@code copies[]}) as the source of restores ({@code restore --from COPY}). The
 * catalogue names snapshots by their id in the primary repository; the copy holds some of them
 * under ids of its own, which the catalogue's copy records give. The snapshot is chosen as without
 * a copy; this only translates its id, and says so in one line when the copy does not hold it.
 */
public final class CopySource {
    private final String name;
    private final Restic restic;
    private final RepositoryAccess access;
    private final Catalog catalog;

    private CopySource(String name, Restic restic, RepositoryAccess access, Catalog catalog) {
        this.name = name;
        this.restic = restic;
        this.access = access;
        this.catalog = catalog;
    }

    /** The copy of this name in the engine's config; a usage error naming the copies there are when there is none. */
    public static CopySource of(Engine engine, String name) {
        Restic restic = engine.copyRestic(name);
        RepositoryConfig copy = engine.config().copy(name);
        return new CopySource(name, restic, new RepositoryAccess(engine.config().withRepository(copy), restic),
                engine.catalog());
    }

    /** The copy's {@code copies[].name}. */
    public String name() {
        return name;
    }

    /** restic for the copy repository. */
    public Restic restic() {
        return restic;
    }

    /** Checks restic and the copy repository before a restore (never creates it). */
    public RepositoryAccess access() {
        return access;
    }

    /**
     * The catalogue's (primary) id for {@code requested}: itself when the catalogue knows a snapshot
     * by it, else the primary id of the snapshot the copy holds under that id (or its prefix).
     */
    public String primaryId(String requested) {
        if (requested == null) {
            return null;
        }
        String prefix = requested.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (catalog.snapshotByResticId(prefix).isPresent()) {
                return requested;
            }
        } catch (RuntimeException e) {
            return requested; // ambiguous: SnapshotChoice says so
        }
        List<CopyRecord> matches = catalog.copiesIn(name).stream().filter(c -> c.copyResticId().startsWith(prefix)).toList();
        return matches.size() == 1 ? matches.get(0).resticId() : requested;
    }

    /** The id of {@code snapshot} in the copy, if the copy holds it. */
    public Optional<String> idOf(SnapshotRecord snapshot) {
        return catalog.copiesOf(snapshot.resticId()).stream().filter(c -> c.copyName().equals(name))
                .map(CopyRecord::copyResticId).findFirst();
    }

    /** The id of {@code snapshot} in the copy, or a one-line error saying which of the claim's snapshots it holds. */
    public String requireIdOf(ClaimRecord claim, SnapshotRecord snapshot) {
        return idOf(snapshot).orElseThrow(() -> notHeld(claim, snapshot));
    }

    /** The plan with every claim whose chosen snapshot the copy does not hold skipped, saying why. */
    public List<PlannedRestore> holding(List<PlannedRestore> plan) {
        List<PlannedRestore> checked = new ArrayList<>();
        for (PlannedRestore p : plan) {
            checked.add(p.skipped() || idOf(p.snapshot()).isPresent() ? p
                    : new PlannedRestore(p.claim(), p.snapshot(), null, notHeld(p.claim(), p.snapshot())));
        }
        return checked;
    }

    private UserError notHeld(ClaimRecord claim, SnapshotRecord snapshot) {
        String key = claim.claimKey();
        List<SnapshotRecord> held = catalog.snapshotsOf(claim.id()).stream().filter(s -> idOf(s).isPresent()).toList();
        String holds = held.isEmpty() ? "it holds none of " + key + "'s snapshots"
                : "it holds " + held.size() + " of " + key + "'s snapshots, the newest " + held.get(0).shortId() + " of "
                        + held.get(0).time();
        return UserError.failed("snapshot " + snapshot.shortId() + " of " + key + " is not in copy " + name + " (" + holds
                + "): run `claimback copy --to " + name + "` while the repository is there, or pass --snapshot with one the"
                + " copy holds (`claimback backups " + key + "` lists them)");
    }
}
