package org.claimback.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.claimback.discovery.KubernetesNames;
import org.claimback.discovery.Layout;
import org.quartz.CronExpression;

/**
 * Reads and validates a config file. Unknown keys, wrong types, missing required keys, relative
 * nonsense and unreadable password files are all refused with the file, the line and the key.
 * Relative paths are taken relative to the config file's directory.
 */
public final class ConfigLoader {
    /** Where the config is looked for when neither --config nor CLAIMBACK_CONFIG is given. */
    public static final Path DEFAULT_FILE = Path.of("/etc/claimback/config.yaml");
    /** The environment variable that names the config file. */
    public static final String ENV_VAR = "CLAIMBACK_CONFIG";

    private static final Set<String> TOP_KEYS =
            Set.of("exports", "repository", "passwordFile", "catalog", "host", "namespaces", "inventory", "schedule", "restic",
                    "drill", "status", "backup", "retention", "check", "claims", "agent", "notify", "sqlite",
                    "repositoryEnvFile", "repositoryOptions", "copies", "limits");

    private final Path file;
    private final Path base;

    private ConfigLoader(Path file) {
        this.file = file;
        Path parent = file.toAbsolutePath().getParent();
        this.base = parent == null ? Path.of("/") : parent;
    }

    /** The config file to use: the option, else {@code CLAIMBACK_CONFIG}, else the default. */
    public static Path locate(Path option, Map<String, String> env) {
        if (option != null) {
            return option;
        }
        String fromEnv = env.get(ENV_VAR);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        return DEFAULT_FILE;
    }

    /** Loads and validates {@code file}, or throws {@link ConfigException}. */
    public static Config load(Path file) {
        return new ConfigLoader(file).load();
    }

    private Config load() {
        YamlNode root = parse();
        if (root == null || !root.isMap()) {
            throw error(root == null ? 1 : root.line(), null,
                    "the file must be a YAML mapping with at least exports, repository, passwordFile and catalog");
        }
        Map<String, YamlNode> top = root.map();
        rejectUnknown(top, TOP_KEYS, "");
        List<ExportConfig> exports = exports(require(top, "exports", root));
        String repository = text(require(top, "repository", root), "repository");
        Path passwordFile = passwordFile(require(top, "passwordFile", root), "passwordFile");
        Path envFile = top.containsKey("repositoryEnvFile") && top.get("repositoryEnvFile").value() != null
                ? envFile(top.get("repositoryEnvFile"), "repositoryEnvFile") : null;
        List<String> options = repositoryOptions(top.get("repositoryOptions"), "repositoryOptions");
        List<RepositoryConfig> copies = copies(top.get("copies"), repository);
        LimitsConfig limits = limits(top.get("limits"));
        Path catalog = path(require(top, "catalog", root), "catalog");
        String host = top.containsKey("host") ? text(top.get("host"), "host") : Hostname.current();
        List<String> namespaces = namespaces(top.get("namespaces"));
        List<Path> inventoryFiles = inventoryFiles(top.get("inventory"));
        ScheduleConfig schedule = schedule(top.get("schedule"));
        ResticConfig restic = restic(top.get("restic"));
        DrillConfig drill = drill(top.get("drill"), catalog, exports);
        StatusConfig status = status(top.get("status"));
        BackupConfig backup = backup(top.get("backup"));
        RetentionConfig retention = retention(top.get("retention"));
        CheckConfig check = check(top.get("check"));
        List<ClaimRule> claims = claimRules(top.get("claims"));
        AgentConfig agent = agent(top.get("agent"));
        List<NotifyTarget> notify = notifyTargets(top.get("notify"));
        SqliteConfig sqlite = sqlite(top.get("sqlite"), catalog, exports);
        return new Config(file, List.copyOf(exports), repository, passwordFile, catalog, host, namespaces, inventoryFiles, schedule, restic,
                drill, status, backup, retention, check, claims, agent, notify, sqlite, envFile, options, copies, limits);
    }

    private YamlNode parse() {
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw error(0, null, "no such file: create it (see install/config.example.yaml) or pass --config FILE");
        } catch (AccessDeniedException e) {
            throw error(0, null, "permission denied: run as root or make the file readable");
        } catch (IOException e) {
            throw error(0, null, "cannot read: " + e.getMessage());
        }
        try (JsonParser parser = new YAMLFactory().createParser(yaml)) {
            if (parser.nextToken() == null) {
                return null;
            }
            return YamlNode.read(parser);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw error(line, null, "not valid YAML: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw error(0, null, "cannot read: " + e.getMessage());
        }
    }

