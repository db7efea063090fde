package org.claimback.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.claimback.backup.BackupListener;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.RunRecord;
import org.claimback.config.ConfigLoader;
import org.claimback.engine.Engine;
import org.claimback.outcome.ExitCode;
import org.claimback.restic.SnapshotFilter;
import org.claimback.schedule.BackupAll;
import org.claimback.testing.ResticBinaries;
import org.claimback.testing.TestSetup;
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One claim's failing forget: real restic cannot be made to fail for one claim only, so a
 * wrapper script fails every call that names {@code claim-key=default-db} and passes the rest to
 * real restic.
 */
class RetentionFailureTest {
    @TempDir
    Path tmp;

    @Test
    void should_record_and_report_a_failed_claim_and_still_apply_retention_to_the_others() throws Exception {
        TestSetup setup = TestSetup.create(tmp, ResticBinaries.v018());
        setup.writeConfig("retention:\n  keepLast: 1\n");
        Path web = setup.export().newVolume("default", "web");
        Path db = setup.export().newVolume("default", "db");
        try (Engine engine = Engine.open(ConfigLoader.load(setup.config()))) {
            for (int i = 1; i <= 2; i++) {
                VolumeTrees.write(web.resolve("page" + i), ("page " + i).getBytes());
                VolumeTrees.write(db.resolve("row" + i), ("row " + i).getBytes());
                BackupAll.run(engine, "cli", BackupListener.NONE);
            }
        }
        Path wrapper = tmp.resolve("restic-failing-db");
        Files.writeString(wrapper, "#!/bin/bash\ncase \"$*\" in *claim-key=default-db*) echo 'Fatal: simulated failure' >&2; exit 1;; esac\n"
                + "exec " + ResticBinaries.v018() + " \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        String config = Files.readString(setup.config()).replace("binary: " + ResticBinaries.v018(), "binary: " + wrapper);
        Files.writeString(setup.config(), config);

        try (Engine engine = Engine.open(ConfigLoader.load(setup.config()))) {
            assertEquals(ExitCode.FAILED, Retention.of(engine).runAll("schedule"));

            ClaimRecord dbClaim = engine.catalog().claimNamed("default", "db").orElseThrow();
            ClaimRecord webClaim = engine.catalog().claimNamed("default", "web").orElseThrow();
            RunRecord failed = engine.catalog().runsOfKind("retention", dbClaim.id(), 1).get(0);
            assertEquals("failed", failed.state(), failed::toString);
            assertTrue(failed.error().startsWith("retention of default/db failed: ") && failed.error().contains("simulated failure"),
                    failed::toString);
            assertEquals("ok", engine.catalog().runsOfKind("retention", webClaim.id(), 1).get(0).state());
            assertEquals(1, engine.restic().snapshots(SnapshotFilter.tagged("claim-key=default-web")).size());
            assertEquals(2, engine.catalog().snapshotsOf(dbClaim.id()).size(), "nothing of the failed claim is deleted");
        }
    }
}
