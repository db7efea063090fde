package org.claimback.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CsiNfsHandleTest {

    private static final String PV = "pvc-5d0e8c2a-7b41-4f3e-8a96-1c2d3e4f5a6b";

    private static PvEntry csi(String driver, String handle, Map<String, String> attributes) {
        return new PvEntry(PV, "shop", "orders", null, "nfs-csi", "5Gi", List.of("ReadWriteMany"), "Delete", "Bound",
                driver, "csi", null, null, driver, handle, attributes);
    }

    @Test
    void should_read_the_five_field_handle_of_csi_driver_nfs_v4() {
        assertEquals(Optional.of(new CsiNfsHandle("nfs1", "srv/nfs/csi", PV, "", "")),
                CsiNfsHandle.parse("nfs1#srv/nfs/csi#" + PV + "##"));
        assertEquals(Optional.of(new CsiNfsHandle("nfs1", "srv/nfs/csi", "shop/orders", PV, "retain")),
                CsiNfsHandle.parse("nfs1#srv/nfs/csi#shop/orders#" + PV + "#retain"));
    }

    @Test
    void should_read_the_three_field_handle_of_csi_driver_nfs_v3() {
        CsiNfsHandle handle = CsiNfsHandle.parse("nfs1#srv/nfs/csi#" + PV).orElseThrow();

        assertEquals(new CsiNfsHandle("nfs1", "srv/nfs/csi", PV, "", ""), handle);
        assertEquals("/srv/nfs/csi/" + PV, handle.path());
    }

    @Test
    void should_read_the_slash_handle_of_csi_driver_nfs_v2_splitting_at_the_first_and_last_slash() {
        CsiNfsHandle handle = CsiNfsHandle.parse("nfs-server.default.svc.cluster.local/srv/nfs/csi/" + PV).orElseThrow();

        assertEquals(new CsiNfsHandle("nfs-server.default.svc.cluster.local", "srv/nfs/csi", PV, "", ""), handle);
        assertEquals("/srv/nfs/csi/" + PV, handle.path());
    }

    @Test
    void should_read_a_share_at_the_servers_root() {
        assertEquals("/" + PV, CsiNfsHandle.parse("nfs1##" + PV + "##").orElseThrow().path());
    }

    @Test
    void should_not_read_handles_of_other_forms() {
        assertEquals(Optional.empty(), CsiNfsHandle.parse(null));
        assertEquals(Optional.empty(), CsiNfsHandle.parse(""));
        assertEquals(Optional.empty(), CsiNfsHandle.parse("vol-0a1b2c3d4e5f60718"));
        assertEquals(Optional.empty(), CsiNfsHandle.parse("unique-volumeid"));
        assertEquals(Optional.empty(), CsiNfsHandle.parse("nfs1/" + PV), "no baseDir");
    }

    @Test
    void should_take_share_and_subdir_from_the_volume_attributes() {
        ServerPath at = ServerPath.of(csi("nfs.csi.k8s.io", "nfs1#srv/nfs/csi#shop/orders#" + PV + "#",
                Map.of("server", "nfs1", "share", "/srv/nfs/csi/", "subdir", "shop/orders"))).orElseThrow();

        assertEquals(new ServerPath("nfs1", "/srv/nfs/csi/shop/orders", "shop/orders", "csi share+subdir"), at);
    }

    @Test
    void should_take_the_subdir_from_the_handle_when_an_old_driver_did_not_record_it() {
        ServerPath at = ServerPath.of(csi("nfs.csi.k8s.io", "nfs1#srv/nfs/csi#" + PV,
                Map.of("server", "nfs1", "share", "/srv/nfs/csi"))).orElseThrow();

        assertEquals(new ServerPath("nfs1", "/srv/nfs/csi/" + PV, PV, "csi share+volumeHandle"), at);
    }

    @Test
    void should_take_the_share_alone_for_a_static_pv_whose_handle_is_anything() {
        Map<String, String> share = Map.of("server", "nfs1", "share", "/srv/nfs/csi/static-archive");

        for (String handle : List.of("nfs1/srv/nfs/csi/static-archive##", "static-archive", "nfs1#other/base#x##")) {
            assertEquals(new ServerPath("nfs1", "/srv/nfs/csi/static-archive", null, "csi share"),
                    ServerPath.of(csi("nfs.csi.k8s.io", handle, share)).orElseThrow(), handle);
        }
    }

    @Test
    void should_take_the_handle_alone_without_a_share_attribute() {
        assertEquals(new ServerPath("nfs1", "/srv/nfs/csi/" + PV, PV, "csi volumeHandle"),
                ServerPath.of(csi("nfs.csi.k8s.io", "nfs1#srv/nfs/csi#" + PV + "##", Map.of())).orElseThrow());
        assertEquals(Optional.empty(), ServerPath.of(csi("nfs.csi.k8s.io", "anything", Map.of())));
    }

    @Test
    void should_read_attributes_whatever_their_case() {
        ServerPath at = ServerPath.of(csi("nfs.csi.k8s.io", "x", Map.of("Server", "nfs1", "Share", "/srv/nfs/csi",
                "subDir", "a"))).orElseThrow();

        assertEquals("/srv/nfs/csi/a", at.path());
    }

    @Test
    void should_take_the_share_of_another_driver_that_attaches_over_nfs() {
        assertEquals(Optional.of(new ServerPath("nfs1", "/srv/nfs/democratic/v/" + PV, null, "csi share")),
                ServerPath.of(csi("org.democratic-csi.nfs-client", PV, Map.of("node_attach_driver", "nfs",
                        "server", "nfs1", "share", "/srv/nfs/democratic/v/" + PV))));
        assertEquals(Optional.empty(), ServerPath.of(csi("ebs.csi.aws.com", "vol-0a1b2c3d4e5f60718", Map.of())));
    }
}