    private List<ExportConfig> exports(YamlNode node) {
        if (!node.isList() || node.list().isEmpty()) {
            throw error(node.line(), "exports", "must be a list of export roots, e.g. `- path: /srv/nfs/k8s`, got " + node.kind());
        }
        List<ExportConfig> exports = new ArrayList<>();
        for (YamlNode entry : node.list()) {
            if (!entry.isMap()) {
                throw error(entry.line(), "exports[]", "each export is a mapping with `path:` (and optionally `layout:`), got " + entry.kind());
            }
            rejectUnknown(entry.map(), Set.of("path", "layout", "pattern", "snapshot"), "exports[].");
            Path path = path(require(entry.map(), "path", entry), "exports[].path");
            String layout = "nfs-subdir";
            YamlNode layoutNode = entry.map().get("layout");
            if (layoutNode != null) {
                layout = text(layoutNode, "exports[].layout");
                if (!Layout.names().contains(layout)) {
                    throw error(layoutNode.line(), "exports[].layout", "unknown layout `" + layout + "`: use one of " + Layout.names());
                }
            }
            String pattern = null;
            YamlNode patternNode = entry.map().get("pattern");
            if (patternNode != null) {
                pattern = text(patternNode, "exports[].pattern");
                try {
                    Layout.named(layout, pattern, java.util.Set.of());
                } catch (IllegalArgumentException e) {
                    throw error(patternNode.line(), "exports[].pattern", e.getMessage());
                }
            }
            for (ExportConfig seen : exports) {
                if (seen.path().equals(path)) {
                    throw error(entry.line(), "exports[].path", path + " is listed twice: remove one");
                }
            }
            String snapshot = ExportConfig.SNAPSHOT_NONE;
            YamlNode snapshotNode = entry.map().get("snapshot");
            if (snapshotNode != null && snapshotNode.value() != null) {
                snapshot = text(snapshotNode, "exports[].snapshot");
                if ("lvm".equals(snapshot)) {
                    throw error(snapshotNode.line(), "exports[].snapshot", "lvm snapshots are not supported by this version:"
                            + " use btrfs (the export on a btrfs filesystem) or none");
                }
                if (!ExportConfig.SNAPSHOTS.contains(snapshot)) {
                    throw error(snapshotNode.line(), "exports[].snapshot", "unknown snapshot kind `" + snapshot + "`: use one of "
                            + ExportConfig.SNAPSHOTS);
                }
            }
            exports.add(new ExportConfig(path, layout, pattern, snapshot));
        }
        return exports;
    }

    private List<String> namespaces(YamlNode node) {
        if (node == null || node.value() == null) {
            return List.of();
        }
        if (!node.isList()) {
            throw error(node.line(), "namespaces", "must be a list of namespace names, got " + node.kind());
        }
        List<String> namespaces = new ArrayList<>();
        for (YamlNode entry : node.list()) {
            String name = text(entry, "namespaces[]");
            KubernetesNames.namespaceProblem(name).ifPresent(problem -> {
                throw error(entry.line(), "namespaces[]", "`" + name + "`: " + problem);
            });
            namespaces.add(name);
        }
        return List.copyOf(namespaces);
    }

    private List<Path> inventoryFiles(YamlNode node) {
        if (node == null || node.value() == null) {
            return List.of();
        }
        Map<String, YamlNode> map = mapping(node, "inventory");
        rejectUnknown(map, Set.of("files"), "inventory.");
        YamlNode files = map.get("files");
        if (files == null || files.value() == null) {
            return List.of();
        }
        if (!files.isList()) {
            throw error(files.line(), "inventory.files", "must be a list of files, got " + files.kind());
        }
        List<Path> paths = new ArrayList<>();
        for (YamlNode entry : files.list()) {
            paths.add(path(entry, "inventory.files[]"));
        }
        return List.copyOf(paths);
    }

    private Path passwordFile(YamlNode node, String key) {
        Path path = path(node, key);
        if (!Files.isRegularFile(path)) {
            throw error(node.line(), key, path + " does not exist: write the repository password into it (mode 0600)");
        }
        if (!Files.isReadable(path)) {
            throw error(node.line(), key, path + " is not readable: run as root or fix its permissions");
        }
        try {
            if (Files.size(path) == 0 || Files.readString(path).isBlank()) {
                throw error(node.line(), key, path + " is empty: it must hold the repository password");
            }
        } catch (IOException e) {
            throw error(node.line(), key, path + " cannot be read: " + e.getMessage());
        }
        return path;
    }

    private Path envFile(YamlNode node, String key) {
        Path path = path(node, key);
        try {
            RepositoryEnvFile.read(path);
        } catch (IllegalArgumentException e) {
            throw error(node.line(), key, e.getMessage());
        }
        return path;
    }

