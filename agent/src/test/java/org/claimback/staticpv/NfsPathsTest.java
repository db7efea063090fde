package org.claimback.staticpv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The path clients mount follows the old PV's prefix rewrite (NFSv4 pseudo-roots). */
class NfsPathsTest {
    private static final Path NEW = Path.of("/srv/nfs/k8s/default-data-pvc-2");

    @Test
    void should_apply_the_old_pvs_pseudo_root_prefix_to_the_new_directory() {
        assertEquals("/k8s/default-data-pvc-2", NfsPaths.clientPath(NEW, "/k8s/default-data-pvc-1", "/srv/nfs/k8s/default-data-pvc-1"));
        assertEquals("/default-data-pvc-2", NfsPaths.clientPath(NEW, "/default-data-pvc-1", "/srv/nfs/k8s/default-data-pvc-1"));
        assertEquals("/exports/k8s/default-data-pvc-2",
                NfsPaths.clientPath(NEW, "/exports/k8s/default-data-pvc-1", "/srv/nfs/k8s/default-data-pvc-1"));
    }

    @Test
    void should_use_the_local_path_when_the_old_pv_says_nothing_or_the_same() {
        assertEquals(NEW.toString(), NfsPaths.clientPath(NEW, null, null));
        assertEquals(NEW.toString(), NfsPaths.clientPath(NEW, "/srv/nfs/k8s/default-data-pvc-1", null));
        assertEquals(NEW.toString(), NfsPaths.clientPath(NEW, "/srv/nfs/k8s/default-data-pvc-1", "/srv/nfs/k8s/default-data-pvc-1"));
        assertEquals(NEW.toString(), NfsPaths.clientPath(NEW, "/a/x", "/data/other/y"), "nothing in common: no rewrite known");
    }
}
