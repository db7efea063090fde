package org.claimback.config;

/**
 * Every configuration key, once: its dotted path, its default ({@code null}: required or
 * optional without default), and what it is for. The README's table and the installer's example
 * config follow this list.
 */
public enum ConfigKey {
    EXPORTS("exports", null, true, "Export roots: a list of {path, layout, pattern}. PV directories live directly under each path."),
    EXPORT_PATH("exports[].path", null, true, "Absolute path of an export root, e.g. /srv/nfs/k8s."),
    EXPORT_LAYOUT("exports[].layout", "nfs-subdir", false, "How the provisioner names PV directories under this root: nfs-subdir or csi-nfs."),
    EXPORT_PATTERN("exports[].pattern", null, false, "The layout's template: nfs-subdir pathPattern (${.PVC.namespace}/${.PVC.name}) or csi-nfs subDir."),
    EXPORT_SNAPSHOT("exports[].snapshot", "none", false, "btrfs: each backup run reads the export through one read-only btrfs snapshot (one point in time for all its volumes), removed afterwards; none: the live files."),
    REPOSITORY("repository", null, true, "The restic repository: a local path, or sftp:, s3:, rest: strings."),
    PASSWORD_FILE("passwordFile", null, true, "File holding the repository password (mode 0600). Passed to restic as RESTIC_PASSWORD_FILE."),
    REPOSITORY_ENV_FILE("repositoryEnvFile", null, false, "A NAME=value file (mode 0600) of backend credentials, e.g. AWS_ACCESS_KEY_ID=...; passed to restic's environment only."),
    REPOSITORY_OPTIONS("repositoryOptions", null, false, "restic -o options for the repository, e.g. [\"sftp.command=ssh -i /root/.ssh/backup -p 2222 backup@nas -s sftp\"]; visible in process lists, so never secrets."),
    COPIES("copies", null, false, "Offsite copies: [{name, repository, passwordFile, repositoryEnvFile, repositoryOptions}]; new snapshots are copied there (restic copy) after each scheduled backup and by `claimback copy`."),
    LIMITS("limits.upload/download", "no limit", false, "Bandwidth for every restic call in KiB/s (--limit-upload / --limit-download), for offsite links."),
    CATALOG("catalog", null, true, "The SQLite catalogue file, e.g. /var/lib/claimback/catalog.db."),
    HOST("host", "the machine's hostname", false, "The --host every snapshot is made with; keep it when the NFS server is rebuilt."),
    NAMESPACES("namespaces", null, false, "The cluster's namespaces, to settle directory names that split several ways (e.g. default-test-claim)."),
    INVENTORY_FILES("inventory.files", null, false, "PV inventories (kubectl get pv,pvc -A -o json) re-read when they change, e.g. written onto the export by install/kubernetes/inventory-cronjob.yaml."),
    SCHEDULE_BACKUP("schedule.backup", "0 0 2 * * ?", false, "Quartz cron (with seconds) for the agent's backup of all live volumes."),
    SCHEDULE_RETENTION("schedule.retention", "0 30 3 * * ?", false, "Quartz cron for retention: restic forget, one claim at a time by its policy, never beside a backup; off to keep everything."),
    SCHEDULE_PRUNE("schedule.prune", "0 0 5 ? * SUN", false, "Quartz cron for restic prune (frees what retention forgot; exclusive: backups wait); off to never prune."),
    SCHEDULE_CHECK("schedule.check", "0 0 6 ? * SAT", false, "Quartz cron for restic check with a rotating --read-data-subset; off to never check."),
    SCHEDULE_DRILL("schedule.drill", null, false, "Quartz cron (with seconds) for the agent's restore drills, one claim per firing in rotation, e.g. \"0 0 4 ? * SUN\"; absent: no scheduled drills."),
    DRILL_SCRATCH("drill.scratch", "a drills directory beside the catalogue", false, "Where drills restore into (mode 0700, outside every export); each drill's copy is removed once checked. Needs room for the largest claim."),
    STATUS_LISTEN("status.listen", "127.0.0.1:9807", false, "The agent's status endpoint (/healthz, /status, /metrics): HOST:PORT, or off. Beyond loopback it needs status.tokenFile."),
    STATUS_TOKEN_FILE("status.tokenFile", null, false, "A file holding the bearer token /status and /metrics ask for (Authorization: Bearer TOKEN); required beyond loopback."),
    BACKUP_PARALLEL("backup.parallel", "2", false, "How many volumes are backed up at once (1-32); a volume is never backed up twice at once, also not by the agent and the CLI together."),
    BACKUP_SHRINK_GUARD("backup.shrinkGuardPercent", "10", false, "A new snapshot with fewer than this percentage of the files or bytes of the claim's last good one is suspicious (0: off)."),
    RETENTION_KEEP("retention.keepLast/keepDaily/keepWeekly/keepMonthly/keepYearly", "3/7/5/12/3", false, "The default policy of restic forget per claim; keys not written keep nothing of their own."),
    RETENTION_CATALOG_COPIES("retention.catalogCopies", "14", false, "How many catalogue copies (tag claimback-catalog) of this host retention keeps."),
    CHECK_READ_DATA_SUBSETS("check.readDataSubsets", "12", false, "Each check reads n/N of the data (n rotating), so N checks read it all; 0 checks structure only."),
    CLAIMS("claims", null, false, "Per-claim rules, first match wins: {match: ns/name | claim key | glob, schedule: cron | off, retention: {keepDaily: ...}}."),
    CLAIM_HOOKS("claims[].hooks", null, false, "Commands around each backup of the claim's volume: {before, after, onError: \"shell line\" or [argv], timeout: 5m, onBeforeFailure: abort | continue}."),
    CLAIM_SQLITE("claims[].sqlite", null, false, "The claim's changes to the sqlite defaults: {consistentCopy: false to opt out, exclude: [globs added]}."),
    CLAIM_DUMPS("claims[].dumps", null, false, "Streamed dumps with each backup: [{name: app.sql, command: \"pg_dump ...\" or [argv], timeout: 6h}], each its own snapshot."),
    SQLITE_CONSISTENT_COPY("sqlite.consistentCopy", "true", false, "Back up each SQLite database found in a volume (by its header) as a consistent copy made by SQLite's online backup, not as the live file and its -wal/-shm/-journal."),
    SQLITE_EXCLUDE("sqlite.exclude", null, false, "Globs relative to the volume (e.g. cache/**.db) of databases backed up as live files."),
    SQLITE_LOCK_WAIT("sqlite.lockWait", "60s", false, "How long a copy waits for a writer's lock; then the raw files are taken and the backup is partial."),
    SQLITE_SCRATCH("sqlite.scratch", "a sqlite-copies directory beside the catalogue", false, "Where the consistent copies are made during a backup (outside every export); needs room for the largest database."),
    AGENT_STOP_GRACE("agent.stopGrace", "30s", false, "On SIGTERM, how long running restic processes may finish before they are stopped and recorded interrupted."),
    AGENT_LOCK_WAIT("agent.lockWait", "10m", false, "How long to wait for a repository lock held by a live process or another host before reporting it."),
    AGENT_UNREACHABLE_RETRIES("agent.unreachableRetries", "3", false, "How often a scheduled backup or copy tries again when its repository cannot be reached (0-20)."),
    AGENT_UNREACHABLE_BACKOFF("agent.unreachableBackoff", "1m", false, "The wait before the first such retry; it doubles with each further one."),
    NOTIFY("notify", null, false, "Notification targets: {format: ntfy | healthchecks | webhook, url or urlFile, tokenFile, on: [failure, partial, suspicious, success, start, check]}."),
    RESTIC_BINARY("restic.binary", "restic", false, "The restic executable: a path, or a name looked up on PATH."),
    RESTIC_CACHE_DIR("restic.cacheDir", null, false, "restic's cache directory (RESTIC_CACHE_DIR); restic's default when absent.");

    private final String path;
    private final String defaultValue;
    private final boolean required;
    private final String doc;

    ConfigKey(String path, String defaultValue, boolean required, String doc) {
        this.path = path;
        this.defaultValue = defaultValue;
        this.required = required;
        this.doc = doc;
    }

    public String path() {
        return path;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public boolean required() {
        return required;
    }

    public String doc() {
        return doc;
    }
}