    /** restic {@code -o key=value} options: argv, so visible in process lists; never secrets. */
    private List<String> repositoryOptions(YamlNode node, String key) {
        if (node == null || node.value() == null) {
            return List.of();
        }
        if (!node.isList()) {
            throw error(node.line(), key, "must be a list of restic -o options, e.g. [\"s3.region=eu-west-1\"], got " + node.kind());
        }
        List<String> options = new ArrayList<>();
        for (YamlNode entry : node.list()) {
            String option = text(entry, key + "[]");
            int eq = option.indexOf('=');
            if (eq <= 0 || !option.substring(0, eq).matches("[a-z0-9-]+\\.[a-z0-9.-]+")) {
                throw error(entry.line(), key + "[]", "`" + option + "` is not a restic option: write backend.name=value, e.g. sftp.command=ssh ...");
            }
            options.add(option);
        }
        return List.copyOf(options);
    }

    private List<RepositoryConfig> copies(YamlNode node, String primary) {
        if (node == null || node.value() == null) {
            return List.of();
        }
        if (!node.isList()) {
            throw error(node.line(), "copies", "must be a list of {name, repository, passwordFile, repositoryEnvFile}, got " + node.kind());
        }
        List<RepositoryConfig> copies = new ArrayList<>();
        for (YamlNode entry : node.list()) {
            Map<String, YamlNode> map = mapping(entry, "copies[]");
            rejectUnknown(map, Set.of("name", "repository", "passwordFile", "repositoryEnvFile", "repositoryOptions"), "copies[].");
            String name = text(require(map, "name", entry), "copies[].name");
            if (!name.matches("[a-z0-9][a-z0-9-]{0,62}") || name.equals(RepositoryConfig.PRIMARY)) {
                throw error(map.get("name").line(), "copies[].name", "`" + name
                        + "` is not a copy name: use lowercase letters, digits and '-' (not `primary`), e.g. offsite");
            }
            if (copies.stream().anyMatch(c -> c.name().equals(name))) {
                throw error(map.get("name").line(), "copies[].name", "`" + name + "` names two copies: give each its own name");
            }
            String repository = text(require(map, "repository", entry), "copies[].repository");
            if (repository.equals(primary) || copies.stream().anyMatch(c -> c.repository().equals(repository))) {
                throw error(map.get("repository").line(), "copies[].repository",
                        "copy " + name + " names a repository already used: a copy must be another repository");
            }
            Path password = passwordFile(require(map, "passwordFile", entry), "copies[].passwordFile");
            Path env = map.containsKey("repositoryEnvFile") && map.get("repositoryEnvFile").value() != null
                    ? envFile(map.get("repositoryEnvFile"), "copies[].repositoryEnvFile") : null;
            List<String> options = repositoryOptions(map.get("repositoryOptions"), "copies[].repositoryOptions");
            copies.add(new RepositoryConfig(name, repository, password, env, options, entry.line()));
        }
        return List.copyOf(copies);
    }

    private LimitsConfig limits(YamlNode node) {
        if (node == null || node.value() == null) {
            return LimitsConfig.none();
        }
        Map<String, YamlNode> map = mapping(node, "limits");
        rejectUnknown(map, Set.of("upload", "download"), "limits.");
        int upload = map.containsKey("upload") ? integer(map.get("upload"), "limits.upload", 1, 100_000_000) : 0;
        int download = map.containsKey("download") ? integer(map.get("download"), "limits.download", 1, 100_000_000) : 0;
        return new LimitsConfig(upload, download);
    }

    private ScheduleConfig schedule(YamlNode node) {
        String backup = ConfigKey.SCHEDULE_BACKUP.defaultValue();
        String drill = null;
        String retention = ConfigKey.SCHEDULE_RETENTION.defaultValue();
        String prune = ConfigKey.SCHEDULE_PRUNE.defaultValue();
        String check = ConfigKey.SCHEDULE_CHECK.defaultValue();
        if (node != null && node.value() != null) {
            Map<String, YamlNode> map = mapping(node, "schedule");
            rejectUnknown(map, Set.of("backup", "drill", "retention", "prune", "check"), "schedule.");
            if (map.containsKey("backup")) {
                backup = cronOrOff(map.get("backup"), "schedule.backup", "\"0 0 2 * * ?\" (every night at 02:00)");
            }
            if (map.containsKey("drill")) {
                drill = cronOrOff(map.get("drill"), "schedule.drill", "\"0 0 4 ? * SUN\" (Sundays at 04:00)");
            }
            if (map.containsKey("retention")) {
                retention = cronOrOff(map.get("retention"), "schedule.retention", "\"0 30 3 * * ?\" (every night at 03:30)");
            }
            if (map.containsKey("prune")) {
                prune = cronOrOff(map.get("prune"), "schedule.prune", "\"0 0 5 ? * SUN\" (Sundays at 05:00)");
            }
            if (map.containsKey("check")) {
                check = cronOrOff(map.get("check"), "schedule.check", "\"0 0 6 ? * SAT\" (Saturdays at 06:00)");
            }
        }
        return new ScheduleConfig(backup, drill, retention, prune, check);
    }

