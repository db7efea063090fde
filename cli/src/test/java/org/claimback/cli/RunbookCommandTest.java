package org.claimback.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.claimback.testing.ResticBinaries;
import org.claimback.testing.TestSetup;
import org.claimback.testing.TreeManifest;
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The runbook's plain restic commands, run by bash exactly as printed, give back the claim's tree. */
class RunbookCommandTest {
    @TempDir
    Path tmp;

    static Stream<Path> restic() {
        return ResticBinaries.all().stream();
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("restic")
    void should_write_a_runbook_whose_plain_restic_commands_restore_the_claim_with_its_root_owner_and_mode(Path restic)
            throws Exception {
        TestSetup setup = TestSetup.create(tmp, restic);
        Path web = setup.export().newVolume("default", "web");
        VolumeTrees.realistic(web, 7);
        VolumeTrees.chown(web, 1000, 1001);
        Files.setPosixFilePermissions(web, PosixFilePermissions.fromString("rwxr-x---"));
        Path cache = setup.export().newVolume("default", "cache");
        TreeManifest original = TreeManifest.of(web);
        CliRun backup = CliRun.of("--config", setup.config().toString(), "backup", "default/web");
        assertEquals(0, backup.exitCode(), backup::toString);
        Path file = tmp.resolve("runbook.md");

        CliRun run = CliRun.of("--config", setup.config().toString(), "runbook", "--out", file.toString());

        assertEquals(0, run.exitCode(), run::toString);
        String md = Files.readString(file);
        assertFalse(md.contains(TestSetup.PASSWORD), "the password never appears");
        assertTrue(md.contains("restic: " + ResticBinaries.versionOf(restic)), md);
        String warning = section(md, "## WARNING: no backup");
        assertTrue(warning.contains("`default/cache`: never backed up; volume `" + cache + "`"), warning);
        assertFalse(warning.contains("default/web"), warning);
        assertTrue(md.indexOf("## WARNING: no backup") < md.indexOf("## 1. Rebuild the server"), md);
        assertTrue(md.contains("claimback restore default/web --to-new-pv --manifest pv-default-web.yaml"), md);

        String block = shellBlock(md, "#### `default/web`");
        String targetLine = block.lines().filter(l -> l.startsWith("TARGET=")).findFirst().orElseThrow();
        assertTrue(targetLine.startsWith("TARGET='" + web + "'"), "the claim's current volume: " + targetLine);
        // The new server: the target's parent hands its set-gid bit down, which the runbook's chmod must clear.
        Path parent = Files.createDirectories(tmp.resolve("new-server/export"));
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setAttribute(parent, "unix:mode", 02777);
        Path target = parent.resolve("default-web-restored");
        String script = block.replace(targetLine, "TARGET='" + target + "'");

        BashRun bash = BashRun.of(script, restic, tmp);

        assertEquals(0, bash.exitCode(), bash::toString);
        String shortId = md.substring(md.indexOf("Latest good backup: snapshot `") + 30).substring(0, 8);
        assertTrue(bash.out().contains(shortId), "restic snapshots lists it: " + bash);
        assertEquals(List.of(), original.differences(TreeManifest.of(target)), "plain restic gave back another tree");

        CliRun again = CliRun.of("--config", setup.config().toString(), "runbook", "--out", file.toString());
        assertEquals(2, again.exitCode(), again::toString);
        assertTrue(again.err().contains("--force"), again::toString);
        CliRun forced = CliRun.of("--config", setup.config().toString(), "runbook", "--out", file.toString(), "--force");
        assertEquals(0, forced.exitCode(), forced::toString);
        CliRun toStdout = CliRun.of("--config", setup.config().toString(), "runbook");
        assertEquals(0, toStdout.exitCode(), toStdout::toString);
        assertTrue(toStdout.out().startsWith("# claimback disaster-recovery runbook"), toStdout::toString);
    }

    /** From a heading to the next heading of the same or a higher level. */
    static String section(String md, String heading) {
        int start = md.indexOf(heading + "\n");
        assertTrue(start >= 0, "no heading " + heading + " in\n" + md);
        String level = heading.substring(0, heading.indexOf(' ') + 1);
        int end = md.indexOf("\n" + level, start + heading.length());
        return end < 0 ? md.substring(start) : md.substring(start, end + 1);
    }

    /** The first ```bash block after a heading. */
    static String shellBlock(String md, String heading) {
        String section = section(md, heading);
        int start = section.indexOf("```bash\n");
        assertTrue(start >= 0, "no bash block under " + heading + ":\n" + section);
        start += "```bash\n".length();
        return section.substring(start, section.indexOf("```\n", start));
    }

    /** {@code bash -e} over a script, with only the given restic on PATH before the system's. */
    record BashRun(String script, int exitCode, String out) {
        static BashRun of(String script, Path restic, Path tmp) throws Exception {
            Path output = tmp.resolve("bash.out");
            ProcessBuilder pb = new ProcessBuilder("bash", "-e", "-c", script).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().keySet().removeIf(name -> name.startsWith("RESTIC_"));
            pb.environment().put("PATH", restic.getParent() + File.pathSeparator + pb.environment().get("PATH"));
            pb.environment().put("RESTIC_CACHE_DIR", tmp.resolve("hand-cache").toString());
            Process process = pb.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            return new BashRun(script, process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "bash -e -c <<\n" + script + ">>\nexit " + exitCode + "\n--- output\n" + out;
        }
    }
}
