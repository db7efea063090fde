package org.claimback.inventory;

import static org.claimback.inventory.Fixtures.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.claimback.catalog.InventoryPvRecord;
import org.claimback.inventory.PvMatch.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryMatcherTest {

    private static final String UID = "0b7c1f9e-3a52-4d8e-9c61-2f4b8a1d7e35";
    private static final String DIR = "default-data-pvc-" + UID;
    private static final Path K8S = Path.of("/srv/nfs/k8s");
    private static final Path CSI = Path.of("/srv/nfs/csi");

    @TempDir
    Path tmp;

    private static PvEntry nfs(String server, String path) {
        return new PvEntry("pvc-" + UID, "default", "data", UID, "nfs-client", "10Gi", List.of("ReadWriteOnce"),
                "Delete", "Bound", "cluster.local/nfs-subdir-external-provisioner", "nfs", server, path, null, null,
                Map.of());
    }

    private static PvEntry nfs(String path) {
        return nfs("nfs1.example.org", path);
    }

    private Path dir(String relative) throws IOException {
        return Files.createDirectories(tmp.resolve(relative));
    }

    private static void assertMatched(Path expected, PvMatch match) {
        assertEquals(Outcome.MATCHED, match.outcome(), match.reason());
        assertEquals(expected, match.directory(), match.reason());
        assertEquals(Optional.of(expected), match.localPath());
    }

    // ---------------------------------------------------------------------------- rule 1: under

    @Test
    void should_match_an_nfs_path_under_an_export_root() throws IOException {
        Path root = dir("srv/nfs/k8s");
        Path volume = dir("srv/nfs/k8s/" + DIR);

        PvMatch match = new InventoryMatcher(List.of(root)).match(nfs(volume.toString()));

        assertMatched(volume, match);
        assertEquals(root, match.exportRoot());
        assertTrue(match.exists());
        assertEquals("spec.nfs.path " + volume + " is under export root " + root, match.reason());
    }

    @Test
    void should_keep_the_path_of_a_pv_whose_directory_is_gone() {
        PvMatch match = new InventoryMatcher(List.of(K8S)).match(nfs("/srv/nfs/k8s//" + DIR + "/"));

        assertMatched(K8S.resolve(DIR), match);
        assertFalse(match.exists());
    }

    @Test
    void should_name_the_deepest_of_nested_export_roots() {
        PvMatch match = new InventoryMatcher(List.of(Path.of("/srv/nfs"), K8S, Path.of("/srv")))
                .match(nfs("/srv/nfs/k8s/" + DIR));

        assertEquals(K8S, match.exportRoot());
    }

    @Test
    void should_match_a_pv_that_is_a_whole_export_root() {
        PvMatch match = new InventoryMatcher(List.of(K8S)).match(nfs("/srv/nfs/k8s"));

        assertMatched(K8S, match);
        assertEquals("spec.nfs.path /srv/nfs/k8s is export root /srv/nfs/k8s itself", match.reason());
    }

    // ---------------------------------------------------------------------------- rule 2: relative paths

    @Test
    void should_match_an_nfsv4_path_relative_to_a_pseudo_root_by_the_roots_last_names() throws IOException {
        Path root = dir("srv/nfs/k8s"); // /srv/nfs exported with fsid=0: clients say /k8s/<dir>
        Path volume = dir("srv/nfs/k8s/" + DIR);

        PvMatch match = new InventoryMatcher(List.of(root)).match(nfs("/k8s/" + DIR));

        assertMatched(volume, match);
        assertTrue(match.exists());
        assertEquals("spec.nfs.path /k8s/" + DIR + " is relative to an NFSv4 pseudo-root: export root " + root
                + " ends in /k8s", match.reason());
    }

    @Test
    void should_match_a_path_relative_to_an_export_root_that_is_the_pseudo_root() throws IOException {
        Path root = dir("srv/nfs/k8s"); // exported with fsid=0 itself: clients say /<dir>
        Path volume = dir("srv/nfs/k8s/" + DIR);

        PvMatch match = new InventoryMatcher(List.of(root)).match(nfs("/" + DIR));

        assertMatched(volume, match);
        assertEquals("spec.nfs.path /" + DIR + ": its trailing part " + DIR + " is a directory under export root "
                + root, match.reason());
    }

    @Test
    void should_prefer_the_longest_trailing_part_that_exists() throws IOException {
        Path root = dir("export");
        Path nested = dir("export/k8s/" + DIR);
        dir("export/" + DIR); // a shorter trailing part exists too

        assertMatched(nested, new InventoryMatcher(List.of(root)).match(nfs("/exports/k8s/" + DIR)));
    }

    @Test
    void should_match_a_templated_path_under_a_bind_mounted_export() throws IOException {
        Path root = dir("srv/nfs/k8s"); // exported as /exports/k8s, a bind mount of /srv/nfs/k8s
        Path volume = dir("srv/nfs/k8s/shop/orders");

        assertMatched(volume, new InventoryMatcher(List.of(root)).match(nfs("/exports/k8s/shop/orders")));
    }

    @Test
    void should_not_match_a_relative_path_whose_directory_is_not_there() throws IOException {
        Path root = dir("srv/nfs/k8s");

        PvMatch match = new InventoryMatcher(List.of(root)).match(nfs("/k8s/" + DIR));

        assertEquals(Outcome.NOT_FOUND, match.outcome());
        assertNull(match.directory());
        assertEquals("spec.nfs.path /k8s/" + DIR + " is under no export root (" + root
                + ") and no part of it is a directory under one", match.reason());
    }

    @Test
    void should_refuse_to_guess_between_directories_under_two_export_roots() throws IOException {
        Path first = dir("a/k8s");
        Path second = dir("b/k8s");
        dir("a/k8s/" + DIR);
        dir("b/k8s/" + DIR);

        PvMatch match = new InventoryMatcher(List.of(first, second)).match(nfs("/k8s/" + DIR));

        assertEquals(Outcome.AMBIGUOUS, match.outcome());
        assertNull(match.directory());
        assertEquals("spec.nfs.path /k8s/" + DIR + " fits " + first.resolve(DIR) + " and " + second.resolve(DIR)
                + ", under different export roots: not guessed; map it by hand", match.reason());
    }

    @Test
    void should_find_one_directory_once_through_nested_export_roots() throws IOException {
        Path outer = dir("srv/nfs");
        Path inner = dir("srv/nfs/k8s");
        Path volume = dir("srv/nfs/k8s/" + DIR);

        PvMatch match = new InventoryMatcher(List.of(outer, inner)).match(nfs("/k8s/" + DIR));

        assertMatched(volume, match);
        assertEquals(inner, match.exportRoot());
    }

    @Test
    void should_not_follow_a_symlink_below_an_export_root() throws IOException {
        Path root = dir("srv/nfs/k8s");
        Path outside = dir("elsewhere/" + DIR);
        Files.createSymbolicLink(root.resolve(DIR), outside);
        Files.createSymbolicLink(root.resolve("link"), outside.getParent());

        InventoryMatcher matcher = new InventoryMatcher(List.of(root));

        assertEquals(Outcome.NOT_FOUND, matcher.match(nfs("/k8s/" + DIR)).outcome());
        assertEquals(Outcome.NOT_FOUND, matcher.match(nfs("/k8s/link/" + DIR)).outcome());
        assertFalse(matcher.match(nfs(root.resolve(DIR).toString())).exists(), "a symlink is no volume directory");
    }

    @Test
    void should_follow_a_symlinked_export_root_and_name_the_directory_under_it() throws IOException {
        Path real = dir("real/k8s");
        Path volume = dir("real/k8s/" + DIR);
        Path link = Files.createSymbolicLink(tmp.resolve("k8s"), real);

        PvMatch match = new InventoryMatcher(List.of(link)).match(nfs(volume.toString()));

        assertMatched(link.resolve(DIR), match);
    }

    @Test
    void should_never_match_a_path_that_climbs_out_with_dot_dot() throws IOException {
        Path root = dir("srv/nfs/k8s");
        dir("srv/nfs/other");

        PvMatch match = new InventoryMatcher(List.of(root)).match(nfs(root + "/../other"));

        assertEquals(Outcome.NOT_FOUND, match.outcome());
        assertEquals("spec.nfs.path " + root + "/../other has a '..' in it: not followed", match.reason());
    }

    // ---------------------------------------------------------------------------- what is skipped

    @Test
    void should_skip_pvs_of_other_nfs_servers_when_this_servers_names_are_given() {
        InventoryMatcher matcher = new InventoryMatcher(List.of(K8S), Set.of("NFS1.example.org", "192.168.10.4"));

        assertEquals(Outcome.MATCHED, matcher.match(nfs("nfs1.EXAMPLE.org", "/srv/nfs/k8s/" + DIR)).outcome());
        assertEquals(Outcome.MATCHED, matcher.match(nfs("192.168.10.4", "/srv/nfs/k8s/" + DIR)).outcome());
        PvMatch other = matcher.match(nfs("192.168.10.5", "/srv/nfs/k8s/" + DIR));
        assertEquals(Outcome.SKIPPED, other.outcome());
        assertEquals("NFS server 192.168.10.5 is not this server", other.reason());
        assertEquals(Outcome.MATCHED, new InventoryMatcher(List.of(K8S)).match(nfs("192.168.10.5",
                "/srv/nfs/k8s/" + DIR)).outcome(), "without names every server is this one");
    }

    @Test
    void should_match_the_nfs_subdir_inventory_and_count_the_pvs_that_are_not_on_nfs() {
        Inventory inventory = InventoryReader.read(fixture("nfs-subdir-pvs.json"));

        MatchReport report = new InventoryMatcher(List.of(K8S)).matchAll(inventory);

        assertEquals(7, report.matches().size());
        assertEquals(List.of(K8S.resolve(DIR), K8S.resolve("default-test-claim-pvc-3c9a7d21-58e4-4b0f-a6c2-9d1e0f7b4a88"),
                K8S.resolve("db-data-postgres-0-pvc-7e2f4a90-1b3c-4d5e-8f60-718293a4b5c6"),
                K8S.resolve("db-data-postgres-1-pvc-9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d"),
                K8S.resolve("web-cache-pvc-c4d5e6f7-0819-4a2b-bc3d-4e5f60718293")),
                report.matched().stream().map(PvMatch::directory).toList());
        assertEquals(Map.of("not NFS (hostPath)", 1, "not NFS (local)", 1), report.skipped());
        assertEquals(List.of(), report.unmatched());
        assertEquals("7 PVs: 5 matched, 0 not found, 0 ambiguous, 2 skipped (1 not NFS (hostPath), 1 not NFS (local))",
                report.summary());
    }

    @Test
    void should_match_the_csi_driver_nfs_inventory_in_every_handle_form() {
        Inventory inventory = InventoryReader.read(fixture("csi-driver-nfs-pvs.json"));

        MatchReport report = new InventoryMatcher(List.of(CSI, Path.of("/srv/nfs/democratic"))).matchAll(inventory);

        Map<String, String> expected = Map.of(
                "pvc-5d0e8c2a-7b41-4f3e-8a96-1c2d3e4f5a6b", "/srv/nfs/csi/pvc-5d0e8c2a-7b41-4f3e-8a96-1c2d3e4f5a6b",
                "pvc-2a3b4c5d-6e7f-4081-92a3-b4c5d6e7f809", "/srv/nfs/csi/shop/invoices",
                "pvc-8f9e0d1c-2b3a-4c5d-9e6f-708192a3b4c5", "/srv/nfs/csi/pvc-8f9e0d1c-2b3a-4c5d-9e6f-708192a3b4c5",
                "pvc-1a2b3c4d-5e6f-4708-8192-a3b4c5d6e7f8", "/srv/nfs/csi/pvc-1a2b3c4d-5e6f-4708-8192-a3b4c5d6e7f8",
                "static-archive", "/srv/nfs/csi/static-archive",
                "pvc-6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d",
                "/srv/nfs/democratic/v/pvc-6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d");
        for (PvMatch match : report.matched()) {
            assertEquals(expected.get(match.pv().pvName()), match.directory().toString(), match.reason());
        }
        assertEquals(expected.size(), report.matched().size(), report.summary());
        assertEquals(Map.of("csi driver ebs.csi.aws.com, not NFS", 1), report.skipped());
        assertEquals(List.of("csi share+subdir", "csi share+subdir", "csi share+volumeHandle", "csi share+volumeHandle",
                "csi share", "csi share"), report.matched().stream().map(m -> m.serverPath().from()).toList());
    }

    @Test
    void should_match_the_released_and_statically_provisioned_pvs() {
        MatchReport report = new InventoryMatcher(List.of(K8S))
                .matchAll(InventoryReader.read(fixture("released-and-static-pvs.yaml")));

        assertEquals(List.of(K8S.resolve("web-cache-pvc-c4d5e6f7-0819-4a2b-bc3d-4e5f60718293"),
                K8S.resolve("restored/default-data"), K8S.resolve("restored/db-data-postgres-0"), K8S.resolve("spare")),
                report.matched().stream().map(PvMatch::directory).toList());
    }

    @Test
    void should_match_the_pseudo_root_inventory_against_real_directories() throws IOException {
        Path root = dir("srv/nfs/k8s");
        dir("srv/nfs/k8s/" + DIR);
        dir("srv/nfs/k8s/db-data-postgres-0-pvc-7e2f4a90-1b3c-4d5e-8f60-718293a4b5c6");

        MatchReport report = new InventoryMatcher(List.of(root))
                .matchAll(InventoryReader.read(fixture("pseudo-root-pvs.json")));

        assertEquals(2, report.matched().size(), report.summary());
        assertTrue(report.matched().stream().allMatch(PvMatch::exists));
    }

    @Test
    void should_count_every_kind_of_pv_it_can_not_place() {
        PvEntry hostPath = new PvEntry("a", null, null, null, null, null, null, null, null, null, "hostPath", null, null,
                null, null, null);
        PvEntry noPath = new PvEntry("b", null, null, null, null, null, null, null, null, null, "nfs", "nfs1", null,
                null, null, null);
        PvEntry noSource = new PvEntry("c", null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null);
        PvEntry csiWithout = new PvEntry("d", null, null, null, null, null, null, null, null, null, "csi", null, null,
                "nfs.csi.k8s.io", "not-a-handle", Map.of());

        MatchReport report = new InventoryMatcher(List.of(K8S)).matchAll(List.of(hostPath, noPath, noSource, csiWithout,
                hostPath));

        assertEquals(Map.of("not NFS (hostPath)", 2, "spec.nfs without a path", 1, "no volume source", 1,
                "csi-driver-nfs volume without a share attribute or a volume handle to read", 1), report.skipped());
    }

    @Test
    void should_build_the_catalogue_record_of_a_matched_csi_pv() {
        PvEntry pv = InventoryReader.read(fixture("csi-driver-nfs-pvs.json"))
                .pv("pvc-8f9e0d1c-2b3a-4c5d-9e6f-708192a3b4c5").orElseThrow();
        PvMatch match = new InventoryMatcher(List.of(CSI)).match(pv);
        Instant seen = Instant.parse("2024-06-02T15:00:00Z");

        InventoryPvRecord record = match.toRecord(Path.of("/srv/nfs/k8s/.claimback/inventory.json"), seen);

        assertEquals(new InventoryPvRecord(0, "pvc-8f9e0d1c-2b3a-4c5d-9e6f-708192a3b4c5", "media", "uploads",
                "8f9e0d1c-2b3a-4c5d-9e6f-708192a3b4c5", "nfs-csi", "5Gi", List.of("ReadWriteMany"), "Delete", "Bound",
                "nfs.csi.k8s.io", "nfs1.example.org", "/srv/nfs/csi/pvc-8f9e0d1c-2b3a-4c5d-9e6f-708192a3b4c5",
                "/srv/nfs/csi", "pvc-8f9e0d1c-2b3a-4c5d-9e6f-708192a3b4c5",
                "nfs1.example.org#srv/nfs/csi#pvc-8f9e0d1c-2b3a-4c5d-9e6f-708192a3b4c5",
                "/srv/nfs/csi/pvc-8f9e0d1c-2b3a-4c5d-9e6f-708192a3b4c5", "/srv/nfs/k8s/.claimback/inventory.json",
                seen, seen), record);
    }
}
