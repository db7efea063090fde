package org.claimback.dumprestore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.claimback.backup.SnapshotTags;
import org.claimback.catalog.Catalog;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.DumpRecord;
import org.claimback.testing.TestSetup;

/**
 * Makes dump snapshots the way the taking side does, with plain restic ({@code backup --stdin
 * --stdin-filename NAME} tagged {@code claimback-dump}, the claim's tags, {@code dump=NAME},
 * {@code run=ID}), and their catalogue rows. The repository must exist (run a claimback backup
 * first). Public: the CLI tests use it too.
 */
public final class DumpFixture {
    public static final String HOST = "claimback-test";
    private static final DateTimeFormatter RESTIC_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final TestSetup setup;

    public DumpFixture(TestSetup setup) {
        this.setup = setup;
    }

    /** A dump snapshot of {@code content} taken at {@code time}; returns the id restic reported. */
    public String snapshot(ClaimRecord claim, String name, byte[] content, Instant time, Long runId) throws IOException {
        Path input = Files.createTempFile(setup.dir(), "dump", ".in");
        Files.write(input, content);
        List<String> args = new ArrayList<>(List.of("backup", "--stdin", "--stdin-filename", name, "--host", HOST,
                "--time", RESTIC_TIME.format(time), "--json", "--tag", DumpSnapshots.MARK,
                "--tag", SnapshotTags.CLAIM_KEY + claim.claimKey(), "--tag", DumpSnapshots.NAME + name));
        if (claim.namespace() != null) {
            args.addAll(List.of("--tag", SnapshotTags.NAMESPACE + claim.namespace(), "--tag", SnapshotTags.CLAIM + claim.name()));
        }
        if (runId != null) {
            args.addAll(List.of("--tag", DumpSnapshots.RUN + runId));
        }
        String out = restic(input, args);
        Files.delete(input);
        for (String line : out.split("\n")) {
            if (line.contains("\"summary\"")) {
                return new ObjectMapper().readTree(line).get("snapshot_id").asText();
            }
        }
        throw new AssertionError("restic backup --stdin printed no summary:\n" + out);
    }

    /** A dump snapshot and its row in the catalogue, state {@code state}. */
    public DumpRecord take(Catalog catalog, ClaimRecord claim, String name, byte[] content, Instant time, String state)
            throws IOException {
        String id = snapshot(claim, name, content, time, null);
        return catalog.addDump(new DumpRecord(0, id, id.substring(0, 8), claim.id(), null, name, time, HOST, content.length,
                state, "ok".equals(state) ? null : "producer exited 1"));
    }

    /** The repository's snapshots with all these tags ("": every snapshot), oldest first, as restic's JSON. */
    public JsonNode snapshots(String tags) throws IOException {
        List<String> args = new ArrayList<>(List.of("snapshots", "--json"));
        if (!tags.isEmpty()) {
            args.addAll(List.of("--tag", tags));
        }
        return new ObjectMapper().readTree(restic(null, args));
    }

    /**
     * A volume snapshot made with plain restic as claimback makes them ({@code cd DIR && restic
     * backup .}) with these tags; returns the id restic reported.
     */
    public String volumeSnapshot(Path dir, List<String> tags) throws IOException {
        List<String> args = new ArrayList<>(List.of("backup", ".", "--host", HOST, "--json"));
        tags.forEach(t -> args.addAll(List.of("--tag", t)));
        String out = restic(null, dir, args);
        for (String line : out.split("\n")) {
            if (line.contains("\"summary\"")) {
                return new ObjectMapper().readTree(line).get("snapshot_id").asText();
            }
        }
        throw new AssertionError("restic backup printed no summary:\n" + out);
    }

    /** Runs restic on the setup's repository; fails the test unless it exits 0. */
    public String restic(Path stdin, List<String> args) throws IOException {
        return restic(stdin, null, args);
    }

    /** {@link #restic(Path, List)} in {@code workingDir} (null: this process's). */
    public String restic(Path stdin, Path workingDir, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(setup.restic().toString()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(false);
        if (workingDir != null) {
            pb.directory(workingDir.toFile());
        }
        pb.environment().keySet().removeIf(k -> k.startsWith("RESTIC_"));
        pb.environment().put("RESTIC_REPOSITORY", setup.repository().toString());
        pb.environment().put("RESTIC_PASSWORD_FILE", setup.passwordFile().toString());
        pb.environment().put("RESTIC_CACHE_DIR", setup.dir().resolve("cache").toString());
        pb.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null")) : ProcessBuilder.Redirect.from(stdin.toFile()));
        Path err = Files.createTempFile(setup.dir(), "restic", ".err");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("restic " + args + " did not end in 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        String stderr = Files.readString(err);
        Files.delete(err);
        if (p.exitValue() != 0) {
            throw new AssertionError("restic " + String.join(" ", args) + " exited " + p.exitValue() + "\n" + out + stderr);
        }
        return out;
    }
}
