package org.claimback.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.claimback.testing.TestSetup;
import org.claimback.testing.TreeManifest;
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code restore --all} on a real terminal: claimback runs in its own JVM under util-linux
 * {@code script}, which gives it a pseudo-terminal, so the y/N question and the progress bar are
 * the real ones a person sees.
 */
class RestoreOnTerminalTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void should_ask_on_a_terminal_show_a_progress_bar_and_restore_only_after_yes(Path restic) throws Exception {
        TestSetup setup = TestSetup.create(tmp, restic);
        Map<String, Path> old = new LinkedHashMap<>();
        old.put("default/pg", setup.export().newVolume("default", "pg"));
        old.put("media/library", setup.export().newVolume("media", "library"));
        int seed = 7;
        for (Path v : old.values()) {
            VolumeTrees.realistic(v, seed++);
        }
        CliRun backup = CliRun.of("--config", setup.config().toString(), "backup", "--all");
        assertEquals(0, backup.exitCode(), backup::toString);
        Map<String, TreeManifest> expected = new LinkedHashMap<>();
        Map<String, Path> rebuilt = new LinkedHashMap<>();
        for (var e : old.entrySet()) {
            expected.put(e.getKey(), TreeManifest.of(e.getValue()));
            setup.export().archive(e.getValue());
            String[] nn = e.getKey().split("/");
            rebuilt.put(e.getKey(), setup.export().newVolume(nn[0], nn[1]));
        }

        Terminal no = onTerminal(setup, "n\n", "restore", "--all");
        assertEquals(1, no.exitCode(), no::toString);
        assertTrue(no.output().contains("Restore 2 claims? [y/N]"), no::toString);
        assertTrue(no.output().contains("not confirmed: nothing was restored"), no::toString);
        for (Path target : rebuilt.values()) {
            try (var entries = Files.list(target)) {
                assertTrue(entries.findAny().isEmpty(), "restored although the answer was no: " + target);
            }
        }

        Terminal yes = onTerminal(setup, "y\n", "restore", "--all");
        assertEquals(0, yes.exitCode(), yes::toString);
        assertTrue(yes.output().contains("Restore 2 claims? [y/N]"), yes::toString);
        assertTrue(yes.output().contains("restore 100%") && yes.output().contains("2/2 claims"),
                "no finished progress bar on the terminal\n" + yes);
        for (String claim : old.keySet()) {
            assertEquals(List.of(), expected.get(claim).differences(TreeManifest.of(rebuilt.get(claim))), claim + "\n" + yes);
        }
    }

    record Terminal(int exitCode, String output) {}

    /** Runs claimback in a new JVM on a pseudo-terminal, types {@code input}, and returns what the terminal showed. */
    private Terminal onTerminal(TestSetup setup, String input, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-cp", System.getProperty("java.class.path"),
                ClaimbackMain.class.getName(), "--config", setup.config().toString()));
        command.addAll(List.of(args));
        String line = String.join(" ", command.stream().map(a -> "'" + a.replace("'", "'\\''") + "'").toList());
        Path transcript = tmp.resolve("terminal-" + System.nanoTime() + ".txt");
        Process process = new ProcessBuilder("script", "--quiet", "--return", "--command", line, "/dev/null")
                .redirectOutput(transcript.toFile())
                .redirectErrorStream(true)
                .start();
        try (OutputStream in = process.getOutputStream()) {
            Thread.sleep(200);
            in.write(input.getBytes(StandardCharsets.UTF_8));
            in.flush();
            // keep the pseudo-terminal's input open until claimback ends: an early EOF would end `script`
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("claimback on a terminal did not end within 120 s:\n" + Files.readString(transcript));
            }
        }
        return new Terminal(process.exitValue(), Files.readString(transcript, StandardCharsets.UTF_8));
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
