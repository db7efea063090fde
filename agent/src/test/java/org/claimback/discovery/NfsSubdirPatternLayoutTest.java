package org.claimback.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NfsSubdirPatternLayoutTest {

    private static final String NS_NAME = "${.PVC.namespace}/${.PVC.name}";

    @TempDir
    Path tmp;

    private static DiscoveredVolume only(DiscoveryResult result) {
        assertEquals(List.of(), result.problems());
        assertEquals(1, result.volumes().size(), "volumes: " + result.volumes());
        return result.volumes().get(0);
    }

    @Test
    void should_find_the_same_directory_again_after_a_cluster_rebuild() throws IOException {
        ExportTree tree = ExportTree.at(tmp.resolve("export")).dirs("db/data-postgres-0");
        ExportRoot root = tree.exportRoot("nfs-subdir", NS_NAME);
        DiscoveredVolume before = only(new Discovery().scan(List.of(root)));

        // the rebuilt cluster's provisioner runs mkdir -p on the same path: nothing changes on disk
        Files.createDirectories(tree.root().resolve("db/data-postgres-0"));
        DiscoveredVolume after = only(new Discovery().scan(List.of(root)));

        assertEquals(before, after);
        assertNull(after.pvName(), "no pathPattern token names the PV");
        assertEquals(new ClaimName("db", "data-postgres-0"), after.claim());
        assertTrue(ClaimArgument.parse("db/data-postgres-0").matches(after));
        assertTrue(ClaimArgument.parse("db-data-postgres-0").matches(after));
    }

    @Test
    void should_walk_no_deeper_than_the_pattern_and_never_into_a_volume() throws IOException {
        StringBuilder deep = new StringBuilder("default/data");
        for (int i = 0; i < 30; i++) {
            deep.append("/default");
        }
        ExportTree tree = ExportTree.at(tmp.resolve("export")).dirs(deep.toString())
                .symlinkAt("default/data/loop", tmp.resolve("export"))
                .symlinkAt("default/data/default/loop", tmp.resolve("export"));

        DiscoveryResult result = new Discovery().scan(List.of(tree.exportRoot("nfs-subdir", NS_NAME)));

        assertEquals(List.of(tree.root().resolve("default/data")),
                result.volumes().stream().map(DiscoveredVolume::path).toList());
        assertEquals(List.of(), result.unmatched());
    }

    @Test
    void should_keep_an_archived_namespace_directory_live_only_when_the_namespace_list_names_it() throws IOException {
        ExportTree tree = ExportTree.at(tmp.resolve("export")).dirs("archived-apps/web");
        ExportRoot root = tree.exportRoot("nfs-subdir", NS_NAME);

        DiscoveredVolume withoutList = only(new Discovery().scan(List.of(root)));
        DiscoveredVolume listed = only(new Discovery(Set.of("archived-apps")).scan(List.of(root)));

        assertEquals(tree.root().resolve("archived-apps"), withoutList.path());
        assertEquals(VolumeState.ARCHIVED, withoutList.state());
        assertNull(withoutList.claimKey(), "archived-<last level> has lost its namespace");
        assertEquals(tree.root().resolve("archived-apps/web"), listed.path());
        assertEquals(VolumeState.LIVE, listed.state());
        assertEquals(new ClaimName("archived-apps", "web"), listed.claim());
    }

    @Test
    void should_read_default_named_volumes_beside_pattern_volumes_on_one_export() throws IOException {
        String uuid = ExportTree.UUID;
        ExportTree tree = ExportTree.at(tmp.resolve("export"))
                .dirs("default/data")
                .dirs("default-data-pvc-" + uuid + "/base");

        DiscoveryResult result = new Discovery().scan(List.of(tree.exportRoot("nfs-subdir", NS_NAME)));

        assertEquals(List.of(), result.unmatched());
        assertEquals(List.of(tree.root().resolve("default-data-pvc-" + uuid), tree.root().resolve("default/data")),
                result.volumes().stream().map(DiscoveredVolume::path).toList());
        assertEquals(List.of("default-data", "default-data"),
                result.volumes().stream().map(DiscoveredVolume::claimKey).toList(),
                "both are volumes of one claim: the older one from before the pattern");
        assertEquals(Arrays.asList("pvc-" + uuid, null), result.volumes().stream().map(DiscoveredVolume::pvName).toList());
    }

    @Test
    void should_tell_the_pattern_it_was_made_from() {
        NfsSubdirPatternLayout layout = new NfsSubdirPatternLayout(NS_NAME, Set.of());

        assertEquals(NS_NAME, layout.pattern());
        assertEquals("nfs-subdir", layout.name());
    }
}
