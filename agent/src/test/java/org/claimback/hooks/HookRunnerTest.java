package org.claimback.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.claimback.config.HooksConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real hook commands: what they see, what they print, how they end. */
class HookRunnerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final Map<String, String> parent = parentWithSecrets();
    private final HookRunner runner = new HookRunner(parent);

    private static Map<String, String> parentWithSecrets() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("RESTIC_PASSWORD_FILE", "/etc/claimback/repository.password");
        env.put("RESTIC_REPOSITORY", "s3:https://u:secret@s3.example/bucket");
        env.put("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI");
        env.put("B2_ACCOUNT_KEY", "b2secret");
        env.put("CLAIMBACK_RUN_ID", "999");
        env.put("CLAIMBACK_ERROR", "inherited, not ours");
        env.put("HOOK_TEST_KEPT", "kept");
        return env;
    }

    private HookResult run(String phase, List<String> command, Path workingDir) throws InterruptedException {
        return runner.run(phase, "media-jellyfin", command,
                HookRunner.vars("media", "jellyfin", "media-jellyfin", dir, 42, phase), TIMEOUT, workingDir);
    }

    private static String show(HookResult r) {
        return r.summary() + " / output: " + r.outputTail();
    }

    @Test
    void a_hook_sees_claimbacks_variables_and_none_of_the_backup_secrets() throws Exception {
        Path work = Files.createDirectory(dir.resolve("work"));
        Path envFile = dir.resolve("env.txt");
        HookResult r = run("before", List.of("/bin/sh", "-c", "env > \"$1\"; pwd -P", "sh", envFile.toString()), work);

        assertTrue(r.ok(), show(r));
        Map<String, String> seen = Files.readAllLines(envFile).stream().filter(l -> l.contains("="))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1),
                        (a, b) -> b));
        assertEquals("media", seen.get("CLAIMBACK_NAMESPACE"));
        assertEquals("jellyfin", seen.get("CLAIMBACK_CLAIM"));
        assertEquals("media-jellyfin", seen.get("CLAIMBACK_CLAIM_KEY"));
        assertEquals(dir.toString(), seen.get("CLAIMBACK_VOLUME_DIR"));
        assertEquals("42", seen.get("CLAIMBACK_RUN_ID"), "claimback's own value, not the inherited one");
        assertEquals("before", seen.get("CLAIMBACK_PHASE"));
        assertFalse(seen.containsKey("CLAIMBACK_ERROR"), "an inherited CLAIMBACK_ variable is not passed on");
        for (String secret : List.of("RESTIC_PASSWORD_FILE", "RESTIC_REPOSITORY", "AWS_SECRET_ACCESS_KEY", "B2_ACCOUNT_KEY")) {
            assertFalse(seen.containsKey(secret), secret + " reached the hook: " + seen.keySet());
        }
        assertEquals("kept", seen.get("HOOK_TEST_KEPT"));
        assertEquals(parent.get("PATH"), seen.get("PATH"));
        assertEquals(List.of(work.toRealPath().toString()), r.outputTail(), "the working directory");
    }

    @Test
    void the_vars_of_a_volume_without_a_known_claim_are_empty_strings_not_missing() {
        Map<String, String> vars = HookRunner.vars(null, null, "old-data", Path.of("/srv/nfs/k8s/old-data-pvc-1"), 7, "after");

        assertEquals(Map.of("CLAIMBACK_NAMESPACE", "", "CLAIMBACK_CLAIM", "", "CLAIMBACK_CLAIM_KEY", "old-data",
                "CLAIMBACK_VOLUME_DIR", "/srv/nfs/k8s/old-data-pvc-1", "CLAIMBACK_RUN_ID", "7", "CLAIMBACK_PHASE", "after"),
                vars);
    }

    @Test
    void a_hook_that_exits_0_is_ok_and_its_output_is_kept() throws Exception {
        HookResult r = run("after", List.of("/bin/sh", "-c", "echo resumed; echo to stderr >&2"), dir);

        assertTrue(r.ok(), show(r));
        assertEquals(0, r.exitCode());
        assertFalse(r.timedOut());
        assertNull(r.startError());
        assertEquals(List.of("resumed", "to stderr"), r.outputTail());
        assertEquals("after", r.phase());
    }

    @Test
    void a_hook_that_exits_non_zero_fails_with_its_exit_code_and_last_output_line() throws Exception {
        HookResult r = run("before", HooksConfig.shell("echo pausing; echo cannot reach app >&2; exit 3"), dir);

        assertFalse(r.ok(), show(r));
        assertEquals(3, r.exitCode());
        assertEquals(List.of("pausing", "cannot reach app"), r.outputTail());
        assertEquals("before hook exited 3: /bin/sh -c 'echo pausing; echo cannot reach app >&2; exit 3':"
                + " last output: cannot reach app", r.summary());
    }

    @Test
    void only_the_last_20_lines_are_kept_each_cut_to_300_characters() throws Exception {
        HookResult r = run("before", HooksConfig.shell(
                "for i in $(seq 1 25); do echo line$i; done; head -c 5000 /dev/zero | tr '\\0' x; echo; printf 'no newline'"),
                dir);

        assertTrue(r.ok(), show(r));
        assertEquals(20, r.outputTail().size());
        assertEquals("line8", r.outputTail().get(0));
        assertEquals("x".repeat(300), r.outputTail().get(18));
        assertEquals("no newline", r.outputTail().get(19));
    }

    @Test
    void a_missing_program_cannot_start_and_says_so_without_an_exception() throws Exception {
        HookResult r = run("before", List.of("/no/such/program", "--pause"), dir);

        assertFalse(r.ok());
        assertEquals(-1, r.exitCode());
        assertFalse(r.timedOut());
        assertEquals("before hook could not start: /no/such/program --pause: no such file:"
                + " fix claims[].hooks.before in the config", r.summary());
    }

    @Test
    void a_program_not_on_path_or_not_executable_cannot_start() throws Exception {
        Path script = Files.writeString(dir.resolve("pause.sh"), "#!/bin/sh\necho paused\n");

        HookResult bare = run("before", List.of("no-such-claimback-hook"), dir);
        HookResult plain = run("before", List.of("./pause.sh"), dir);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        HookResult relative = run("before", List.of("./pause.sh"), dir);

        assertEquals("not found on PATH: fix claims[].hooks.before in the config", bare.startError());
        assertEquals("not an executable file: fix claims[].hooks.before in the config", plain.startError());
        assertTrue(relative.ok(), "a relative program runs from the working directory: " + show(relative));
        assertEquals(List.of("paused"), relative.outputTail());
    }

    @Test
    void a_script_whose_interpreter_is_missing_cannot_start() throws Exception {
        Path script = Files.writeString(dir.resolve("broken.sh"), "#!/no/such/interpreter\necho never\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));

        HookResult r = run("onError", List.of(script.toString()), dir);

        assertFalse(r.ok(), show(r));
        assertEquals(-1, r.exitCode(), show(r));
        assertTrue(r.startError() != null && r.startError().contains("No such file or directory"), show(r));
    }

    @Test
    void a_missing_working_directory_cannot_start() throws Exception {
        HookResult r = run("before", List.of("/bin/true"), dir.resolve("gone"));

        assertEquals(-1, r.exitCode());
        assertEquals("working directory " + dir.resolve("gone") + " does not exist: fix claims[].hooks.before in the config",
                r.startError());
    }

    @Test
    void a_hook_that_leaves_a_process_holding_its_output_returns_when_it_exits() throws Exception {
        String marker = Processes.uniqueSeconds(30);
        try {
            long start = System.nanoTime();
            HookResult r = run("before", HooksConfig.shell("sleep " + marker + " & echo started"), dir);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertTrue(r.ok(), show(r));
            assertEquals(List.of("started"), r.outputTail());
            assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "took " + took);
            assertTrue(Processes.awaitStarted(marker), "a process a hook started and left is left alone");
        } finally {
            Processes.killAll(marker);
        }
    }

    @Test
    void a_hook_runs_in_a_process_group_of_its_own() throws Exception {
        HookResult r = run("before", HooksConfig.shell("echo $$ $(cut -d' ' -f5 /proc/$$/stat)"), dir);

        String[] pidAndGroup = r.outputTail().get(0).split(" ");
        assertEquals(pidAndGroup[0], pidAndGroup[1], show(r));
    }
}
