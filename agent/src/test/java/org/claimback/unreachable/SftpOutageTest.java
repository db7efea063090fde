package org.claimback.unreachable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.claimback.backup.BackupListener;
import org.claimback.backup.VolumeBackup;
import org.claimback.catalog.RunRecord;
import org.claimback.engine.Engine;
import org.claimback.restic.ResticException;
import org.claimback.schedule.BackupAll;
import org.claimback.testing.ResticBinaries;
import org.claimback.testing.SshdServer;
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An sftp server (OpenSSH on loopback) stopped between backups. Its {@code sftp.command} option
 * decides how the server is reached, so claimback's probe steps aside and restic itself finds the
 * server gone: the same one line, classified from what restic and ssh print. Both versions.
 */
class SftpOutageTest {
    @TempDir
    static Path serverDir;
    @TempDir
    Path tmp;

    private static SshdServer sshd;

    @BeforeAll
    static void startServer() throws IOException {
        sshd = SshdServer.start(serverDir.resolve("sshd"));
    }

    @AfterAll
    static void stopServer() {
        if (sshd != null) {
            sshd.close();
        }
    }

    @ParameterizedTest
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void a_backup_while_the_sftp_server_is_down_fails_in_one_line_and_the_first_one_after_it_returns_succeeds(Path restic)
            throws Exception {
        String repository = sshd.repository(tmp.resolve("remote/repo-" + ResticBinaries.versionOf(restic)).toString());
        RemoteSetup setup = RemoteSetup.create(tmp, restic, repository, "AWS_ACCESS_KEY_ID=unused\n",
                "repositoryOptions:\n  - \"" + sshd.repositoryOptions().get(0) + "\"\n");
        VolumeTrees.write(setup.local().export().newVolume("default", "web").resolve("index.html"), "hello".getBytes());

        try (Engine engine = Engine.open(setup.config())) {
            engine.restic().init();
            sshd.stop();
            ResticException e;
            try {
                e = assertThrows(ResticException.class, () -> BackupAll.run(engine, "schedule", BackupListener.NONE));
            } finally {
                sshd.start();
            }
            assertEquals(ResticException.Kind.UNREACHABLE, e.kind(), e::details);
            assertTrue(e.getMessage().startsWith("cannot reach repository " + repository + " (restic backup: "), e::details);
            RunRecord failed = engine.catalog().runsOfKind("backup", null, 10).get(0);
            assertEquals("failed", failed.state());
            assertEquals(e.getMessage(), failed.error());
            engine.catalog().claims().forEach(c -> assertEquals(List.of(), engine.catalog().snapshotsOf(c.id())));

            List<VolumeBackup> next = BackupAll.run(engine, "schedule", BackupListener.NONE);

            assertEquals(List.of("ok"), next.stream().map(VolumeBackup::state).toList(), next::toString);
            assertEquals(List.of("ok", "failed"),
                    engine.catalog().runsOfKind("backup", null, 10).stream().map(RunRecord::state).toList());
        }
    }
}
