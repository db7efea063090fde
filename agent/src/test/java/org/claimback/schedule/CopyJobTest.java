package org.claimback.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.claimback.catalog.RunRecord;
import org.claimback.config.ConfigLoader;
import org.claimback.engine.Engine;
import org.claimback.notify.Notification;
import org.claimback.testing.ResticBinaries;
import org.claimback.testing.TestSetup;
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The copies after a scheduled backup job, run directly instead of waiting for cron. */
class CopyJobTest {
    @TempDir
    Path tmp;

    @Test
    void a_scheduled_backup_is_copied_to_each_copy_and_a_failing_copy_notifies_without_failing_the_backup() throws Exception {
        TestSetup setup = TestSetup.create(tmp, ResticBinaries.v018());
        Path password = tmp.resolve("etc/offsite.password");
        Files.writeString(password, "offsite password\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        Path unreadable = tmp.resolve("etc/gone.password");
        Files.writeString(unreadable, "gone password\n");
        Files.setPosixFilePermissions(unreadable, PosixFilePermissions.fromString("rw-------"));
        setup.writeConfig("copies:\n"
                + "  - name: gone\n    repository: " + tmp.resolve("copies/gone") + "\n    passwordFile: " + unreadable + "\n"
                + "  - name: offsite\n    repository: " + tmp.resolve("copies/offsite") + "\n    passwordFile: " + password + "\n");
        VolumeTrees.write(setup.export().newVolume("default", "web").resolve("index.html"), "hello".getBytes());

        try (Engine engine = Engine.open(ConfigLoader.load(setup.config()))) {
            Files.delete(unreadable); // removed after the agent started: restic cannot read it
            List<Notification> sent = new CopyOnWriteArrayList<>();
            JobNotices notices = new JobNotices(sent::add, engine.clock());
            new CopyJob(new BackupJob(engine, BackupGroup.of(engine.config()).get(0), notices), engine, notices).execute(null);

            RunRecord backup = engine.catalog().runsOfKind("backup", null, 10).get(0);
            assertEquals("ok", backup.state(), backup::toString);
            List<RunRecord> copies = engine.catalog().runsOfKind("copy", null, 10);
            assertEquals(2, copies.size(), copies::toString);
            RunRecord offsite = copies.get(0);
            RunRecord gone = copies.get(1);
            assertEquals("offsite", offsite.target());
            assertEquals("ok", offsite.state(), offsite::toString);
            assertEquals("schedule", offsite.trigger());
            assertTrue(!offsite.startedAt().isBefore(backup.endedAt()), "copied after the backup");
            assertEquals("gone", gone.target());
            assertEquals("failed", gone.state(), gone::toString);
            assertEquals(2, engine.catalog().copiesIn("offsite").size(), "the volume snapshot and the catalogue copy");

            List<String> events = sent.stream().map(n -> n.job() + " " + n.event()).toList();
            assertEquals(List.of("backup start", "backup success", "copy start", "copy failure"), events, sent::toString);
            Notification failure = sent.get(3);
            assertEquals("failed", failure.state());
            assertTrue(failure.message().startsWith("copy to gone (" + tmp.resolve("copies/gone") + ") failed: "), failure::message);
            assertTrue(failure.message().contains(unreadable.toString()), "names the password file: " + failure.message());
        }
    }

    @Test
    void no_copy_runs_without_copies_in_the_config() throws Exception {
        TestSetup setup = TestSetup.create(tmp, ResticBinaries.v018());
        VolumeTrees.write(setup.export().newVolume("default", "web").resolve("index.html"), "hello".getBytes());
        try (Engine engine = Engine.open(ConfigLoader.load(setup.config()))) {
            List<Notification> sent = new CopyOnWriteArrayList<>();
            JobNotices notices = new JobNotices(sent::add, engine.clock());
            new CopyJob(new BackupJob(engine, BackupGroup.of(engine.config()).get(0), notices), engine, notices).execute(null);
            assertEquals(List.of(), engine.catalog().runsOfKind("copy", null, 10));
            assertEquals(List.of("backup start", "backup success"), sent.stream().map(n -> n.job() + " " + n.event()).toList());
        }
    }

    @Test
    void a_copy_whose_server_is_down_is_tried_again_with_backoff_and_succeeds_once_the_server_is_back() throws Exception {
        TestSetup setup = TestSetup.create(tmp, ResticBinaries.v018());
        Path password = tmp.resolve("etc/offsite.password");
        Files.writeString(password, "offsite password\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        try (org.claimback.testing.S3Server s3 = org.claimback.testing.S3Server.start(tmp.resolve("s3"))) {
            Path env = s3.writeEnvFile(tmp.resolve("etc/offsite.env"));
            setup.writeConfig("agent:\n  unreachableRetries: 3\n  unreachableBackoff: 1s\n"
                    + "copies:\n  - name: offsite\n    repository: " + s3.repository("copies", "offsite") + "\n"
                    + "    passwordFile: " + password + "\n    repositoryEnvFile: " + env + "\n");
            VolumeTrees.write(setup.export().newVolume("default", "web").resolve("index.html"), "hello".getBytes());
            s3.kill();
            try (Engine engine = Engine.open(ConfigLoader.load(setup.config()))) {
                List<Notification> sent = new CopyOnWriteArrayList<>();
                JobNotices notices = new JobNotices(sent::add, engine.clock());
                Thread back = new Thread(() -> {
                    try {
                        Thread.sleep(2500); // after the first two attempts (waits of 1 s, then 2 s)
                        s3.start();
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
                back.start();
                new CopyJob(new BackupJob(engine, BackupGroup.of(engine.config()).get(0), notices), engine, notices).execute(null);
                back.join();

                List<RunRecord> copies = engine.catalog().runsOfKind("copy", null, 10);
                assertTrue(copies.size() >= 2, copies::toString);
                assertEquals("ok", copies.get(0).state(), copies::toString);
                for (RunRecord failed : copies.subList(1, copies.size())) {
                    assertEquals("failed", failed.state(), copies::toString);
                    assertTrue(failed.error().contains("cannot reach repository " + s3.repository("copies", "offsite")), failed::error);
                }
                assertEquals(2, engine.catalog().copiesIn("offsite").size(), "the volume snapshot and the catalogue copy");
                assertEquals("copy success", sent.get(sent.size() - 1).job() + " " + sent.get(sent.size() - 1).event(), sent::toString);
            }
        }
    }
}
