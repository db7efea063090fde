package org.claimback.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtherExportsCheckTest {
    private static final String UUID = "0b5ef3ee-6d5c-4a1e-9a53-1a2b3c4d5e6f";

    @TempDir
    Path tmp;

    private DoctorSetup doctor() throws Exception {
        return DoctorSetup.create(tmp, Path.of("/usr/bin/restic"));
    }

    @Test
    void should_be_ok_when_every_export_is_configured() throws Exception {
        CheckResult result = doctor().exported().run(new OtherExportsCheck());

        assertEquals(CheckResult.ok("other-exports", "nothing exported besides the configured export roots"), result);
    }

    @Test
    void should_suggest_exports_missing_from_the_config_with_their_pv_directories() throws Exception {
        DoctorSetup doctor = doctor();
        Path other = Files.createDirectories(tmp.resolve("srv/other"));
        Files.createDirectories(other.resolve("default-data-pvc-" + UUID));
        Files.createDirectories(other.resolve("pvc-" + UUID.replace('0', '1')));
        Files.createDirectories(other.resolve("not-a-volume"));
        Files.writeString(other.resolve("file-pvc-" + UUID), "a file is no PV directory");
        Path empty = Files.createDirectories(tmp.resolve("srv/empty"));
        doctor.exportsFile(doctor.setup().export().root() + " *(rw)", other + " *(rw)", empty + " 10.0.0.1(ro)");

        CheckResult result = doctor.run(new OtherExportsCheck());

        assertEquals(CheckResult.warn("other-exports", "exported but not in the config: " + other + " (" + doctor.exports()
                + ":2, 2 PV directories); " + empty + " (" + doctor.exports() + ":3, no PV directories): if the provisioner"
                + " creates PV directories there, add `- path: DIR` under `exports:` in " + doctor.setup().config()), result);
    }

    @Test
    void should_leave_out_the_pseudo_root_and_exports_inside_configured_roots() throws Exception {
        DoctorSetup doctor = doctor();
        Path root = doctor.setup().export().root();
        Path inside = Files.createDirectories(root.resolve("default-data-pvc-" + UUID));
        doctor.exportsFile(tmp + " *(rw,fsid=0)", root + " *(rw)", inside + " 10.0.0.9(rw)");

        assertEquals(CheckResult.ok("other-exports", "nothing exported besides the configured export roots and " + tmp
                + " (no PV directories right in it)"), doctor.run(new OtherExportsCheck()));
    }

    @Test
    void should_suggest_the_pseudo_root_when_pv_directories_lie_in_it() throws Exception {
        DoctorSetup doctor = doctor();
        Path pseudo = Files.createDirectories(tmp.resolve("nfs4"));
        Files.createDirectories(pseudo.resolve("archived-default-data-pvc-" + UUID));
        doctor.exportsFile(doctor.setup().export().root() + " *(rw)", pseudo + " *(rw,fsid=root)");

        CheckResult result = doctor.run(new OtherExportsCheck());

        assertEquals(Status.WARN, result.status(), result::toString);
        assertEquals(true, result.detail().contains(pseudo + " (" + doctor.exports() + ":2, 1 PV directory)"), result::toString);
    }

    @Test
    void should_suggest_a_parent_of_a_root_only_when_pv_directories_lie_in_it() throws Exception {
        DoctorSetup doctor = doctor().exportsFile(tmp + " *(rw)");
        assertEquals(Status.OK, doctor.run(new OtherExportsCheck()).status());

        Files.createDirectories(tmp.resolve("default-data-pvc-" + UUID));
        assertEquals(Status.WARN, doctor.run(new OtherExportsCheck()).status());
    }
}
