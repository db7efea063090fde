package org.claimback.hosts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.claimback.config.Config;
import org.claimback.config.ConfigLoader;
import org.claimback.engine.Engine;
import org.claimback.testing.TestSetup;

/**
 * One of several NFS servers sharing one repository: its own export root, catalogue and config
 * ({@code host: NAME}), and the shared repository (every setup's password file holds the same
 * password).
 */
public record SharedHost(String name, TestSetup setup) {

    /** A setup in {@code dir} for host {@code name} on {@code repository}, with {@code extra} YAML appended. */
    public static SharedHost create(Path dir, Path restic, String name, Path repository, String extra) throws IOException {
        TestSetup setup = TestSetup.create(dir, restic);
        String config = Files.readString(setup.config());
        String hostLine = "host: claimback-test\n";
        String repositoryLine = "repository: " + setup.repository() + "\n";
        if (!config.contains(hostLine) || !config.contains(repositoryLine)) {
            throw new AssertionError("TestSetup's config changed shape; adapt SharedHost:\n" + config);
        }
        Files.writeString(setup.config(), config.replace(hostLine, "host: " + name + "\n")
                .replace(repositoryLine, "repository: " + repository + "\n") + extra);
        return new SharedHost(name, setup);
    }

    public Config config() {
        return ConfigLoader.load(setup.config());
    }

    public Engine open() {
        return Engine.open(config());
    }
}
