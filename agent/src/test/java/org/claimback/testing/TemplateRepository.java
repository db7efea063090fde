package org.claimback.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test repositories without paying {@code restic init} and restic's key derivation each time: one
 * real repository per password, made once per JVM by {@code restic init} (restic 0.14.0, format 2,
 * which 0.18.0 reads and writes alike) and given a cheap key ({@link CheapKeys}), is copied for
 * each test. Each copy is a complete restic repository; copies share the template's id and master
 * key, which is harmless while every test has its own cache directory (TestSetup and
 * ResticBinaries give each one).
 */
public final class TemplateRepository {
    private static final Map<String, Path> TEMPLATES = new ConcurrentHashMap<>();

    private TemplateRepository() {}

    /** Makes a new repository at {@code target} (which must not exist) opened by {@code password}. */
    public static void copyTo(Path target, String password) throws IOException {
        Path template = TEMPLATES.computeIfAbsent(password, TemplateRepository::make);
        if (Files.exists(target)) {
            throw new AssertionError(target + " exists: a template repository is copied only into a new path");
        }
        try (var tree = Files.walk(template)) {
            for (Path source : (Iterable<Path>) tree::iterator) {
                Path dest = target.resolve(template.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(source, dest, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static Path make(String password) {
        try {
            Path dir = Files.createTempDirectory("claimback-template-repo");
            dir.toFile().deleteOnExit();
            Path passwordFile = dir.resolve("password");
            Files.writeString(passwordFile, password + "\n");
            Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
            Path repo = dir.resolve("repo");
            ProcessBuilder init = new ProcessBuilder(ResticBinaries.v014().toString(), "init").redirectErrorStream(true);
            init.environment().keySet().removeIf(name -> name.startsWith("RESTIC_"));
            init.environment().put("RESTIC_REPOSITORY", repo.toString());
            init.environment().put("RESTIC_PASSWORD_FILE", passwordFile.toString());
            init.environment().put("RESTIC_CACHE_DIR", dir.resolve("cache").toString());
            Process process = init.redirectOutput(dir.resolve("init.out").toFile()).start();
            if (process.waitFor() != 0 || !Files.isRegularFile(repo.resolve("config"))) {
                throw new AssertionError("restic init of the template repository failed:\n" + Files.readString(dir.resolve("init.out")));
            }
            CheapKeys.weaken(repo, password);
            return repo;
        } catch (IOException e) {
            throw new AssertionError("cannot make the template repository: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while making the template repository", e);
        }
    }
}
