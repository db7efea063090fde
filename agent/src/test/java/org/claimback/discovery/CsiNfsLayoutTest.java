package org.claimback.discovery;

import static org.claimback.discovery.ExportTree.UUID;
import static org.claimback.discovery.ExportTree.UUID2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsiNfsLayoutTest {

    @TempDir
    Path tmp;

    @Test
    void should_scan_5000_csi_volume_directories_correctly() throws IOException {
        ExportTree tree = ExportTree.at(tmp.resolve("share"));
        for (int i = 0; i < 5000; i++) {
            String uuid = String.format("%08x-0000-4000-8000-%012x", i, i);
            tree.dir(i % 10 == 9 ? "archived-pvc-" + uuid : "pvc-" + uuid);
        }
        tree.dir("snapshot-" + UUID).dir("not-a-volume");

        long started = System.nanoTime();
        DiscoveryResult result = new Discovery().scan(List.of(tree.exportRoot("csi-nfs", null)));
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("discovery: scanned 5000 csi-nfs pvc-<uuid> directories in " + millis + " ms");

        assertEquals(List.of(), result.problems());
        assertEquals(5000, result.volumes().size());
        assertEquals(500, result.volumes().stream().filter(v -> v.state() == VolumeState.ARCHIVED).count());
        assertTrue(result.volumes().stream().allMatch(v -> !v.claimKnown() && v.candidates().isEmpty()
                && v.pvName() != null && v.layout().equals("csi-nfs")));
        assertEquals(2, result.unmatched().size());
    }

    @Test
    void should_find_a_default_csi_volume_by_its_pv_name_but_not_by_a_claim() throws IOException {
        ExportTree tree = ExportTree.at(tmp.resolve("share")).dir("pvc-" + UUID).dir("archived-pvc-" + UUID2);

        DiscoveryResult result = new Discovery().scan(List.of(tree.exportRoot("csi-nfs", null)));

        assertEquals(List.of(tree.root().resolve("archived-pvc-" + UUID2)), result.volumes().stream()
                .filter(ClaimArgument.parse("pvc-" + UUID2)::matches).map(DiscoveredVolume::path).toList());
        assertEquals(List.of(), result.volumes().stream().filter(ClaimArgument.parse("default/data")::matches).toList());
        DiscoveredVolume live = result.volumes().get(1);
        assertEquals(DiscoveredVolume.withoutClaim(tree.root(), tree.root().resolve("pvc-" + UUID), "csi-nfs",
                "pvc-" + UUID, VolumeState.LIVE), live);
        assertNull(live.claim());
    }

    @Test
    void should_archive_a_nested_subdir_under_its_first_directory() throws IOException {
        ExportTree tree = ExportTree.at(tmp.resolve("share")).dirs("archived-shop/cart").dirs("shop/web");
        ExportRoot share = tree.exportRoot("csi-nfs", "${pvc.metadata.namespace}/${pvc.metadata.name}");

        DiscoveryResult result = new Discovery(Set.of("shop")).scan(List.of(share));

        assertEquals(List.of(), result.unmatched());
        assertEquals(List.of(
                        new DiscoveredVolume(tree.root(), tree.root().resolve("archived-shop/cart"), "csi-nfs", "shop-cart",
                                null, VolumeState.ARCHIVED, new ClaimName("shop", "cart"),
                                List.of(new ClaimName("shop", "cart")), "archived-shop-cart"),
                        new DiscoveredVolume(tree.root(), tree.root().resolve("shop/web"), "csi-nfs", "shop-web",
                                null, VolumeState.LIVE, new ClaimName("shop", "web"),
                                List.of(new ClaimName("shop", "web")))),
                result.volumes());
    }

    @Test
    void should_keep_the_pv_name_of_a_subdir_with_the_pv_token() throws IOException {
        ExportTree tree = ExportTree.at(tmp.resolve("share")).dirs("db/data-postgres-0/pvc-" + UUID);

        DiscoveryResult result = new Discovery().scan(List.of(
                tree.exportRoot("csi-nfs", "${pvc.metadata.namespace}/${pvc.metadata.name}/${pv.metadata.name}")));

        DiscoveredVolume volume = result.volumes().get(0);
        assertEquals("pvc-" + UUID, volume.pvName());
        assertEquals(new ClaimName("db", "data-postgres-0"), volume.claim());
        assertTrue(ClaimArgument.parse("pvc-" + UUID).matches(volume));
        assertTrue(ClaimArgument.parse("db/data-postgres-0").matches(volume));
    }

    @Test
    void should_tell_its_name_and_subdir() {
        assertEquals("csi-nfs", new CsiNfsLayout().name());
        assertEquals("${pv.metadata.name}", new CsiNfsLayout().pattern());
        assertEquals("${pvc.metadata.name}", new CsiNfsLayout("${pvc.metadata.name}", Set.of()).pattern());
        assertFalse(Layout.names().isEmpty());
    }
}
