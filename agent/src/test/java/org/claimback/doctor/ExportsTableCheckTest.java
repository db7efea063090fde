package org.claimback.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportsTableCheckTest {
    @TempDir
    Path tmp;

    private DoctorSetup doctor() throws Exception {
        return DoctorSetup.create(tmp, Path.of("/usr/bin/restic"));
    }

    @Test
    void should_list_the_exported_paths_and_mark_the_pseudo_root() throws Exception {
        DoctorSetup doctor = doctor().exportsFile("/srv/nfs4 *(ro,fsid=0)", "/srv/nfs4/k8s *(rw)", "/srv/nfs4/k8s h(rw)");

        assertEquals(CheckResult.ok("nfs-exports", "2 exported paths: /srv/nfs4 (NFSv4 pseudo-root), /srv/nfs4/k8s"),
                doctor.run(new ExportsTableCheck()));
    }

    @Test
    void should_warn_with_the_first_problem_and_count_the_rest() throws Exception {
        DoctorSetup doctor = doctor().exportsFile("/srv/a *(rw)", "/srv/b h(bogus)", "/srv/c h (rw)");

        assertEquals(CheckResult.warn("nfs-exports", doctor.exports() + ":2: unknown option `bogus` in `h(bogus)`: exportfs"
                + " stops reading " + doctor.exports() + " here (and 2 more problems)"), doctor.run(new ExportsTableCheck()));
    }

    @Test
    void should_show_an_error_that_stops_exportfs_before_warnings() throws Exception {
        DoctorSetup doctor = doctor().exportsFile("/srv/a h", "/srv/b h (rw)", "/srv/c h(rw,,sync)");

        CheckResult result = doctor.run(new ExportsTableCheck());

        assertEquals(doctor.exports() + ":3: empty option in `h(rw,,sync)` (two commas?): exportfs stops reading "
                + doctor.exports() + " here (and 3 more problems)", result.detail());
    }

    @Test
    void should_show_an_export_to_everyone_before_other_warnings() throws Exception {
        DoctorSetup doctor = doctor().exportsFile("/srv/a h", "/srv/b h (rw)");

        CheckResult result = doctor.run(new ExportsTableCheck());

        assertEquals(doctor.exports() + ":2: `(rw)` has no host name, so exportfs exports /srv/b to everyone (*) with these"
                + " options: remove the blank before `(` (host(options)), or write `*(rw)` if everyone is meant (and 2 more"
                + " problems)", result.detail());
    }

    @Test
    void should_warn_when_nothing_is_exported() throws Exception {
        DoctorSetup doctor = doctor().exportsFile("# nothing yet");

        assertEquals(CheckResult.warn("nfs-exports", "nothing is exported in " + doctor.exports() + " or " + doctor.exportsD()
                + ": claimback runs on the NFS server whose exports hold the PV directories"), doctor.run(new ExportsTableCheck()));
    }

    @Test
    void should_run_without_a_config() throws Exception {
        DoctorSetup doctor = doctor().exportsFile("/srv/a *(rw)");
        DoctorContext ctx = DoctorContext.load(tmp.resolve("missing.yaml"), doctor.exports(), doctor.exportsD());

        assertEquals(Status.OK, Doctor.run(ctx).stream().filter(r -> r.name().equals("nfs-exports")).findFirst()
                .orElseThrow().status());
    }
}
