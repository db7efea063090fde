package org.claimback.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import org.claimback.backup.BackupListener;
import org.claimback.catalog.RunRecord;
import org.claimback.config.ConfigLoader;
import org.claimback.engine.Engine;
import org.claimback.outcome.ExitCode;
import org.claimback.schedule.BackupAll;
import org.claimback.testing.TestSetup;
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** restic check on real repositories, clean and damaged. */
class RepositoryCheckTest {
    @TempDir
    Path tmp;

    private Engine backedUp(Path restic, int subsets) throws Exception {
        TestSetup setup = TestSetup.create(tmp, restic);
        setup.writeConfig("check:\n  readDataSubsets: " + subsets + "\nagent:\n  lockWait: 3s\n");
        Path data = setup.export().newVolume("default", "media");
        VolumeTrees.write(data.resolve("movie.bin"), VolumeTrees.bytes(new Random(7), 200_000));
        VolumeTrees.write(data.resolve("notes.txt"), "notes".getBytes());
        Engine engine = Engine.open(ConfigLoader.load(setup.config()));
        assertEquals(1, BackupAll.run(engine, "cli", BackupListener.NONE).size());
        return engine;
    }

    @ParameterizedTest
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void should_find_a_damaged_pack_file_and_record_a_failed_check(Path restic) throws Exception {
        try (Engine engine = backedUp(restic, 1)) {
            Path pack;
            try (var files = Files.walk(tmp.resolve("repo/data"))) {
                pack = files.filter(Files::isRegularFile).max(Comparator.comparingLong(p -> p.toFile().length())).orElseThrow();
            }
            pack.toFile().setWritable(true);
            try (RandomAccessFile file = new RandomAccessFile(pack.toFile(), "rw")) {
                file.seek(file.length() / 2);
                file.write("damaged by RepositoryCheckTest".getBytes());
            }

            assertEquals(ExitCode.FAILED, RepositoryCheck.of(engine).run("cli"));

            RunRecord run = engine.catalog().newestRepositoryRun("check").orElseThrow();
            assertEquals("failed", run.state(), run::toString);
            assertTrue(run.problems() != null && run.problems() > 0, run::toString);
            assertTrue(run.error().contains("found " + run.problems() + " problem"), run::toString);
            assertTrue(run.detail().contains(pack.getFileName().toString().substring(0, 8)), run::toString);
            assertNull(run.claimId());
        }
    }

    @ParameterizedTest
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void should_pass_a_clean_repository_reading_the_next_subset_each_time(Path restic) throws Exception {
        try (Engine engine = backedUp(restic, 2)) {
            RepositoryCheck check = RepositoryCheck.of(engine);
            assertEquals("1/2", check.nextSubset());
            assertEquals(ExitCode.OK, check.run("schedule"));
            assertEquals("2/2", check.nextSubset());
            assertEquals(ExitCode.OK, check.run("schedule"));
            assertEquals("1/2", check.nextSubset(), "N checks read everything, then the rotation starts again");

            RunRecord run = engine.catalog().newestRepositoryRun("check").orElseThrow();
            assertEquals("ok", run.state(), run::toString);
            assertEquals(0L, run.problems());
            assertNull(run.error());
            assertTrue(run.detail().contains("2/2"), run::toString);
        }
    }
}
