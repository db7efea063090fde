package org.claimback.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every config key is documented where operators look: the README's table and the example config. */
class ConfigKeyDocsTest {
    private static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("install/config.example.yaml"))) {
            dir = dir.getParent();
        }
        return dir;
    }

    @Test
    void should_document_every_key_in_the_readme_and_the_example_config() throws Exception {
        String readme = Files.readString(repoRoot().resolve("README.md"));
        String example = Files.readString(repoRoot().resolve("install/config.example.yaml"));
        for (ConfigKey key : ConfigKey.values()) {
            String path = key.path();
            String first = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
            assertTrue(readme.contains("| `" + first), "README.md's config table lacks " + path);
            String leaf = first.replace("[]", "");
            leaf = leaf.substring(leaf.lastIndexOf('.') + 1);
            assertTrue(example.contains(leaf + ":"), "install/config.example.yaml lacks " + path);
        }
    }
}
