package org.claimback.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A configured export root against the export table, with real directories and a real exports file. */
class ExportRootCheckTest {
    @TempDir
    Path tmp;

    private DoctorSetup doctor() throws Exception {
        return DoctorSetup.create(tmp, Path.of("/usr/bin/restic"));
    }

    private static CheckResult check(DoctorSetup doctor) {
        return doctor.run(new ExportRootCheck(doctor.setup().export().root()));
    }

    @Test
    void should_accept_a_root_exported_itself_and_say_where() throws Exception {
        DoctorSetup doctor = doctor().exported();
        Path root = doctor.setup().export().root();

        assertEquals(CheckResult.ok("export-root", root + " is exported in " + doctor.exports() + ":2 to *(rw,sync,no_subtree_check)"),
                check(doctor));
    }

    @Test
    void should_accept_a_root_that_lies_under_an_exported_path() throws Exception {
        DoctorSetup doctor = doctor().exportsFile(tmp + " 10.0.0.0/8(rw)");

        assertEquals(CheckResult.ok("export-root", doctor.setup().export().root() + " lies under " + tmp + ", exported in "
                + doctor.exports() + ":1 to 10.0.0.0/8(rw)"), check(doctor));
    }

    @Test
    void should_find_the_root_in_exports_d() throws Exception {
        DoctorSetup doctor = doctor();
        Files.createDirectories(doctor.exportsD());
        Files.writeString(doctor.exportsD().resolve("k8s.exports"), "\n" + doctor.setup().export().root() + " *(rw)\n");

        assertEquals(CheckResult.ok("export-root", doctor.setup().export().root() + " is exported in "
                + doctor.exportsD().resolve("k8s.exports") + ":2 to *(rw)"), check(doctor));
    }

    @Test
    void should_compare_paths_with_symlinks_resolved_as_exportfs_does() throws Exception {
        DoctorSetup doctor = doctor();
        Path link = Files.createSymbolicLink(tmp.resolve("k8s-link"), doctor.setup().export().root());
        doctor.exportsFile(link + " *(rw)");

        assertEquals(Status.OK, check(doctor).status(), () -> check(doctor).toString());
    }

    @Test
    void should_accept_an_escaped_path() throws Exception {
        DoctorSetup doctor = doctor();
        Path root = Files.createDirectories(tmp.resolve("k8s volumes"));
        doctor.exportsFile(tmp + "/k8s\\040volumes *(rw)");

        assertEquals(Status.OK, doctor.run(new ExportRootCheck(root)).status());
    }

    @Test
    void should_warn_when_the_root_is_not_exported() throws Exception {
        DoctorSetup doctor = doctor().exportsFile("/srv/other *(rw)");
        Path root = doctor.setup().export().root();

        assertEquals(CheckResult.warn("export-root", root + " is not in " + doctor.exports() + " (nor " + doctor.exportsD()
                + ", nor under an exported path): is this the directory the provisioner uses?"), check(doctor));
    }

    @Test
    void should_warn_when_there_is_no_export_table() throws Exception {
        assertEquals(Status.WARN, check(doctor()).status());
    }

    @Test
    void should_not_take_a_sibling_with_a_common_prefix_for_a_parent() throws Exception {
        DoctorSetup doctor = doctor().exportsFile(tmp.resolve("exp") + " *(rw)");

        assertEquals(Status.WARN, check(doctor).status(), "export/ is not under exp/");
    }

    @Test
    void should_fail_when_the_root_does_not_exist() throws Exception {
        DoctorSetup doctor = doctor().exported();
        Path missing = tmp.resolve("gone");

        assertEquals(CheckResult.fail("export-root", missing + " does not exist: create it, or fix exports[].path in "
                + doctor.setup().config()), doctor.run(new ExportRootCheck(missing)));
    }

    @Test
    void should_fail_when_the_root_is_a_file() throws Exception {
        DoctorSetup doctor = doctor();
        Path file = Files.writeString(tmp.resolve("file"), "x");

        assertEquals(CheckResult.fail("export-root", file + " is not a directory: fix exports[].path in "
                + doctor.setup().config()), doctor.run(new ExportRootCheck(file)));
    }
}
