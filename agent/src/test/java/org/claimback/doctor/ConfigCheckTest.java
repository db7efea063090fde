package org.claimback.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCheckTest {
    @TempDir
    Path tmp;

    @Test
    void should_say_what_the_config_names() throws Exception {
        DoctorSetup doctor = DoctorSetup.create(tmp, Path.of("/usr/bin/restic"));

        assertEquals(CheckResult.ok("config", doctor.setup().config() + " loads: 1 export root, repository "
                + doctor.setup().repository() + ", host claimback-test"), doctor.run(new ConfigCheck()));
    }

    @Test
    void should_fail_with_file_line_and_key() throws Exception {
        DoctorSetup doctor = DoctorSetup.create(tmp, Path.of("/usr/bin/restic"));
        doctor.setup().writeConfig("retension: 7\n");

        assertEquals(CheckResult.fail("config", "config " + doctor.setup().config() + ":10: retension: unknown key: known keys"
                + " here are agent, backup, catalog, check, claims, copies, drill, exports, host, inventory, limits, namespaces, notify,"
                + " passwordFile, repository, repositoryEnvFile, repositoryOptions, restic, retention, schedule, sqlite, status"),
                doctor.run(new ConfigCheck()));
    }

    @Test
    void should_fail_for_a_missing_file() {
        Path missing = tmp.resolve("nope.yaml");
        CheckResult result = Doctor.runAll(DoctorContext.load(missing, tmp.resolve("e"), tmp.resolve("e.d")),
                java.util.List.of(new ConfigCheck())).get(0);

        assertEquals(CheckResult.fail("config", "config " + missing
                + ": no such file: create it (see install/config.example.yaml) or pass --config FILE"), result);
    }
}
