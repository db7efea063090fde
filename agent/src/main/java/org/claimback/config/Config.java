package org.claimback.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The whole configuration, validated. {@code file} is where it was read from, for messages.
 * The repository password is not here: only the path of the file that holds it.
 */
public record Config(
        Path file,
        List<ExportConfig> exports,
        String repository,
        Path passwordFile,
        Path catalog,
        String host,
        List<String> namespaces,
        List<Path> inventoryFiles,
        ScheduleConfig schedule,
        ResticConfig restic,
        DrillConfig drill,
        StatusConfig status,
        BackupConfig backup,
        RetentionConfig retention,
        CheckConfig check,
        List<ClaimRule> claims,
        AgentConfig agent,
        List<NotifyTarget> notifications,
        SqliteConfig sqlite) {

    /** True when the repository is a local path (claimback may create it on first use). */
    public boolean localRepository() {
        return localRepositoryPath() != null;
    }

    /** The directory of a local repository ({@code /path} or {@code local:/path}), else null. */
    public Path localRepositoryPath() {
        String path = repository.startsWith("local:") ? repository.substring("local:".length()) : repository;
        return path.startsWith("/") ? Path.of(path) : null;
    }
}
