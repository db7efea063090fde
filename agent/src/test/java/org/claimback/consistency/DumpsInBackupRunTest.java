package org.claimback.consistency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.claimback.backup.BackupFixture;
import org.claimback.backup.BackupListener;
import org.claimback.backup.RunStates;
import org.claimback.backup.VolumeBackup;
import org.claimback.catalog.DumpRecord;
import org.claimback.restic.Snapshot;
import org.claimback.restic.SnapshotFilter;
import org.claimback.testing.ResticBinaries;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A claim's dumps are taken in its backup run: a good one becomes a snapshot of its own tagged to
 * the claim and the run, one whose producer dies halfway fails the run and is forgotten from the
 * repository by the end of the batch, while the volume's own snapshot stands.
 */
class DumpsInBackupRunTest {
    @TempDir
    Path tmp;

    static Stream<Path> restic() {
        return ResticBinaries.all().stream();
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("restic")
    void a_dump_that_dies_halfway_fails_the_run_and_is_forgotten_while_the_good_one_stays(Path restic) throws Exception {
        byte[] data = new byte[400_000];
        new Random(7).nextBytes(data);
        Path source = tmp.resolve("dump-source.bin");
        Files.write(source, data);
        String config = "claims:\n"
                + "  - match: default/db\n"
                + "    dumps:\n"
                + "      - name: good.sql\n"
                + "        command: [\"cat\", \"" + source + "\"]\n"
                + "      - name: broken.sql\n"
                + "        command: 'head -c 100000 " + source + "; kill -9 $$'\n";
        try (BackupFixture f = BackupFixture.plain(tmp.resolve("setup"), restic, config)) {
            Path volume = f.setup.export().newVolume("default", "db");
            Files.writeString(volume.resolve("postgresql.conf"), "listen_addresses = '*'\n");
            VolumeBackup result = f.backupEngine().backup(List.of(f.volume("db")), "cli", BackupListener.NONE).get(0);

            assertEquals(RunStates.FAILED, result.state(), result::toString);
            assertTrue(result.error().contains("broken.sql"), result.error());
            assertNotNull(result.snapshot(), "the volume's own snapshot stands");
            Map<String, DumpRecord> dumps = f.engine.catalog().dumpsOf(result.claim().id()).stream()
                    .collect(Collectors.toMap(DumpRecord::name, Function.identity()));
            assertEquals("ok", dumps.get("good.sql").state());
            assertEquals(data.length, dumps.get("good.sql").bytes());
            assertEquals(result.runId(), dumps.get("good.sql").runId());
            assertTrue(List.of("forgotten", "failed").contains(dumps.get("broken.sql").state()));

            List<Snapshot> dumpSnapshots = f.engine.restic().snapshots(SnapshotFilter.tagged("claimback-dump"));
            assertEquals(1, dumpSnapshots.size(), "only the good dump is left in the repository: " + dumpSnapshots);
            Snapshot good = dumpSnapshots.get(0);
            assertTrue(good.tags().containsAll(List.of("claim-key=default-db", "dump=good.sql", "run=" + result.runId())),
                    good.tags().toString());
            assertEquals("forgotten", f.engine.catalog().dumpsOf(result.claim().id()).stream()
                    .filter(d -> d.name().equals("broken.sql")).findFirst().orElseThrow().state());
            ByteArrayOutputStream restored = new ByteArrayOutputStream();
            ProcessBuilder plain = new ProcessBuilder(restic.toString(), "dump", good.id(), "/good.sql")
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            plain.environment().put("RESTIC_REPOSITORY", f.setup.repository().toString());
            plain.environment().put("RESTIC_PASSWORD_FILE", f.setup.passwordFile().toString());
            plain.environment().put("RESTIC_CACHE_DIR", tmp.resolve("cache").toString());
            Process dump = plain.start();
            dump.getOutputStream().close();
            dump.getInputStream().transferTo(restored);
            assertEquals(0, dump.waitFor());
            assertArrayEquals(data, restored.toByteArray(), "the dump comes back byte for byte");
            assertEquals(1, f.repositorySnapshots().size(), "the volume snapshots are apart from the dumps");
        }
    }
}
