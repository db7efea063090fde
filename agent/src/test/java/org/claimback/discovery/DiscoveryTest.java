package org.claimback.discovery;

import static org.claimback.discovery.ExportTree.UUID;
import static org.claimback.discovery.ExportTree.UUID2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscoveryTest {

    @TempDir
    Path tmp;

    private static DiscoveredVolume only(DiscoveryResult result) {
        assertEquals(List.of(), result.problems());
        assertEquals(1, result.volumes().size(), "volumes: " + result.volumes());
        return result.volumes().get(0);
    }

    @Test
    void should_keep_both_candidates_when_default_test_claim_is_ambiguous() throws IOException {
        ExportTree tree = ExportTree.at(tmp.resolve("export")).dir("default-test-claim-pvc-" + UUID);

        DiscoveredVolume volume = only(new Discovery().scan(List.of(tree.exportRoot())));

        assertEquals("default-test-claim", volume.claimKey());
        assertEquals("pvc-" + UUID, volume.pvName());
        assertEquals(VolumeState.LIVE, volume.state());
        assertNull(volume.claim());
        assertEquals(List.of(new ClaimName("default", "test-claim"), new ClaimName("default-test", "claim")),
                volume.candidates());
    }

    @Test
    void should_report_a_missing_export_root_as_a_problem_and_still_read_the_others() throws IOException {
        ExportTree present = ExportTree.at(tmp.resolve("present")).dir("default-data-pvc-" + UUID);
        Path missing = tmp.resolve("missing");

        DiscoveryResult result = new Discovery().scan(List.of(new ExportRoot(missing), present.exportRoot()));

        assertEquals(List.of("export root " + missing + " does not exist"), result.problems());
        assertEquals(1, result.volumes().size());
    }

    @Test
    void should_report_an_export_root_that_is_a_file_as_a_problem() throws IOException {
        Path file = Files.writeString(tmp.resolve("exports"), "/srv/nfs *(rw)\n");

        DiscoveryResult result = new Discovery().scan(List.of(new ExportRoot(file)));

        assertEquals(List.of("export root " + file + " is not a directory"), result.problems());
        assertEquals(List.of(), result.volumes());
        assertEquals(List.of(), result.unmatched());
    }

    @Test
    void should_follow_a_symlinked_export_root_but_name_volumes_under_the_configured_path() throws IOException {
        ExportTree real = ExportTree.at(tmp.resolve("real")).dir("default-data-pvc-" + UUID);
        Path link = Files.createSymbolicLink(tmp.resolve("export"), real.root());

        DiscoveredVolume volume = only(new Discovery().scan(List.of(new ExportRoot(link))));

        assertEquals(link.resolve("default-data-pvc-" + UUID), volume.path());
        assertEquals(link, volume.exportRoot());
    }

    @Test
    void should_list_the_volumes_of_several_export_roots_sorted_by_path() throws IOException {
        ExportTree second = ExportTree.at(tmp.resolve("b-export"))
                .dir("zeta-data-pvc-" + UUID).dir("alpha-data-pvc-" + UUID).dir("not-a-volume");
        ExportTree first = ExportTree.at(tmp.resolve("a-export"))
                .dir("monitoring-grafana-pvc-" + UUID2).dir("backups");

        DiscoveryResult result = new Discovery().scan(List.of(second.exportRoot(), first.exportRoot()));

        assertEquals(List.of(
                        first.root().resolve("monitoring-grafana-pvc-" + UUID2),
                        second.root().resolve("alpha-data-pvc-" + UUID),
                        second.root().resolve("zeta-data-pvc-" + UUID)),
                result.volumes().stream().map(DiscoveredVolume::path).toList());
        assertEquals(first.root(), result.volumes().get(0).exportRoot());
        assertEquals(List.of(first.root().resolve("backups"), second.root().resolve("not-a-volume")),
                result.unmatched().stream().map(UnmatchedDirectory::path).toList());
    }

    @Test
    void should_read_an_export_root_listed_twice_only_once() throws IOException {
        ExportTree tree = ExportTree.at(tmp.resolve("export")).dir("default-data-pvc-" + UUID);

        DiscoveryResult result = new Discovery().scan(List.of(tree.exportRoot(),
                new ExportRoot(tree.root().resolve("sub/..")), new ExportRoot(tree.root(), "nfs-subdir")));

        assertEquals(1, result.volumes().size());
    }

    @Test
    void should_group_the_volumes_of_one_claim_across_rebuilds_by_claim_key() throws IOException {
        ExportTree tree = ExportTree.at(tmp.resolve("export"))
                .dir("default-data-postgres-0-pvc-" + UUID)
                .dir("default-data-postgres-0-pvc-" + UUID2)
                .dir("default-data-postgres-1-pvc-" + UUID);

        DiscoveryResult result = new Discovery().scan(List.of(tree.exportRoot()));

        ClaimArgument byName = ClaimArgument.parse("default/data-postgres-0");
        ClaimArgument byKey = ClaimArgument.parse("default-data-postgres-0");
        ClaimArgument byPv = ClaimArgument.parse("pvc-" + UUID2);
        assertEquals(2, result.volumes().stream().filter(byName::matches).count());
        assertEquals(2, result.volumes().stream().filter(byKey::matches).count());
        assertEquals(List.of(tree.root().resolve("default-data-postgres-0-pvc-" + UUID2)),
                result.volumes().stream().filter(byPv::matches).map(DiscoveredVolume::path).toList());
    }

    @Test
    void should_not_follow_a_symlink_out_of_the_export() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.createDirectory(outside.resolve("default-secret-pvc-" + UUID));
        ExportTree tree = ExportTree.at(tmp.resolve("export"))
                .symlink("default-data-pvc-" + UUID, outside)
                .symlink("everything", outside);

        DiscoveryResult result = new Discovery().scan(List.of(tree.exportRoot()));

        assertEquals(List.of(), result.volumes());
        assertEquals(List.of(
                        new UnmatchedDirectory(tree.root(), tree.root().resolve("default-data-pvc-" + UUID),
                                "symlink, not followed"),
                        new UnmatchedDirectory(tree.root(), tree.root().resolve("everything"),
                                "symlink, not followed")),
                result.unmatched());
    }

    @Test
    void should_list_names_that_are_not_utf8_as_unmatched_without_failing() throws Exception {
        ExportTree tree = ExportTree.at(tmp.resolve("export"))
                .dir("default-data-pvc-" + UUID)
                .rawDir("\\0377\\0376-data-pvc-" + UUID)
                .rawDir("default-d\\0351ta-pvc-" + UUID)
                .rawDir("default-data-pvc-" + UUID.replace('f', 'x') + "\\0200");

        DiscoveryResult result = new Discovery().scan(List.of(tree.exportRoot()));

        assertEquals(List.of(), result.problems());
        assertEquals(List.of(tree.root().resolve("default-data-pvc-" + UUID)),
                result.volumes().stream().map(DiscoveredVolume::path).toList());
        assertEquals(3, result.unmatched().size(), "unmatched: " + result.unmatched());
        for (UnmatchedDirectory u : result.unmatched()) {
            assertTrue(Files.isDirectory(u.path(), LinkOption.NOFOLLOW_LINKS),
                    "the listed path still names the directory on disk: " + u.path());
        }
    }

    @Test
    void should_list_names_with_spaces_newlines_and_accents_as_unmatched() throws IOException {
        ExportTree tree = ExportTree.at(tmp.resolve("export"))
                .dir("default-da\nta-pvc-" + UUID)
                .dir("default-data -pvc-" + UUID)
                .dir("défault-data-pvc-" + UUID)
                .dir("default-data\u200b-pvc-" + UUID);

        DiscoveryResult result = new Discovery().scan(List.of(tree.exportRoot()));

        assertEquals(List.of(), result.volumes());
        assertEquals(4, result.unmatched().size());
        assertTrue(result.unmatched().stream().allMatch(u -> u.reason().equals(NfsSubdirLayout.NO_SPLIT)),
                result.unmatched().toString());
    }

    @Test
    void should_change_nothing_on_disk_while_scanning() throws IOException {
        ExportTree tree = ExportTree.at(tmp.resolve("export"))
                .dir("default-data-pvc-" + UUID)
                .dir("archived-default-old-pvc-" + UUID2)
                .dir("backups")
                .file("pv-inventory.json")
                .symlink("elsewhere", tmp);
        Files.writeString(tree.root().resolve("default-data-pvc-" + UUID).resolve("PG_VERSION"), "16\n");
        Map<String, String> before = snapshot(tree.root());

        new Discovery().scan(List.of(tree.exportRoot()));

        assertEquals(before, snapshot(tree.root()));
    }

    /** Every entry under {@code root} with its type, size and modification time. */
    private static Map<String, String> snapshot(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.collect(Collectors.toMap(p -> root.relativize(p).toString(), p -> {
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    return (a.isDirectory() ? "d" : a.isSymbolicLink() ? "l" : "f") + " " + a.size() + " "
                            + a.lastModifiedTime().toMillis();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, (a, b) -> a, TreeMap::new));
        }
    }

    @Test
    void should_scan_5000_volume_directories_correctly() throws IOException {
        ExportTree tree = ExportTree.at(tmp.resolve("export"));
        for (int i = 0; i < 5000; i++) {
            String uuid = String.format("%08x-0000-4000-8000-%012x", i, i);
            String name = switch (i % 5) {
                case 0 -> "default-data-postgres-" + i + "-pvc-" + uuid; // three candidates
                case 1 -> "app" + i + "-data-pvc-" + uuid; // one candidate
                case 2 -> "kube-system-cache" + i + "-pvc-" + uuid; // two candidates
                case 3 -> "archived-team" + i + "-data-pvc-" + uuid; // archived, with a live reading
                default -> "Not-A-Volume-" + i; // unmatched
            };
            tree.dir(name);
        }

        long started = System.nanoTime();
        DiscoveryResult result = new Discovery().scan(List.of(tree.exportRoot()));
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("discovery: scanned 5000 directories in " + millis + " ms");

        assertEquals(List.of(), result.problems());
        assertEquals(4000, result.volumes().size());
        assertEquals(1000, result.unmatched().size());
        Map<Integer, Long> byCandidateCount = result.volumes().stream()
                .collect(Collectors.groupingBy(v -> v.candidates().size(), Collectors.counting()));
        assertEquals(Map.of(1, 2000L, 2, 1000L, 3, 1000L), byCandidateCount);
        assertEquals(1000, result.volumes().stream().filter(v -> v.alternativeClaimKey() != null).count());
        List<DiscoveredVolume> archived = result.volumes().stream()
                .filter(v -> v.state() == VolumeState.ARCHIVED).toList();
        assertEquals(1000, archived.size());
        assertTrue(archived.stream().allMatch(v -> v.path().getFileName().toString().startsWith("archived-team")
                        && v.claimKey().equals(v.claim().key()) && v.claim().name().equals("data")
                        && v.alternativeClaimKey().equals("archived-" + v.claimKey())),
                "every archive reads as team<i>/data, its live reading the alternative");
        assertTrue(result.volumes().stream().filter(v -> v.state() == VolumeState.LIVE)
                .noneMatch(v -> v.path().getFileName().toString().startsWith("archived-")));
    }

    // --- the namespace list ---

    @Test
    void should_read_an_archive_prefix_as_archived_when_the_namespace_list_names_no_archived_namespace()
            throws IOException {
        ExportTree tree = ExportTree.at(tmp.resolve("export")).dir("archived-default-data-pvc-" + UUID);

        DiscoveredVolume volume = only(new Discovery(Set.of("default", "kube-system"))
                .scan(List.of(tree.exportRoot())));

        assertEquals(VolumeState.ARCHIVED, volume.state());
        assertEquals("default-data", volume.claimKey());
        assertEquals("pvc-" + UUID, volume.pvName());
        assertEquals(new ClaimName("default", "data"), volume.claim());
        assertEquals("archived-default-data", volume.alternativeClaimKey());
    }

    @Test
    void should_read_the_misspelled_archieved_prefix_like_archived() throws IOException {
        ExportTree tree = ExportTree.at(tmp.resolve("export")).dir("archieved-default-data-pvc-" + UUID);

        DiscoveredVolume volume = only(new Discovery(Set.of("default")).scan(List.of(tree.exportRoot())));

        assertEquals(VolumeState.ARCHIVED, volume.state());
        assertEquals("default-data", volume.claimKey());
        assertEquals("archieved-default-data", volume.alternativeClaimKey());
    }

    @Test
    void should_keep_an_archive_prefix_live_when_the_namespace_list_names_archived() throws IOException {
        ExportTree tree = ExportTree.at(tmp.resolve("export")).dir("archived-default-data-pvc-" + UUID);

        DiscoveredVolume volume = only(new Discovery(Set.of("archived", "default"))
                .scan(List.of(tree.exportRoot())));

        assertEquals(VolumeState.LIVE, volume.state());
        assertEquals("archived-default-data", volume.claimKey());
        assertEquals(new ClaimName("archived", "default-data"), volume.claim());
        assertEquals("default-data", volume.alternativeClaimKey());
    }

    @Test
    void should_keep_an_archive_prefix_live_when_the_namespace_list_names_the_other_archived_namespace()
            throws IOException {
        ExportTree tree = ExportTree.at(tmp.resolve("export")).dir("archived-default-data-pvc-" + UUID);

        DiscoveredVolume volume = only(new Discovery(Set.of("archived-default"))
                .scan(List.of(tree.exportRoot())));

        assertEquals(VolumeState.LIVE, volume.state());
        assertEquals("archived-default-data", volume.claimKey());
        assertEquals(new ClaimName("archived-default", "data"), volume.claim());
        assertEquals(List.of(new ClaimName("archived-default", "data")), volume.candidates());
        assertEquals("default-data", volume.alternativeClaimKey());
    }

    @Test
    void should_read_an_archive_prefix_as_archived_without_a_namespace_list() throws IOException {
        ExportTree tree = ExportTree.at(tmp.resolve("export")).dir("archived-default-data-pvc-" + UUID);

        DiscoveredVolume volume = only(new Discovery().scan(List.of(tree.exportRoot())));

        assertEquals(VolumeState.ARCHIVED, volume.state());
        assertEquals("default-data", volume.claimKey());
        assertEquals("pvc-" + UUID, volume.pvName());
        assertEquals(new ClaimName("default", "data"), volume.claim());
        assertEquals(List.of(new ClaimName("default", "data")), volume.candidates());
        assertEquals("archived-default-data", volume.alternativeClaimKey());
    }

    @Test
    void should_keep_all_candidates_of_an_archived_claim_whose_namespace_is_gone() throws IOException {
        ExportTree tree = ExportTree.at(tmp.resolve("export")).dir("archived-old-app-data-pvc-" + UUID);

        DiscoveredVolume volume = only(new Discovery(Set.of("default")).scan(List.of(tree.exportRoot())));

        assertEquals(VolumeState.ARCHIVED, volume.state());
        assertEquals("old-app-data", volume.claimKey());
        assertEquals(List.of(new ClaimName("old", "app-data"), new ClaimName("old-app", "data")), volume.candidates());
        assertNull(volume.claim());
    }

    @Test
    void should_narrow_an_ambiguous_claim_to_the_known_namespace() throws IOException {
        ExportTree tree = ExportTree.at(tmp.resolve("export")).dir("default-test-claim-pvc-" + UUID);

        DiscoveredVolume volume = only(new Discovery(Set.of("default")).scan(List.of(tree.exportRoot())));

        assertEquals(new ClaimName("default", "test-claim"), volume.claim());
        assertEquals(List.of(new ClaimName("default", "test-claim")), volume.candidates());
        assertNull(volume.alternativeClaimKey());
    }

    @Test
    void should_keep_every_candidate_when_no_known_namespace_fits() throws IOException {
        ExportTree tree = ExportTree.at(tmp.resolve("export")).dir("default-test-claim-pvc-" + UUID);

        DiscoveredVolume volume = only(new Discovery(Set.of("monitoring")).scan(List.of(tree.exportRoot())));

        assertNull(volume.claim());
        assertEquals(2, volume.candidates().size());
    }

    @Test
    void should_leave_a_v4_archive_unmatched_whatever_the_namespace_list() throws IOException {
        ExportTree tree = ExportTree.at(tmp.resolve("export")).dir("archived-pvc-" + UUID);

        DiscoveryResult result = new Discovery(Set.of("archived")).scan(List.of(tree.exportRoot()));

        assertEquals(List.of(), result.volumes());
        assertEquals(List.of(new UnmatchedDirectory(tree.root(), tree.root().resolve("archived-pvc-" + UUID),
                "archived volume without claim in its name (v4.0.0 style): needs a PV inventory")), result.unmatched());
    }

    @Test
    void should_reject_an_invalid_namespace_in_the_namespace_list_in_one_line() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Discovery(Set.of("Default")));

        assertEquals("\"Default\": namespace must be lowercase letters, digits and '-' (a DNS-1123 label)",
                e.getMessage());
    }

    // --- export roots ---

    @Test
    void should_default_an_export_root_to_the_nfs_subdir_layout() {
        assertEquals("nfs-subdir", new ExportRoot(Path.of("/srv/nfs/k8s")).layout());
        assertEquals("nfs-subdir", new ExportRoot(Path.of("/srv/nfs/k8s"), null).layout());
        assertEquals(Path.of("/srv/nfs/k8s"), new ExportRoot(Path.of("/srv/nfs/./k8s/")).path());
    }

    @Test
    void should_reject_an_unknown_layout_in_one_line() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ExportRoot(Path.of("/srv/nfs/k8s"), "csi-driver-nfs"));

        assertEquals("unknown layout \"csi-driver-nfs\": the layouts are nfs-subdir, csi-nfs", e.getMessage());
    }

    @Test
    void should_keep_the_pattern_of_an_export_root_and_default_it_to_none() {
        ExportRoot patterned = new ExportRoot(Path.of("/srv/nfs/k8s"), "nfs-subdir", "${.PVC.namespace}/${.PVC.name}");

        assertEquals("${.PVC.namespace}/${.PVC.name}", patterned.pattern());
        assertNull(new ExportRoot(Path.of("/srv/nfs/k8s")).pattern());
        assertNull(new ExportRoot(Path.of("/srv/nfs/k8s"), "csi-nfs").pattern());
        assertEquals("nfs-subdir", new ExportRoot(Path.of("/srv/nfs/k8s"), null, "${.PVC.name}").layout());
    }

    @Test
    void should_read_each_export_root_with_its_own_layout_and_pattern() throws IOException {
        ExportTree subdir = ExportTree.at(tmp.resolve("subdir")).dir("default-data-pvc-" + UUID);
        ExportTree patterned = ExportTree.at(tmp.resolve("patterned")).dirs("default/data");
        ExportTree share = ExportTree.at(tmp.resolve("share")).dir("pvc-" + UUID2);

        DiscoveryResult result = new Discovery().scan(List.of(subdir.exportRoot(),
                patterned.exportRoot("nfs-subdir", "${.PVC.namespace}/${.PVC.name}"), share.exportRoot("csi-nfs", null)));

        assertEquals(List.of(), result.problems());
        assertEquals(List.of(), result.unmatched());
        assertEquals(List.of(
                        new DiscoveredVolume(patterned.root(), patterned.root().resolve("default/data"), "nfs-subdir",
                                "default-data", null, VolumeState.LIVE, new ClaimName("default", "data"),
                                List.of(new ClaimName("default", "data"))),
                        DiscoveredVolume.withoutClaim(share.root(), share.root().resolve("pvc-" + UUID2), "csi-nfs",
                                "pvc-" + UUID2, VolumeState.LIVE),
                        new DiscoveredVolume(subdir.root(), subdir.root().resolve("default-data-pvc-" + UUID), "nfs-subdir",
                                "default-data", "pvc-" + UUID, VolumeState.LIVE, new ClaimName("default", "data"),
                                List.of(new ClaimName("default", "data")))),
                result.volumes());
    }

    @Test
    void should_report_an_unreadable_pattern_export_root_as_a_problem() {
        Path missing = tmp.resolve("missing");

        DiscoveryResult result = new Discovery().scan(List.of(new ExportRoot(missing, "csi-nfs", "${pvc.metadata.name}")));

        assertEquals(List.of("export root " + missing + " does not exist"), result.problems());
    }

    @Test
    void should_accept_a_volume_whose_name_does_not_tell_its_claim() {
        Path root = Path.of("/srv");
        DiscoveredVolume volume = DiscoveredVolume.withoutClaim(root, root.resolve("pvc-" + UUID), "csi-nfs",
                "pvc-" + UUID, VolumeState.LIVE);

        assertFalse(volume.claimKnown());
        assertNull(volume.claimKey());
        assertNull(volume.claim());
        assertEquals(List.of(), volume.candidates());
        assertFalse(ClaimArgument.parse("default/data").matches(volume));
        assertTrue(ClaimArgument.parse("pvc-" + UUID).matches(volume));
    }

    @Test
    void should_refuse_a_volume_without_claim_key_that_has_a_claim_or_candidates() {
        Path root = Path.of("/srv");
        ClaimName data = new ClaimName("default", "data");

        assertThrows(IllegalArgumentException.class, () -> new DiscoveredVolume(root, root.resolve("x"), "csi-nfs",
                null, null, VolumeState.LIVE, null, List.of(data)));
        assertThrows(IllegalArgumentException.class, () -> new DiscoveredVolume(root, root.resolve("x"), "csi-nfs",
                null, null, VolumeState.LIVE, data, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new DiscoveredVolume(root, root.resolve("x"), "csi-nfs",
                "default-data", null, VolumeState.LIVE, null, List.of()));
    }

    @Test
    void should_return_nothing_for_no_export_roots() {
        DiscoveryResult result = new Discovery().scan(List.of());

        assertTrue(result.volumes().isEmpty() && result.unmatched().isEmpty() && result.problems().isEmpty());
    }

    @Test
    void should_refuse_a_volume_whose_claim_is_not_exactly_its_only_candidate() {
        List<ClaimName> two = List.of(new ClaimName("default", "test-claim"), new ClaimName("default-test", "claim"));
        Path root = Path.of("/srv");

        assertThrows(IllegalArgumentException.class, () -> new DiscoveredVolume(root, root.resolve("x"), "nfs-subdir",
                "default-test-claim", null, VolumeState.LIVE, two.get(0), two));
        assertThrows(IllegalArgumentException.class, () -> new DiscoveredVolume(root, root.resolve("x"), "nfs-subdir",
                "other-key", null, VolumeState.LIVE, null, two));
        assertThrows(IllegalArgumentException.class, () -> new DiscoveredVolume(root, root.resolve("x"), "nfs-subdir",
                "default-data", null, VolumeState.LIVE, null, List.of(new ClaimName("default", "data"))));
        assertFalse(new DiscoveredVolume(root, root.resolve("x"), "nfs-subdir", "default-test-claim", null,
                VolumeState.LIVE, null, two).candidates().isEmpty());
    }
}
