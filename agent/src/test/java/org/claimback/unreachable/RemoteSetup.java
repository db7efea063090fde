package org.claimback.unreachable;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.claimback.config.Config;
import org.claimback.config.ConfigLoader;
import org.claimback.testing.TestSetup;

/**
 * A test's claimback whose repository is remote: {@link TestSetup}'s export, password and
 * catalogue, with {@code repository:} a given string, an env file of backend credentials (0600)
 * and {@code extra} YAML (agent retries, limits, options).
 */
public record RemoteSetup(TestSetup local, String repository, Path envFile) {

    public static RemoteSetup create(Path dir, Path restic, String repository, String envLines, String extra) throws IOException {
        TestSetup local = TestSetup.createWithoutRepository(dir, restic);
        Path env = dir.resolve("etc/repository.env");
        Files.writeString(env, envLines);
        Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rw-------"));
        RemoteSetup setup = new RemoteSetup(local, repository, env);
        setup.writeConfig(extra);
        return setup;
    }

    public void writeConfig(String extra) throws IOException {
        Files.writeString(local.config(), "exports:\n"
                + "  - path: " + local.export().root() + "\n"
                + "repository: \"" + repository + "\"\n"
                + "repositoryEnvFile: " + envFile + "\n"
                + "passwordFile: " + local.passwordFile() + "\n"
                + "catalog: " + local.catalog() + "\n"
                + "host: claimback-test\n"
                + "restic:\n"
                + "  binary: " + local.restic() + "\n"
                + "  cacheDir: " + local.dir().resolve("cache") + "\n"
                + extra);
    }

    public Config config() {
        return ConfigLoader.load(local.config());
    }

    /** A loopback port nothing listens on: bound, then closed. */
    public static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
