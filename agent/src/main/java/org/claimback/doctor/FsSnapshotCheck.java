package org.claimback.doctor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.claimback.config.Config;
import org.claimback.config.ExportConfig;
import org.claimback.fssnapshot.BtrfsSnapshots;
import org.claimback.fssnapshot.FsSnapshotException;

/**
 * {@code fs-snapshot}: every export with {@code snapshot: btrfs} lies in a btrfs subvolume whose
 * root is visible here, and btrfs-progs is installed; else FAIL with the one line that says what
 * to do. OK ("not used") when no export asks for a snapshot. Takes no snapshot: doctor changes
 * nothing.
 */
final class FsSnapshotCheck implements Check {
    static final String NAME = "fs-snapshot";

    private final Path btrfs;

    FsSnapshotCheck() {
        this(Path.of("btrfs"));
    }

    /** @param btrfs the program backups run, a bare name looked up on PATH */
    FsSnapshotCheck(Path btrfs) {
        this.btrfs = btrfs;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> needs() {
        return List.of(ConfigCheck.NAME);
    }

    @Override
    public CheckResult run(DoctorContext ctx) {
        Config config = ctx.requireConfig();
        List<ExportConfig> snapshotted = config.exports().stream().filter(ExportConfig::btrfsSnapshot).toList();
        if (snapshotted.isEmpty()) {
            return CheckResult.ok(NAME, "not used: no export has snapshot: btrfs");
        }
        List<String> failed = new ArrayList<>();
        List<String> fine = new ArrayList<>();
        BtrfsSnapshots snapshots = new BtrfsSnapshots();
        for (ExportConfig export : snapshotted) {
            try {
                Path subvolume = snapshots.subvolumeOf(export.path());
                fine.add(export.path() + " is in the btrfs subvolume " + subvolume + " (snapshots go to "
                        + subvolume.resolve(BtrfsSnapshots.DIRECTORY) + ")");
            } catch (FsSnapshotException e) {
                failed.add(e.getMessage());
            }
        }
        Path found = ResticCheck.where(btrfs);
        if (!Files.isExecutable(found) || Files.isDirectory(found)) {
            failed.add("btrfs-progs is not installed (no " + btrfs + (btrfs.isAbsolute() ? "" : " on PATH")
                    + "), but " + config.file() + " asks for snapshot: btrfs: install btrfs-progs (apt-get install btrfs-progs)");
        }
        if (!failed.isEmpty()) {
            return CheckResult.fail(NAME, String.join("; ", failed));
        }
        return CheckResult.ok(NAME, String.join("; ", fine) + "; btrfs at " + found);
    }
}
