package org.claimback.restore;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.SnapshotRecord;
import org.claimback.staticpv.NewPv;
import org.claimback.staticpv.StaticPvs;

/**
 * {@code --to-new-pv}: each claim goes into a fresh PV directory on an export. Planning names the
 * directory (creates nothing); {@link #ready} makes it, empty, just before its restore and records
 * the mapping; {@link #manifests} describes the PVs (and PVCs with {@code volumeName}) to apply.
 */
public final class NewPvTargets implements TargetRule {
    private final StaticPvs pvs;
    private final Path export;
    private final String nfsServer;
    private final Map<Long, NewPv> planned = new ConcurrentHashMap<>();

    /** @param export an export root, or null (the claim's own); @param nfsServer null: the remembered or configured one */
    public NewPvTargets(StaticPvs pvs, Path export, String nfsServer) {
        this.pvs = pvs;
        this.export = export;
        this.nfsServer = nfsServer;
    }

    @Override
    public ChosenTarget choose(ClaimRecord claim, SnapshotRecord snapshot) {
        NewPv pv = pvs.plan(claim, export, nfsServer);
        planned.put(claim.id(), pv);
        return new ChosenTarget(pv.directory(), "a new PV directory " + pv.pvName() + " on " + pv.exportRoot()
                + " (--to-new-pv)" + (pv.guessed().isEmpty() ? "" : "; guessed for its manifest: " + String.join(", ", pv.guessed())),
                false);
    }

    @Override
    public void ready(PlannedRestore p) {
        pvs.create(pv(p.claim()));
    }

    /** The planned PV of a claim this rule chose a target for. */
    public NewPv pv(ClaimRecord claim) {
        NewPv pv = planned.get(claim.id());
        if (pv == null) {
            throw new IllegalStateException("no new PV was planned for " + claim.claimKey());
        }
        return pv;
    }

    /** The PV and PVC manifests (one YAML stream) of these claims. */
    public String manifests(List<ClaimRecord> claims) {
        return StaticPvs.manifests(claims.stream().map(this::pv).toList());
    }
}
