package org.claimback.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Plain restic, run the way an operator would without claimback, to prepare or inspect a remote
 * repository in a test: the password through {@code RESTIC_PASSWORD_FILE}, backend credentials in
 * the environment, {@code -o} options before the command.
 *
 * @param binary   one of {@link ResticBinaries#all()}
 * @param repository the repository string ({@code s3:...}, {@code sftp:...}, a path)
 * @param passwordFile its password
 * @param env      backend variables (e.g. AWS keys)
 * @param options  {@code -o key=value} options
 * @param cacheDir restic's cache
 */
public record PlainRestic(Path binary, String repository, Path passwordFile, Map<String, String> env, List<String> options,
        Path cacheDir) {

    /** The result of one run: exit code and the merged output. */
    public record Result(int exit, String output) {}

    /** {@code restic init}, failing the test with restic's output when it does not exit 0. */
    public void init() {
        require("init");
    }

    /** Runs {@code args}; fails the test with the command and output unless it exits 0. */
    public String require(String... args) {
        Result result = run(60, args);
        if (result.exit() != 0) {
            throw new AssertionError("restic " + String.join(" ", args) + " on " + repository + " exited " + result.exit()
                    + ":\n" + result.output());
        }
        return result.output();
    }

    /** Runs {@code args} with {@code timeoutSeconds} (killed after it, exit -1). */
    public Result run(int timeoutSeconds, String... args) {
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        for (String option : options) {
            command.add("-o");
            command.add(option);
        }
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().keySet().removeIf(name -> name.startsWith("RESTIC_") || name.startsWith("AWS_"));
        builder.environment().put("RESTIC_REPOSITORY", repository);
        builder.environment().put("RESTIC_PASSWORD_FILE", passwordFile.toString());
        builder.environment().put("RESTIC_CACHE_DIR", cacheDir.toString());
        builder.environment().putAll(env);
        Path output = null;
        try {
            output = Files.createTempFile("plain-restic", ".out");
            Process process = builder.redirectOutput(output.toFile()).start();
            int exit;
            if (process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                exit = process.exitValue();
            } else {
                process.destroyForcibly().waitFor();
                exit = -1;
            }
            return new Result(exit, Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        } finally {
            if (output != null) {
                output.toFile().delete();
            }
        }
    }
}