    /** A cron expression, or null for {@code off} (YAML's bare off is the boolean false) or an empty value. */
    private String cronOrOff(YamlNode node, String key, String example) {
        if (node.value() == null || isOff(node)) {
            return null;
        }
        return cron(node, key, example);
    }

    private static boolean isOff(YamlNode node) {
        return node.scalarType() == JsonToken.VALUE_FALSE || (node.isScalar() && node.text().strip().equalsIgnoreCase("off"));
    }

    private BackupConfig backup(YamlNode node) {
        BackupConfig defaults = BackupConfig.defaults();
        if (node == null || node.value() == null) {
            return defaults;
        }
        Map<String, YamlNode> map = mapping(node, "backup");
        rejectUnknown(map, Set.of("parallel", "shrinkGuardPercent"), "backup.");
        int parallel = map.containsKey("parallel") ? integer(map.get("parallel"), "backup.parallel", 1, 32) : defaults.parallel();
        int guard = map.containsKey("shrinkGuardPercent")
                ? integer(map.get("shrinkGuardPercent"), "backup.shrinkGuardPercent", 0, 100) : defaults.shrinkGuardPercent();
        return new BackupConfig(parallel, guard);
    }

    private RetentionConfig retention(YamlNode node) {
        RetentionConfig defaults = RetentionConfig.defaults();
        if (node == null || node.value() == null) {
            return defaults;
        }
        Map<String, YamlNode> map = mapping(node, "retention");
        Set<String> known = new java.util.HashSet<>(POLICY_KEYS);
        known.add("catalogCopies");
        rejectUnknown(map, known, "retention.");
        boolean anyPolicyKey = map.keySet().stream().anyMatch(POLICY_KEYS::contains);
        RetentionPolicy policy = anyPolicyKey ? policy(node, map, "retention") : defaults.policy();
        int copies = map.containsKey("catalogCopies")
                ? integer(map.get("catalogCopies"), "retention.catalogCopies", 1, 10_000) : defaults.catalogCopies();
        return new RetentionConfig(policy, copies);
    }

    private static final List<String> POLICY_KEYS = List.of("keepLast", "keepDaily", "keepWeekly", "keepMonthly", "keepYearly");

    /** The keep* keys of {@code map}; the ones not written are 0. */
    private RetentionPolicy policy(YamlNode node, Map<String, YamlNode> map, String key) {
        int[] n = new int[POLICY_KEYS.size()];
        for (int i = 0; i < n.length; i++) {
            YamlNode value = map.get(POLICY_KEYS.get(i));
            n[i] = value == null ? 0 : integer(value, key + "." + POLICY_KEYS.get(i), 0, 100_000);
        }
        try {
            return new RetentionPolicy(n[0], n[1], n[2], n[3], n[4]);
        } catch (IllegalArgumentException e) {
            throw error(node.line(), key, e.getMessage());
        }
    }

    private CheckConfig check(YamlNode node) {
        if (node == null || node.value() == null) {
            return CheckConfig.defaults();
        }
        Map<String, YamlNode> map = mapping(node, "check");
        rejectUnknown(map, Set.of("readDataSubsets"), "check.");
        return map.containsKey("readDataSubsets")
                ? new CheckConfig(integer(map.get("readDataSubsets"), "check.readDataSubsets", 0, 10_000))
                : CheckConfig.defaults();
    }

