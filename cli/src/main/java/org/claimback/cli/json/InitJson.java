package org.claimback.cli.json;

import java.util.List;

/**
 * {@code claimback init --json}: each repository of the config (the primary first, then the
 * copies) and whether this run created it.
 */
public record InitJson(List<Repository> repositories, int exitCode) {
    public InitJson {
        repositories = List.copyOf(repositories);
    }

    /** One repository: its config name ({@code primary} or the copy's), the redacted repository string. */
    public record Repository(String name, String repository, boolean created) {}
}
