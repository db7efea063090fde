package org.claimback.dump;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.ClaimRecord;
import org.claimback.config.DumpConfig;
import org.claimback.restic.Restic;
import org.claimback.restic.ResticSettings;
import org.claimback.restic.Snapshot;
import org.claimback.restic.SnapshotFilter;
import org.claimback.testing.ResticBinaries;

/**
 * A repository per restic version (plain restic init, shared by the tests of a class: an init
 * costs seconds), a fresh catalogue with the claim media/db under a claim key of its own, and a
 * backup run.
 */
final class DumpFixture implements AutoCloseable {
    static final String HOST = "nfs-test";
    private static final Map<Path, ResticSettings> REPOSITORIES = new ConcurrentHashMap<>();
    private static final AtomicInteger CLAIMS = new AtomicInteger();

    final Path dir;
    final ResticSettings settings;
    final Restic restic;
    final Catalog catalog;
    final ClaimRecord claim;
    final long runId;
    final DumpBackup dumps;

    /**
     * @param shared where the repositories live, one per binary, for the whole test class
     * @param dir    this test's own directory
     */
    DumpFixture(Path shared, Path dir, Path binary) throws IOException {
        this(dir, repository(shared, binary));
    }

    DumpFixture(Path dir, ResticSettings settings) {
        this.dir = dir;
        this.settings = settings;
        this.restic = new Restic(settings);
        this.catalog = Catalog.open(dir.resolve("catalog.db"));
        int n = CLAIMS.incrementAndGet();
        this.claim = catalog.upsertClaim("media" + n + "-db", "media" + n, "db", "name", List.of(), Instant.now());
        this.runId = catalog.startRun("backup", claim.id(), null, HOST, "cli", Instant.now());
        this.dumps = new DumpBackup(catalog, restic, HOST, Clock.systemUTC());
    }

    private static ResticSettings repository(Path shared, Path binary) {
        return REPOSITORIES.computeIfAbsent(binary, b -> {
            try {
                return ResticBinaries.newRepository(b, shared.resolve(ResticBinaries.versionOf(b)));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** The claim as dump errors name it: namespace/name. */
    String display() {
        return claim.namespace() + "/" + claim.name();
    }

    /** A dump whose producer is {@code /bin/sh -c script}. */
    static DumpConfig shell(String name, String script, Duration timeout) {
        return new DumpConfig(name, List.of("/bin/sh", "-c", script), timeout);
    }

    /** A file of {@code size} random bytes. */
    Path randomFile(String name, int size) throws IOException {
        byte[] data = new byte[size];
        new java.util.Random(size).nextBytes(data);
        Path file = dir.resolve(name);
        Files.write(file, data);
        return file;
    }

    /** The dump snapshots of the claim, as plain restic lists them. */
    List<Snapshot> dumpSnapshots() {
        return restic.snapshots(new SnapshotFilter(List.of(DumpTags.MARK, DumpTags.CLAIM_KEY + claim.claimKey()), null, List.of()));
    }

    /** Plain {@code restic ARGS}, its standard output as bytes; fails on a non-zero exit. */
    byte[] plainRestic(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(settings.binary().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(new File("/dev/null"));
        builder.environment().put("RESTIC_REPOSITORY", settings.repository());
        builder.environment().put("RESTIC_PASSWORD_FILE", settings.passwordFile().toString());
        builder.environment().put("RESTIC_CACHE_DIR", settings.cacheDir().toString());
        Path err = Files.createTempFile(dir, "restic", ".err");
        builder.redirectError(err.toFile());
        Process process = builder.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        process.getInputStream().transferTo(out);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed:\n" + Files.readString(err));
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        catalog.close();
    }
}