    private List<ClaimRule> claimRules(YamlNode node) {
        if (node == null || node.value() == null) {
            return List.of();
        }
        if (!node.isList()) {
            throw error(node.line(), "claims", "must be a list of per-claim rules, e.g. `- match: media/*`, got " + node.kind());
        }
        List<ClaimRule> rules = new ArrayList<>();
        for (YamlNode entry : node.list()) {
            Map<String, YamlNode> map = mapping(entry, "claims[]");
            rejectUnknown(map, Set.of("match", "schedule", "retention", "hooks", "sqlite", "dumps"), "claims[].");
            String match = text(require(map, "match", entry), "claims[].match");
            if (!match.matches("[A-Za-z0-9.*?/_-]+") || match.chars().filter(c -> c == '/').count() > 1) {
                throw error(map.get("match").line(), "claims[].match", "`" + match
                        + "` is not a claim pattern: write namespace/name, a claim key, or a glob such as media/* or *-db");
            }
            String schedule = null;
            if (map.containsKey("schedule")) {
                YamlNode cron = map.get("schedule");
                schedule = cron.value() == null || isOff(cron) ? ClaimRule.OFF
                        : cron(cron, "claims[].schedule", "\"0 0 */6 * * ?\" (every six hours)");
            }
            RetentionPolicy retention = null;
            if (map.containsKey("retention")) {
                YamlNode r = map.get("retention");
                Map<String, YamlNode> keep = mapping(r, "claims[].retention");
                rejectUnknown(keep, Set.copyOf(POLICY_KEYS), "claims[].retention.");
                retention = policy(r, keep, "claims[].retention");
            }
            HooksConfig hooks = map.containsKey("hooks") ? hooks(map.get("hooks")) : null;
            SqliteRule sqlite = map.containsKey("sqlite") ? sqliteRule(map.get("sqlite")) : null;
            List<DumpConfig> dumps = map.containsKey("dumps") ? dumps(map.get("dumps")) : null;
            if (schedule == null && retention == null && hooks == null && sqlite == null && dumps == null) {
                throw error(entry.line(), "claims[]", "the rule for `" + match
                        + "` changes nothing: give it a schedule, retention, hooks, sqlite or dumps");
            }
            rules.add(new ClaimRule(match, schedule, retention, hooks, sqlite, dumps, entry.line()));
        }
        return List.copyOf(rules);
    }

    private HooksConfig hooks(YamlNode node) {
        Map<String, YamlNode> map = mapping(node, "claims[].hooks");
        rejectUnknown(map, Set.of("before", "after", "onError", "timeout", "onBeforeFailure"), "claims[].hooks.");
        List<String> before = map.containsKey("before") ? command(map.get("before"), "claims[].hooks.before") : null;
        List<String> after = map.containsKey("after") ? command(map.get("after"), "claims[].hooks.after") : null;
        List<String> onError = map.containsKey("onError") ? command(map.get("onError"), "claims[].hooks.onError") : null;
        if (before == null && after == null && onError == null) {
            throw error(node.line(), "claims[].hooks", "names no command: give it before, after or onError");
        }
        java.time.Duration timeout = map.containsKey("timeout") ? duration(map.get("timeout"), "claims[].hooks.timeout")
                : HooksConfig.DEFAULT_TIMEOUT;
        boolean continueOnFailure = false;
        if (map.containsKey("onBeforeFailure")) {
            String choice = text(map.get("onBeforeFailure"), "claims[].hooks.onBeforeFailure");
            if (!choice.equals("abort") && !choice.equals("continue")) {
                throw error(map.get("onBeforeFailure").line(), "claims[].hooks.onBeforeFailure", "`" + choice
                        + "` is not a choice: use abort (skip the volume's backup) or continue (back it up anyway)");
            }
            continueOnFailure = choice.equals("continue");
        }
        return new HooksConfig(before, after, onError, timeout, continueOnFailure);
    }

    /** A command: one string (run by /bin/sh -c) or a non-empty list of arguments. */
    private List<String> command(YamlNode node, String key) {
        if (node.isScalar()) {
            return HooksConfig.shell(text(node, key));
        }
        if (!node.isList() || node.list().isEmpty()) {
            throw error(node.line(), key, "must be a command: one line for /bin/sh -c, or a list of arguments, got " + node.kind());
        }
        List<String> args = new ArrayList<>();
        for (YamlNode arg : node.list()) {
            if (!arg.isScalar()) {
                throw error(arg.line(), key + "[]", "each argument must be text, got " + arg.kind());
            }
            args.add(arg.text());
        }
        if (args.get(0).isBlank()) {
            throw error(node.line(), key, "the first argument must name the program to run");
        }
        return List.copyOf(args);
    }

    private SqliteConfig sqlite(YamlNode node, Path catalog, List<ExportConfig> exports) {
        SqliteConfig defaults = SqliteConfig.defaults(catalog);
        if (node == null || node.value() == null) {
            return defaults;
        }
        Map<String, YamlNode> map = mapping(node, "sqlite");
        rejectUnknown(map, Set.of("consistentCopy", "exclude", "lockWait", "scratch"), "sqlite.");
        boolean copy = map.containsKey("consistentCopy") ? bool(map.get("consistentCopy"), "sqlite.consistentCopy")
                : defaults.consistentCopy();
        List<String> exclude = map.containsKey("exclude") ? globs(map.get("exclude"), "sqlite.exclude") : defaults.exclude();
        java.time.Duration lockWait = map.containsKey("lockWait") ? duration(map.get("lockWait"), "sqlite.lockWait")
                : defaults.lockWait();
        Path scratch = defaults.scratch();
        if (map.containsKey("scratch")) {
            scratch = path(map.get("scratch"), "sqlite.scratch");
            for (ExportConfig export : exports) {
                if (scratch.startsWith(export.path()) || export.path().startsWith(scratch) || scratch.getParent() == null) {
                    throw error(map.get("scratch").line(), "sqlite.scratch", scratch + " overlaps the export root " + export.path()
                            + ": database copies would be taken for volumes; choose a directory outside the exports,"
                            + " e.g. /var/lib/claimback/sqlite-copies");
                }
            }
        }
        return new SqliteConfig(copy, exclude, lockWait, scratch);
    }

