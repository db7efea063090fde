package org.claimback.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.claimback.testing.ResticBinaries;
import org.claimback.testing.TestSetup;
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code claimback copy} and the COPIES of {@code claimback backups}, on real local repositories. */
class CopyCommandTest {
    @TempDir
    Path tmp;

    private Path password(String name, String text) throws Exception {
        Path file = tmp.resolve("etc/" + name + ".password");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private String copy(String name, Path passwordFile) {
        return "  - name: " + name + "\n    repository: " + tmp.resolve("copies/" + name) + "\n    passwordFile: " + passwordFile + "\n";
    }

    @Test
    void copy_copies_new_snapshots_and_backups_shows_which_copies_hold_each() throws Exception {
        TestSetup setup = TestSetup.create(tmp, ResticBinaries.v018());
        setup.writeConfig("copies:\n" + copy("offsite", password("offsite", "offsite pw")) + copy("nas", password("nas", "nas pw")));
        VolumeTrees.write(setup.export().newVolume("default", "web").resolve("index.html"), "hello".getBytes());
        String config = setup.config().toString();
        CliRun backup = CliRun.of("--config", config, "backup", "--all");
        assertEquals(0, backup.exitCode(), backup::toString);

        CliRun toOne = CliRun.of("--config", config, "copy", "--to", "offsite", "--json");
        assertEquals(0, toOne.exitCode(), toOne::toString);
        JsonNode copies = toOne.json().get("copies");
        assertEquals(1, copies.size(), toOne::toString);
        JsonNode offsite = copies.get(0);
        assertEquals("offsite", offsite.get("name").asText());
        assertEquals(tmp.resolve("copies/offsite").toString(), offsite.get("repository").asText());
        assertEquals("ok", offsite.get("state").asText());
        assertTrue(offsite.get("created").asBoolean());
        assertEquals(1, offsite.get("copied").asInt(), "the volume snapshot (`backup` on the command line copies no catalogue): " + toOne);
        assertEquals(0, offsite.get("alreadyThere").asInt());
        assertFalse(offsite.get("newestSnapshot").isNull(), toOne::toString);
        assertEquals(0, toOne.json().get("exitCode").asInt());

        CliRun listed = CliRun.of("--config", config, "backups", "default/web", "--json");
        assertEquals(0, listed.exitCode(), listed::toString);
        assertEquals("[\"offsite\"]", listed.json().get("snapshots").get(0).get("copies").toString(), listed::toString);

        CliRun all = CliRun.of("--config", config, "copy");
        assertEquals(0, all.exitCode(), all::toString);
        assertTrue(all.out().contains("offsite (" + tmp.resolve("copies/offsite") + "): copied 0, already there 1, newest copied snapshot "),
                all::toString);
        assertTrue(all.out().contains("nas (" + tmp.resolve("copies/nas") + "): created, copied 1, already there 0"), all::toString);

        CliRun table = CliRun.of("--config", config, "backups", "default/web");
        assertEquals(0, table.exitCode(), table::toString);
        assertTrue(table.out().lines().findFirst().orElseThrow().contains("COPIES"), table::toString);
        assertTrue(table.out().contains(" nas,offsite "), table::toString);
    }

    @Test
    void a_failed_copy_exits_1_with_one_line_naming_the_copy_and_its_repository() throws Exception {
        TestSetup setup = TestSetup.create(tmp, ResticBinaries.v018());
        ResticBinaries.newRepository(setup.restic(), tmp.resolve("copies/made")); // its password is not ours
        Path repository = tmp.resolve("copies/made/repo");
        setup.writeConfig("copies:\n  - name: offsite\n    repository: " + repository + "\n    passwordFile: "
                + password("offsite", "wrong") + "\n");
        VolumeTrees.write(setup.export().newVolume("default", "web").resolve("index.html"), "hello".getBytes());
        String config = setup.config().toString();
        assertEquals(0, CliRun.of("--config", config, "backup", "--all").exitCode());

        CliRun run = CliRun.of("--config", config, "copy");
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals(1, run.err().lines().count(), run::toString);
        assertTrue(run.err().startsWith("copy to offsite (" + repository + ") failed: wrong password"), run::toString);

        CliRun listed = CliRun.of("--config", config, "backups", "default/web");
        assertTrue(listed.out().lines().skip(1).findFirst().orElseThrow().contains(" - "), "no copy holds it: " + listed);
    }

    @Test
    void an_unknown_copy_or_none_configured_is_bad_usage() throws Exception {
        TestSetup setup = TestSetup.create(tmp, ResticBinaries.v018());
        CliRun none = CliRun.of("--config", setup.config().toString(), "copy");
        assertEquals(2, none.exitCode(), none::toString);
        assertTrue(none.err().contains("add one under `copies:`"), none::toString);

        setup.writeConfig("copies:\n" + copy("offsite", password("offsite", "pw")) + copy("nas", password("nas", "pw2")));
        CliRun unknown = CliRun.of("--config", setup.config().toString(), "copy", "--to", "tape");
        assertEquals(2, unknown.exitCode(), unknown::toString);
        assertTrue(unknown.err().contains("no copy named tape") && unknown.err().contains("the copies are offsite, nas"),
                unknown::toString);
    }
}
