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
        SqliteConfig sqlite,
        Path repositoryEnvFile,
        List<String> repositoryOptions,
        List<RepositoryConfig> copies,
        LimitsConfig limits) {

    /** The config of issue 6 and before: a primary without env file or options, no copies, no limits. */
    public Config(Path file, List<ExportConfig> exports, String repository, Path passwordFile, Path catalog, String host,
            List<String> namespaces, List<Path> inventoryFiles, ScheduleConfig schedule, ResticConfig restic,
            DrillConfig drill, StatusConfig status, BackupConfig backup, RetentionConfig retention, CheckConfig check,
            List<ClaimRule> claims, AgentConfig agent, List<NotifyTarget> notifications, SqliteConfig sqlite) {
        this(file, exports, repository, passwordFile, catalog, host, namespaces, inventoryFiles, schedule, restic, drill,
                status, backup, retention, check, claims, agent, notifications, sqlite, null, List.of(), List.of(),
                LimitsConfig.none());
    }

    /** The configured {@code repository:} with its password file, env file and options. */
    public RepositoryConfig primary() {
        return new RepositoryConfig(RepositoryConfig.PRIMARY, repository, passwordFile, repositoryEnvFile,
                repositoryOptions, 0);
    }

    /** The copy of this name, or null. */
    public RepositoryConfig copy(String name) {
        return copies.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    /** This config reading and writing {@code target} as if it were the primary (restore --from COPY). */
    public Config withRepository(RepositoryConfig target) {
        return new Config(file, exports, target.repository(), target.passwordFile(), catalog, host, namespaces,
                inventoryFiles, schedule, restic, drill, status, backup, retention, check, claims, agent, notifications,
                sqlite, target.envFile(), target.options(), copies, limits);
    }

    /** True when the repository is a local path (claimback may create it on first use). */
    public boolean localRepository() {
        return localRepositoryPath() != null;
    }

    /** The directory of a local repository ({@code /path} or {@code local:/path}), else null. */
    public Path localRepositoryPath() {
        return primary().localPath();
    }
}
