package org.claimback.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.claimback.catalog.VolumeRecord;
import org.claimback.config.ConfigLoader;
import org.claimback.engine.Engine;
import org.claimback.notify.Notifier;
import org.claimback.restic.Snapshot;
import org.claimback.restic.SnapshotFilter;
import org.claimback.testing.TestSetup;

/**
 * A test's claimback with its engine open, for backup tests: volumes by claim name, a backup
 * engine with chosen settings and notifier, and an optional restic wrapper that logs when each
 * real {@code restic backup} starts and ends ({@code start|end <epoch ns> <dir>}).
 */
public final class BackupFixture implements AutoCloseable {
    public final TestSetup setup;
    public final Engine engine;
    public final Path backupLog;

    private BackupFixture(TestSetup setup, Path backupLog) {
        this.setup = setup;
        this.backupLog = backupLog;
        this.engine = Engine.open(ConfigLoader.load(setup.config()));
    }

    /** A setup using {@code restic} directly; {@code extraConfig} is YAML appended to the config. */
    public static BackupFixture plain(Path dir, Path restic, String extraConfig) throws IOException {
        TestSetup setup = TestSetup.create(dir, restic);
        setup.writeConfig(extraConfig);
        return new BackupFixture(setup, null);
    }

    /**
     * A setup whose restic is a wrapper around {@code restic}: it logs each backup's start and end
     * and, for volumes whose path contains {@code slowMarker} (when not null), first sleeps {@code slowSeconds}.
     */
    public static BackupFixture logged(Path dir, Path restic, String extraConfig, String slowMarker, int slowSeconds)
            throws IOException {
        Path log = dir.resolve("backup.log");
        Path wrapper = dir.resolve("bin/restic");
        Files.createDirectories(wrapper.getParent());
        // the sleep runs in the background so that SIGINT (a cancel) ends the wrapper at once, and the sleep with it
        String slow = slowMarker == null ? "" : "case \"$PWD\" in *" + slowMarker + "*) sleep " + slowSeconds
                + " >/dev/null 2>&1 </dev/null & pid=$!; trap 'kill $pid; exit 130' INT TERM; wait $pid;; esac\n";
        Files.writeString(wrapper, "#!/bin/sh\n"
                + "if [ \"$1\" = backup ]; then\n"
                + "  echo \"start $(date +%s%N) $PWD\" >> '" + log + "'\n"
                + "  " + slow
                + "  \"" + restic + "\" \"$@\"; rc=$?\n"
                + "  echo \"end $(date +%s%N) $PWD\" >> '" + log + "'\n"
                + "  exit $rc\n"
                + "fi\n"
                + "exec \"" + restic + "\" \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        TestSetup setup = TestSetup.create(dir, wrapper);
        setup.writeConfig(extraConfig);
        return new BackupFixture(setup, log);
    }

    /** Makes the repository (once) and brings the catalogue in step with the export. */
    public List<VolumeRecord> liveVolumes() {
        engine.repositoryAccess().readyForBackup();
        return org.claimback.schedule.BackupAll.liveVolumes(engine);
    }

    /** The live volume of the claim {@code default/<name>}. */
    public VolumeRecord volume(String name) {
        return liveVolumes().stream().filter(v -> v.path().contains("/default-" + name + "-pvc-")).findFirst()
                .orElseThrow(() -> new AssertionError("no live volume of default/" + name));
    }

    /** The engine's own backup engine, as the CLI and agent get it. */
    public BackupEngine backupEngine() {
        return engine.backupEngine();
    }

    /** A backup engine with these settings and notifier, otherwise the engine's parts. */
    public BackupEngine backupEngine(BackupEngine.Settings settings, Notifier notifier) {
        return new BackupEngine(engine.catalog(), engine.restic(), engine.config().host(), engine.clock(), settings,
                engine.volumeLocks(), engine.repositoryGate(), notifier, engine.stopSignal());
    }

    public List<Snapshot> repositorySnapshots() {
        return engine.restic().snapshots(SnapshotFilter.tagged("claimback"));
    }

    /** The wrapper's log lines: {@code [kind, epochNanos, dir]}. */
    public List<String[]> logLines() throws IOException {
        List<String[]> lines = new ArrayList<>();
        if (backupLog != null && Files.exists(backupLog)) {
            for (String line : Files.readAllLines(backupLog)) {
                lines.add(line.split(" ", 3));
            }
        }
        return lines;
    }

    /** The most restic backups that ran at once, from the wrapper's log. */
    public int maxConcurrentBackups() throws IOException {
        List<String[]> events = logLines();
        events.sort((a, b) -> Long.compare(Long.parseLong(a[1]), Long.parseLong(b[1])));
        int now = 0;
        int max = 0;
        for (String[] e : events) {
            now += e[0].equals("start") ? 1 : -1;
            max = Math.max(max, now);
        }
        return max;
    }

    @Override
    public void close() {
        engine.close();
    }
}
