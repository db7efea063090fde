package org.claimback.runbook;

import java.util.Optional;
import org.claimback.backup.RootAttributes;
import org.claimback.backup.SnapshotTags;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.SnapshotRecord;
import org.claimback.config.Config;
import org.claimback.restic.Restic;

/**
 * The shell lines that restore one claim's snapshot with plain restic, no claimback: find the
 * snapshot by its tags, restore it into the target (restic puts the tree straight into it, since
 * claimback backs up {@code .} from inside the volume), then give the target the owner and mode
 * of the original volume root, which restic does not store and claimback keeps in the
 * {@code root=} tag. Every line runs as printed under {@code bash -e} with restic 0.14 and later.
 */
final class PlainRestic {
    /** The TARGET value when the claim has no current volume: an empty string, so mkdir fails and nothing runs on. */
    static final String NO_TARGET = "";

    private PlainRestic() {}

    /**
     * @param target the directory to restore into, or {@link #NO_TARGET}
     */
    static String lines(Config config, ClaimRecord claim, SnapshotRecord snapshot, String target) {
        String repository = Restic.redact(config.repository());
        StringBuilder out = new StringBuilder();
        if (!repository.equals(config.repository())) {
            out.append("# the repository's credentials are not printed: put them back into RESTIC_REPOSITORY\n");
        }
        out.append("export RESTIC_REPOSITORY=").append(Shell.quote(repository))
                .append(" RESTIC_PASSWORD_FILE=").append(Shell.quote(config.passwordFile().toString())).append('\n');
        out.append("restic snapshots --host ").append(Shell.quote(snapshot.host())).append(" --tag ")
                .append(Shell.quote(SnapshotTags.MARK + "," + SnapshotTags.CLAIM_KEY + claim.claimKey()))
                .append("   # find it; check the namespace= and claim= tags\n");
        if (target.equals(NO_TARGET)) {
            out.append("TARGET=''   # FILL IN the new, empty PV directory\n");
        } else {
            out.append("TARGET=").append(Shell.quote(target)).append("   # must be empty or absent\n");
        }
        out.append("mkdir -p \"$TARGET\" && restic restore ").append(snapshot.resticId())
                .append(" --target \"$TARGET\" --verify\n");
        Optional<String> root = SnapshotTags.value(snapshot.tags(), SnapshotTags.ROOT);
        if (root.isPresent()) {
            RootAttributes a = RootAttributes.parse(root.get());
            // a leading 0 before the 4 octal digits: GNU chmod then also clears set-gid bits a directory inherited
            out.append("chown ").append(a.uid()).append(':').append(a.gid()).append(" \"$TARGET\" && chmod ")
                    .append(String.format("0%04o", a.mode())).append(" \"$TARGET\"   # from the snapshot's root= tag\n");
        } else {
            out.append("# this snapshot has no root= tag: give \"$TARGET\" the owner and mode the application expects\n");
        }
        return out.toString();
    }
}
