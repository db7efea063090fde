package org.claimback.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.claimback.restic.ResticSettings;

/**
 * The two restic versions claimback is tested against: 0.14.0 (Debian 12, /usr/bin/restic) and
 * 0.18.0 (Debian 13's binary, unpacked under {@code <repoRoot>/.tools/restic-0.18}). A missing
 * one is fetched once with {@code .ci/fetch-restic.sh}; if it is still missing the test FAILS —
 * a test that cannot reach restic proves nothing, so it must never be skipped.
 *
 * <p>Use as {@code @MethodSource("org.claimback.testing.ResticBinaries#all")}.
 */
public final class ResticBinaries {
    private ResticBinaries() {}

    /** The password of repositories made here. */
    public static final String PASSWORD = "claimback test password 0451";

    private static final Map<Path, String> VERSIONS = new ConcurrentHashMap<>();
    private static boolean fetched;

    /** Both versions, oldest first. */
    public static List<Path> all() {
        return List.of(v014(), v018());
    }

    public static Path v014() {
        return require(Path.of("/usr/bin/restic"), "0.14.0");
    }

    public static Path v018() {
        return require(repoRoot().resolve(".tools/restic-0.18/usr/bin/restic"), "0.18.0");
    }

    /** "0.14.0" or "0.18.0": the version {@code binary} (one of {@link #all()}) reports. */
    public static String versionOf(Path binary) {
        String line = VERSIONS.computeIfAbsent(binary, ResticBinaries::versionLine);
        return line.split(" ")[1];
    }

    /**
     * The repository checkout: the system property {@code claimback.repoRoot} (set by surefire),
     * else the nearest directory above the working directory that holds {@code .ci/fetch-restic.sh}.
     */
    public static Path repoRoot() {
        String property = System.getProperty("claimback.repoRoot");
        if (property != null && Files.isRegularFile(Path.of(property, ".ci/fetch-restic.sh"))) {
            return Path.of(property).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(".ci/fetch-restic.sh"))) {
                return dir;
            }
        }
        throw new AssertionError("cannot find the repository root: set -Dclaimback.repoRoot or run from the checkout"
                + " (looked for .ci/fetch-restic.sh above " + Path.of("").toAbsolutePath() + ")");
    }

    /**
     * Settings for a repository {@code dir/repo} (not created) with the password in
     * {@code dir/password} (mode 0600) and the cache in {@code dir/cache}.
     */
    public static ResticSettings settings(Path binary, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path password = dir.resolve("password");
        Files.writeString(password, PASSWORD + "\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        return new ResticSettings(binary, dir.resolve("repo").toString(), password, Map.of(), dir.resolve("cache"));
    }

    /**
     * {@link #settings} with a new repository: a copy of one made by plain {@code restic init} and
     * given a cheap key ({@link TemplateRepository}), so tests don't each pay init and key derivation.
     */
    public static ResticSettings newRepository(Path binary, Path dir) throws IOException {
        ResticSettings settings = settings(binary, dir);
        TemplateRepository.copyTo(dir.resolve("repo"), PASSWORD);
        return settings;
    }

    private static synchronized Path require(Path binary, String version) {
        if (!hasVersion(binary, version) && !fetched) {
            fetched = true;
            fetch();
        }
        if (!hasVersion(binary, version)) {
            throw new AssertionError("restic " + version + " is not at " + binary + " even after "
                    + repoRoot().resolve(".ci/fetch-restic.sh") + ": run that script and read its errors");
        }
        return binary;
    }

    private static boolean hasVersion(Path binary, String version) {
        if (!Files.isExecutable(binary)) {
            return false;
        }
        VERSIONS.remove(binary, "");
        return VERSIONS.computeIfAbsent(binary, ResticBinaries::versionLine).startsWith("restic " + version + " ");
    }

    private static String versionLine(Path binary) {
        try {
            String out = runToEnd(new ProcessBuilder(binary.toString(), "version").redirectErrorStream(true), 30);
            return out.lines().findFirst().orElse("");
        } catch (AssertionError e) {
            return "";
        }
    }

    private static void fetch() {
        Path script = repoRoot().resolve(".ci/fetch-restic.sh");
        System.err.println("ResticBinaries: a restic version is missing, running " + script);
        String out = runToEnd(new ProcessBuilder("bash", script.toString()).redirectErrorStream(true), 900);
        System.err.println(out);
    }

    private static String runToEnd(ProcessBuilder builder, int timeoutSeconds) {
        String command = String.join(" ", builder.command());
        Path output = null;
        try {
            output = Files.createTempFile("restic-binaries", ".out");
            Process process = builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(command + " did not end within " + timeoutSeconds + " s");
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new AssertionError(command + " exited " + process.exitValue() + ":\n" + text);
            }
            return text;
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
