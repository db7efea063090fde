package org.claimback.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.claimback.testing.LoopBtrfs;
import org.claimback.testing.TestSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fs-snapshot} against a real btrfs on a loop device and the ext4 (or tmpfs) temp directory. */
class FsSnapshotCheckTest {
    @TempDir
    static Path shared;
    static LoopBtrfs btrfs;

    @TempDir
    Path tmp;

    @BeforeAll
    static void mount() throws IOException {
        btrfs = LoopBtrfs.create(shared, 256);
    }

    @AfterAll
    static void unmount() throws IOException {
        if (btrfs != null) {
            btrfs.close();
        }
    }

    /** A doctor whose config lists {@code exportsYaml} (the lines under {@code exports:}). */
    private DoctorSetup doctor(String exportsYaml) throws IOException {
        DoctorSetup doctor = DoctorSetup.create(tmp, Path.of("/usr/bin/restic"));
        TestSetup s = doctor.setup();
        Files.writeString(s.config(), "exports:\n" + exportsYaml
                + "repository: " + s.repository() + "\n"
                + "passwordFile: " + s.passwordFile() + "\n"
                + "catalog: " + s.catalog() + "\n");
        return doctor;
    }

    @Test
    void an_export_on_btrfs_with_snapshot_btrfs_is_ok_and_says_where_snapshots_go() throws Exception {
        Path root = Files.createDirectories(btrfs.export().resolve("k8s"));
        DoctorSetup doctor = doctor("  - path: " + root + "\n    snapshot: btrfs\n");

        assertEquals(CheckResult.ok("fs-snapshot", root + " is in the btrfs subvolume " + btrfs.export() + " (snapshots go to "
                + btrfs.export().resolve(".claimback-snapshots") + "); btrfs at " + ResticCheck.where(Path.of("btrfs"))),
                doctor.run(new FsSnapshotCheck()));
    }

    @Test
    void snapshot_btrfs_on_a_directory_that_is_not_on_btrfs_fails_in_one_line() throws Exception {
        DoctorSetup doctor = doctor("  - path: " + tmp.resolve("export") + "\n    snapshot: btrfs\n");
        String type = Files.getFileStore(tmp).type();

        assertEquals(CheckResult.fail("fs-snapshot", tmp.resolve("export") + " is on " + type
                + ", not btrfs: set snapshot: none or move the export to a btrfs filesystem"), doctor.run(new FsSnapshotCheck()));
    }

    @Test
    void exports_without_snapshot_are_not_checked() throws Exception {
        DoctorSetup doctor = doctor("  - path: " + tmp.resolve("export") + "\n  - path: " + btrfs.export() + "\n    snapshot: none\n");

        assertEquals(CheckResult.ok("fs-snapshot", "not used: no export has snapshot: btrfs"), doctor.run(new FsSnapshotCheck()));
    }

    @Test
    void snapshot_btrfs_without_btrfs_progs_fails_and_says_to_install_them() throws Exception {
        DoctorSetup doctor = doctor("  - path: " + btrfs.export() + "\n    snapshot: btrfs\n");
        Path missing = tmp.resolve("bin/btrfs");

        assertEquals(CheckResult.fail("fs-snapshot", "btrfs-progs is not installed (no " + missing + "), but " + doctor.setup().config()
                + " asks for snapshot: btrfs: install btrfs-progs (apt-get install btrfs-progs)"), doctor.run(new FsSnapshotCheck(missing)));
    }

    @Test
    void the_standard_checks_include_fs_snapshot() throws Exception {
        DoctorSetup doctor = doctor("  - path: " + tmp.resolve("export") + "\n");

        assertEquals(1, Doctor.standardChecks(doctor.context()).stream().filter(c -> c.name().equals("fs-snapshot")).count());
    }
}
