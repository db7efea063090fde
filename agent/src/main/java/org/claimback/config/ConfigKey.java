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
    REPOSITORY("repository", null, true, "The restic repository: a local path, or sftp:, s3:, rest: strings."),
    PASSWORD_FILE("passwordFile", null, true, "File holding the repository password (mode 0600). Passed to restic as RESTIC_PASSWORD_FILE."),
    CATALOG("catalog", null, true, "The SQLite catalogue file, e.g. /var/lib/claimback/catalog.db."),
    HOST("host", "the machine's hostname", false, "The --host every snapshot is made with; keep it when the NFS server is rebuilt."),
    NAMESPACES("namespaces", null, false, "The cluster's namespaces, to settle directory names that split several ways (e.g. default-test-claim)."),
    INVENTORY_FILES("inventory.files", null, false, "PV inventories (kubectl get pv,pvc -A -o json) re-read when they change, e.g. written onto the export by install/kubernetes/inventory-cronjob.yaml."),
    SCHEDULE_BACKUP("schedule.backup", "0 0 2 * * ?", false, "Quartz cron (with seconds) for the agent's backup of all live volumes."),
    SCHEDULE_DRILL("schedule.drill", null, false, "Quartz cron (with seconds) for the agent's restore drills, one claim per firing in rotation, e.g. \"0 0 4 ? * SUN\"; absent: no scheduled drills."),
    DRILL_SCRATCH("drill.scratch", "a drills directory beside the catalogue", false, "Where drills restore into (mode 0700, outside every export); each drill's copy is removed once checked. Needs room for the largest claim."),
    STATUS_LISTEN("status.listen", "127.0.0.1:9807", false, "The agent's metrics endpoint (/metrics, /healthz): a loopback HOST:PORT, or off."),
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
