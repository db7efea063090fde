package org.claimback.config;

import java.nio.file.Path;
import java.util.List;

/**
 * One restic repository claimback writes to or reads from: the primary ({@code repository:},
 * named {@link #PRIMARY}) or an offsite copy ({@code copies[]}). Holds paths only, never secrets.
 *
 * @param name       {@code primary}, or the copy's {@code name}
 * @param repository the restic repository string (path, {@code sftp:}, {@code s3:}, {@code rest:})
 * @param passwordFile the file holding its password
 * @param envFile    a KEY=VALUE file (mode 0600) of backend credentials for restic's environment, or null
 * @param options    restic {@code -o key=value} options (visible in process lists: never secrets)
 * @param line       where it was configured, for messages (0 when unknown)
 */
public record RepositoryConfig(String name, String repository, Path passwordFile, Path envFile, List<String> options,
        int line) {
    /** The name of the configured {@code repository:}. */
    public static final String PRIMARY = "primary";

    public RepositoryConfig {
        options = options == null ? List.of() : List.copyOf(options);
    }

    /** True for a local path ({@code /path} or {@code local:/path}). */
    public boolean isLocal() {
        return localPath() != null;
    }

    /** The directory of a local repository, else null. */
    public Path localPath() {
        String path = repository.startsWith("local:") ? repository.substring("local:".length()) : repository;
        return path.startsWith("/") ? Path.of(path) : null;
    }
}