    private SqliteRule sqliteRule(YamlNode node) {
        Map<String, YamlNode> map = mapping(node, "claims[].sqlite");
        rejectUnknown(map, Set.of("consistentCopy", "exclude"), "claims[].sqlite.");
        Boolean copy = map.containsKey("consistentCopy") ? bool(map.get("consistentCopy"), "claims[].sqlite.consistentCopy") : null;
        List<String> exclude = map.containsKey("exclude") ? globs(map.get("exclude"), "claims[].sqlite.exclude") : List.of();
        return new SqliteRule(copy, exclude);
    }

    private List<String> globs(YamlNode node, String key) {
        if (node.value() == null) {
            return List.of();
        }
        if (!node.isList()) {
            throw error(node.line(), key, "must be a list of globs relative to the volume, e.g. [\"cache/*.db\"], got " + node.kind());
        }
        List<String> globs = new ArrayList<>();
        for (YamlNode entry : node.list()) {
            String glob = text(entry, key + "[]");
            if (glob.startsWith("/")) {
                throw error(entry.line(), key + "[]", "`" + glob + "` is absolute: write it relative to the volume directory");
            }
            try {
                java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + glob);
            } catch (IllegalArgumentException e) {
                throw error(entry.line(), key + "[]", "`" + glob + "` is not a glob: " + e.getMessage());
            }
            globs.add(glob);
        }
        return List.copyOf(globs);
    }

    private List<DumpConfig> dumps(YamlNode node) {
        if (node.value() == null) {
            return List.of();
        }
        if (!node.isList()) {
            throw error(node.line(), "claims[].dumps", "must be a list of dumps, e.g. `- name: app.sql` with `command:`, got "
                    + node.kind());
        }
        List<DumpConfig> dumps = new ArrayList<>();
        for (YamlNode entry : node.list()) {
            Map<String, YamlNode> map = mapping(entry, "claims[].dumps[]");
            rejectUnknown(map, Set.of("name", "command", "timeout"), "claims[].dumps[].");
            String name = text(require(map, "name", entry), "claims[].dumps[].name");
            if (!name.matches("[A-Za-z0-9._-]+") || name.startsWith(".") || name.startsWith("-")) {
                throw error(map.get("name").line(), "claims[].dumps[].name", "`" + name
                        + "` is not a file name: use letters, digits, dot, underscore and dash, e.g. app.sql");
            }
            if (dumps.stream().anyMatch(d -> d.name().equals(name))) {
                throw error(map.get("name").line(), "claims[].dumps[].name", "`" + name + "` is listed twice: give each dump its own name");
            }
            List<String> command = command(require(map, "command", entry), "claims[].dumps[].command");
            java.time.Duration timeout = map.containsKey("timeout") ? duration(map.get("timeout"), "claims[].dumps[].timeout")
                    : DumpConfig.DEFAULT_TIMEOUT;
            dumps.add(new DumpConfig(name, command, timeout));
        }
        return List.copyOf(dumps);
    }

    private boolean bool(YamlNode node, String key) {
        String value = node.isScalar() ? node.text().strip() : "";
        return switch (value) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw error(node.line(), key, "must be true or false, got " + (node.isScalar() ? "`" + value + "`" : node.kind()));
        };
    }

    private AgentConfig agent(YamlNode node) {
        AgentConfig defaults = AgentConfig.defaults();
        if (node == null || node.value() == null) {
            return defaults;
        }
        Map<String, YamlNode> map = mapping(node, "agent");
        rejectUnknown(map, Set.of("stopGrace", "lockWait", "unreachableRetries", "unreachableBackoff"), "agent.");
        java.time.Duration grace = map.containsKey("stopGrace") ? duration(map.get("stopGrace"), "agent.stopGrace") : defaults.stopGrace();
        java.time.Duration wait = map.containsKey("lockWait") ? duration(map.get("lockWait"), "agent.lockWait") : defaults.lockWait();
        int retries = map.containsKey("unreachableRetries")
                ? integer(map.get("unreachableRetries"), "agent.unreachableRetries", 0, 20) : defaults.unreachableRetries();
        java.time.Duration backoff = map.containsKey("unreachableBackoff")
                ? duration(map.get("unreachableBackoff"), "agent.unreachableBackoff") : defaults.unreachableBackoff();
        return new AgentConfig(grace, wait, retries, backoff);
    }

    private List<NotifyTarget> notifyTargets(YamlNode node) {
        if (node == null || node.value() == null) {
            return List.of();
        }
        if (!node.isList()) {
            throw error(node.line(), "notify", "must be a list of targets, e.g. `- ntfy: https://ntfy.sh/my-topic`, got " + node.kind());
        }
        List<NotifyTarget> targets = new ArrayList<>();
        for (YamlNode entry : node.list()) {
            Map<String, YamlNode> map = mapping(entry, "notify[]");
            rejectUnknown(map, Set.of("format", "url", "urlFile", "tokenFile", "on"), "notify[].");
            String format = text(require(map, "format", entry), "notify[].format");
            if (!NotifyTarget.FORMATS.contains(format)) {
                throw error(map.get("format").line(), "notify[].format", "unknown format `" + format + "`: use one of " + NotifyTarget.FORMATS);
            }
            if (map.containsKey("url") == map.containsKey("urlFile")) {
                throw error(entry.line(), "notify[].url", "give exactly one of url and urlFile (a file holding the URL, when it holds a secret)");
            }
            String url;
            int urlLine;
            if (map.containsKey("url")) {
                url = text(map.get("url"), "notify[].url");
                urlLine = map.get("url").line();
            } else {
                Path urlFile = path(map.get("urlFile"), "notify[].urlFile");
                urlLine = map.get("urlFile").line();
                url = secretText(urlFile, urlLine, "notify[].urlFile");
            }
            java.net.URI uri;
            try {
                uri = new java.net.URI(url);
            } catch (java.net.URISyntaxException e) {
                throw error(urlLine, "notify[].url", "not a URL: write e.g. https://ntfy.sh/my-topic");
            }
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
                throw error(urlLine, "notify[].url", "must be an http:// or https:// URL with a host, e.g. https://ntfy.sh/my-topic");
            }
            Path tokenFile = null;
            if (map.containsKey("tokenFile")) {
                tokenFile = path(map.get("tokenFile"), "notify[].tokenFile");
                secretText(tokenFile, map.get("tokenFile").line(), "notify[].tokenFile");
            }
            Set<String> on = new java.util.HashSet<>(NotifyTarget.DEFAULT_EVENTS);
            if (format.equals("healthchecks")) {
                on.add("start");
                on.add("success");
            }
            if (map.containsKey("on")) {
                YamlNode events = map.get("on");
                if (!events.isList()) {
                    throw error(events.line(), "notify[].on", "must be a list of events from " + NotifyTarget.EVENTS);
                }
                on.clear();
                for (YamlNode event : events.list()) {
                    String name = text(event, "notify[].on[]");
                    if (!NotifyTarget.EVENTS.contains(name)) {
                        throw error(event.line(), "notify[].on[]", "unknown event `" + name + "`: use some of " + NotifyTarget.EVENTS);
                    }
                    on.add(name);
                }
            }
            targets.add(new NotifyTarget(format, uri, tokenFile, on));
        }
        return List.copyOf(targets);
    }

    /** The stripped content of a file holding a secret; refuses a missing, unreadable or empty one. */
    private String secretText(Path file, int line, String key) {
        try {
            String text = Files.readString(file).strip();
            if (text.isEmpty()) {
                throw error(line, key, file + " is empty: write the value into it (mode 0600)");
            }
            return text;
        } catch (NoSuchFileException e) {
            throw error(line, key, file + " does not exist: write the value into it (mode 0600)");
        } catch (IOException e) {
            throw error(line, key, file + " cannot be read (" + e.getMessage() + "): run as root or fix its permissions");
        }
    }

    private int integer(YamlNode node, String key, int min, int max) {
        String text = node.isScalar() ? node.text().strip() : "";
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw error(node.line(), key, "must be a whole number from " + min + " to " + max + ", got " + (node.isScalar() ? "`" + text + "`" : node.kind()));
        }
        if (value < min || value > max) {
            throw error(node.line(), key, value + " is out of range: use " + min + " to " + max);
        }
        return value;
    }

    private java.time.Duration duration(YamlNode node, String key) {
        try {
            return Durations.parse(text(node, key));
        } catch (IllegalArgumentException e) {
            throw error(node.line(), key, e.getMessage());
        }
    }

    private String cron(YamlNode node, String key, String example) {
        String cron = text(node, key);
        if (!CronExpression.isValidExpression(cron)) {
            throw error(node.line(), key, "`" + cron
                    + "` is not a Quartz cron expression (seconds minutes hours day-of-month month day-of-week), e.g. " + example);
        }
        return cron;
    }

    private DrillConfig drill(YamlNode node, Path catalog, List<ExportConfig> exports) {
        Path scratch = catalog.resolveSibling("drills");
        int line = 0;
        if (node != null && node.value() != null) {
            Map<String, YamlNode> map = mapping(node, "drill");
            rejectUnknown(map, Set.of("scratch"), "drill.");
            if (map.containsKey("scratch")) {
                scratch = path(map.get("scratch"), "drill.scratch");
                line = map.get("scratch").line();
            }
        }
        if (scratch.getParent() == null) {
            throw error(line, "drill.scratch", "drills cannot restore into " + scratch
                    + ": choose a directory of its own, e.g. /var/lib/claimback/drills");
        }
        for (ExportConfig export : exports) {
            if (scratch.startsWith(export.path()) || export.path().startsWith(scratch)) {
                throw error(line, "drill.scratch", scratch + (scratch.startsWith(export.path()) ? " is inside" : " holds")
                        + " the export root " + export.path() + ": drill copies would be taken for volumes;"
                        + " set drill.scratch to a directory outside the exports, e.g. /var/lib/claimback/drills");
            }
        }
        return new DrillConfig(scratch);
    }

    private StatusConfig status(YamlNode node) {
        String listen = ConfigKey.STATUS_LISTEN.defaultValue();
        Path tokenFile = null;
        int line = 0;
        if (node != null && node.value() != null) {
            Map<String, YamlNode> map = mapping(node, "status");
            rejectUnknown(map, Set.of("listen", "tokenFile"), "status.");
            YamlNode listenNode = map.get("listen");
            if (listenNode != null) {
                // YAML 1.1 reads a bare `off` as the boolean false
                if (isOff(listenNode)) {
                    return StatusConfig.off();
                }
                listen = text(listenNode, "status.listen");
                line = listenNode.line();
            }
            if (map.containsKey("tokenFile") && map.get("tokenFile").value() != null) {
                tokenFile = path(map.get("tokenFile"), "status.tokenFile");
                secretText(tokenFile, map.get("tokenFile").line(), "status.tokenFile");
            }
        }
        try {
            return StatusConfig.parse(listen, tokenFile);
        } catch (IllegalArgumentException e) {
            throw error(line, "status.listen", e.getMessage());
        }
    }

    private ResticConfig restic(YamlNode node) {
        Path binary = Path.of(ConfigKey.RESTIC_BINARY.defaultValue());
        Path cacheDir = null;
        if (node != null) {
            Map<String, YamlNode> map = mapping(node, "restic");
            rejectUnknown(map, Set.of("binary", "cacheDir"), "restic.");
            if (map.containsKey("binary")) {
                String value = text(map.get("binary"), "restic.binary");
                binary = value.contains("/") ? base.resolve(value).normalize() : Path.of(value);
            }
            if (map.containsKey("cacheDir")) {
                cacheDir = path(map.get("cacheDir"), "restic.cacheDir");
            }
        }
        return new ResticConfig(binary, cacheDir);
    }

    private Map<String, YamlNode> mapping(YamlNode node, String key) {
        if (!node.isMap()) {
            throw error(node.line(), key, "must be a mapping, got " + node.kind());
        }
        return node.map();
    }

    private YamlNode require(Map<String, YamlNode> map, String key, YamlNode parent) {
        YamlNode node = map.get(key);
        if (node == null || node.value() == null) {
            int line = node == null ? parent.line() : node.line();
            throw error(line, key, "missing: this key is required (see install/config.example.yaml)");
        }
        return node;
    }

    private String text(YamlNode node, String key) {
        if (!node.isScalar() || node.text().isBlank()) {
            throw error(node.line(), key, "must be text, got " + node.kind());
        }
        return node.text().strip();
    }

    private Path path(YamlNode node, String key) {
        String value = text(node, key);
        if (value.indexOf('\0') >= 0) {
            throw error(node.line(), key, "a path cannot contain a NUL character");
        }
        return base.resolve(value).normalize();
    }

    private void rejectUnknown(Map<String, YamlNode> map, Set<String> known, String prefix) {
        for (Map.Entry<String, YamlNode> e : map.entrySet()) {
            if (!known.contains(e.getKey())) {
                throw error(e.getValue().line(), prefix + e.getKey(),
                        "unknown key: known keys here are " + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    private ConfigException error(int line, String key, String problem) {
        return new ConfigException(file, line, key, problem);
    }
}
