package org.claimback.fromcopy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.claimback.testing.TestSetup;

/**
 * An offsite copy of a {@link TestSetup}'s repository made with plain restic, as an operator (or
 * claimback's copy engine) would: {@code restic init --copy-chunker-params} from the primary, then
 * {@code restic copy} of every snapshot, the primary named through RESTIC_FROM_REPOSITORY and
 * RESTIC_FROM_PASSWORD_FILE. Its password differs from the primary's.
 */
public final class PlainResticCopy {
    public static final String PASSWORD = "offsite copy password 2718";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestSetup setup;
    private final Path repository;
    private final Path passwordFile;
    private final Path cache;

    private PlainResticCopy(TestSetup setup, Path dir) {
        this.setup = setup;
        this.repository = dir.resolve("repo");
        this.passwordFile = dir.resolve("password");
        this.cache = dir.resolve("cache");
    }

    /** Creates the copy repository in {@code dir/repo} with the primary's chunker parameters. */
    public static PlainResticCopy create(TestSetup setup, Path dir) throws IOException {
        PlainResticCopy copy = new PlainResticCopy(setup, dir);
        Files.createDirectories(dir);
        Files.writeString(copy.passwordFile, PASSWORD + "\n");
        Files.setPosixFilePermissions(copy.passwordFile, PosixFilePermissions.fromString("rw-------"));
        copy.restic("init", "--copy-chunker-params");
        return copy;
    }

    public Path repository() {
        return repository;
    }

    public Path passwordFile() {
        return passwordFile;
    }

    /** {@code restic copy}: every snapshot of the primary the copy lacks. */
    public void copyAll() {
        restic("copy");
    }

    /** The {@code copies:} entry naming this copy {@code name}, as config YAML. */
    public String configYaml(String name) {
        return "copies:\n  - name: " + name + "\n    repository: " + repository + "\n    passwordFile: " + passwordFile + "\n";
    }

    /** The copy's snapshots ({@code restic snapshots --json}), oldest first. */
    public List<JsonNode> snapshots() {
        try {
            List<JsonNode> list = new ArrayList<>();
            JSON.readTree(restic("snapshots", "--json")).forEach(list::add);
            return list;
        } catch (IOException e) {
            throw new AssertionError("restic snapshots printed no JSON", e);
        }
    }

    /** Each copied snapshot's full id in the primary ({@code original}) to its id in the copy. */
    public Map<String, String> copyIdsByOriginal() {
        Map<String, String> ids = new HashMap<>();
        for (JsonNode s : snapshots()) {
            if (s.hasNonNull("original")) {
                ids.put(s.get("original").asText(), s.get("id").asText());
            }
        }
        return ids;
    }

    private String restic(String... args) {
        List<String> command = new ArrayList<>(List.of(setup.restic().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("RESTIC_"));
        builder.environment().put("RESTIC_REPOSITORY", repository.toString());
        builder.environment().put("RESTIC_PASSWORD_FILE", passwordFile.toString());
        builder.environment().put("RESTIC_FROM_REPOSITORY", setup.repository().toString());
        builder.environment().put("RESTIC_FROM_PASSWORD_FILE", setup.passwordFile().toString());
        builder.environment().put("RESTIC_CACHE_DIR", cache.toString());
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("plain-restic", ".out");
            err = Files.createTempFile("plain-restic", ".err");
            Process p = builder.redirectInput(new File("/dev/null")).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError(String.join(" ", command) + " did not end within 120 s");
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " exited " + p.exitValue() + ":\n" + stdout
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            return stdout;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            for (Path f : new Path[] {out, err}) {
                if (f != null) {
                    f.toFile().delete();
                }
            }
        }
    }
}
