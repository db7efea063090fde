package org.claimback.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.claimback.hosts.SharedHost;
import org.claimback.testing.TreeManifest;
import org.claimback.testing.VolumeTrees;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Servers nfs-a and nfs-b share one repository and both have the claim default/shared; a third
 * machine (nfs-c) rebuilds its catalogue with {@code --all-hosts} and lists and restores them,
 * choosing the host with CLAIM@HOST.
 */
class SeveralHostsCommandTest {
    @TempDir
    Path tmp;

    private static CliRun run(SharedHost host, String... args) {
        List<String> all = new ArrayList<>(List.of("--config", host.setup().config().toString()));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    private static CliRun ok(SharedHost host, String... args) {
        CliRun r = run(host, args);
        assertEquals(0, r.exitCode(), r::toString);
        return r;
    }

    private static CliRun usage(SharedHost host, String... args) {
        CliRun r = run(host, args);
        assertEquals(2, r.exitCode(), r::toString);
        assertEquals(1, r.err().strip().lines().count(), () -> "one line on stderr\n" + r);
        return r;
    }

    @ParameterizedTest(name = "restic {0}")
    @MethodSource("org.claimback.testing.ResticBinaries#all")
    void a_third_machine_lists_every_servers_claims_and_restores_a_shared_claim_key_by_host(Path restic) throws Exception {
        Path repository = tmp.resolve("shared-repo");
        SharedHost a = SharedHost.create(tmp.resolve("a"), restic, "nfs-a", repository, "");
        SharedHost b = SharedHost.create(tmp.resolve("b"), restic, "nfs-b", repository, "");
        SharedHost c = SharedHost.create(tmp.resolve("c"), restic, "nfs-c", repository, "");
        Path alpha = a.setup().export().newVolume("default", "alpha");
        VolumeTrees.realistic(alpha, 3);
        Path sharedA = a.setup().export().newVolume("default", "shared");
        VolumeTrees.write(sharedA.resolve("who.txt"), "a".getBytes());
        Path sharedB = b.setup().export().newVolume("default", "shared");
        VolumeTrees.realistic(sharedB, 4);
        ok(a, "backup", "--all");
        ok(b, "backup", "--all");
        String idOfA = ok(a, "backups", "default/shared", "--json").json().get("snapshots").get(0).get("id").asText();

        // the third machine: without --all-hosts the rebuild says how to take the others' snapshots
        assertTrue(usage(c, "catalog", "rebuild").err().contains("--all-hosts"));
        ok(c, "catalog", "rebuild", "--all-hosts", "--json");

        Set<String> keys = new TreeSet<>();
        ok(c, "claims", "--json").json().get("claims").forEach(x -> keys.add(x.get("claimKey").asText()));
        assertEquals(Set.of("default-alpha", "default-shared"), keys);

        String both = ok(c, "backups", "default/shared").out();
        assertTrue(both.lines().findFirst().orElse("").contains("HOST") && both.contains("nfs-a") && both.contains("nfs-b"), both);
        assertFalse(ok(c, "backups", "default/alpha").out().contains("HOST"), "one host: no HOST column");
        JsonNode onlyB = ok(c, "backups", "default-shared@nfs-b", "--json").json().get("snapshots");
        assertEquals(1, onlyB.size());
        assertEquals("nfs-b", onlyB.get(0).get("host").asText());

        CliRun which = usage(c, "restore", "default/shared", "--into", tmp.resolve("r0").toString());
        assertTrue(which.err().contains("nfs-a, nfs-b") && which.err().contains("default-shared@HOST"), which::toString);
        assertTrue(usage(c, "restore", "default/shared@nfs-x", "--into", tmp.resolve("r0").toString()).err()
                .contains("no snapshots of host nfs-x"));

        ok(c, "restore", "default/shared@nfs-b", "--into", tmp.resolve("r1").toString());
        assertEquals(List.of(), TreeManifest.of(sharedB).differences(TreeManifest.of(tmp.resolve("r1"))));
        ok(c, "restore", "default/shared", "--snapshot", idOfA, "--into", tmp.resolve("r2").toString());
        assertEquals(List.of(), TreeManifest.of(sharedA).differences(TreeManifest.of(tmp.resolve("r2"))));
        ok(c, "restore", "default/alpha", "--into", tmp.resolve("r3").toString());
        assertEquals(List.of(), TreeManifest.of(alpha).differences(TreeManifest.of(tmp.resolve("r3"))));

        // nobody backs up or forgets another server's claim
        assertTrue(usage(c, "backup", "default/alpha").err().contains("this host does not manage it"));
        assertTrue(usage(c, "retention", "default/alpha", "--dry-run").err().contains("this host does not manage it"));
        assertTrue(usage(a, "backup", "default/shared@nfs-b").err().contains("this host does not manage it"));
        ok(a, "backup", "default/shared@nfs-a");
    }
}
