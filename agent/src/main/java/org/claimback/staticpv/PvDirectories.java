package org.claimback.staticpv;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.claimback.config.ExportConfig;
import org.claimback.discovery.CsiNfsLayout;
import org.claimback.discovery.Slashes;

/**
 * The directory a fresh PV gets under an export root: the name the export's provisioner would
 * have given it, so that discovery reads it back as the claim's volume.
 * <ul>
 *   <li>nfs-subdir (with or without a pathPattern): {@code <namespace>-<name>-<pv>}. Discovery reads
 *       that name by the default rules even when a pathPattern is configured.</li>
 *   <li>csi-nfs without subDir: {@code <pv>}; the claim comes from the manual mapping
 *       {@link StaticPvs#create} records.</li>
 *   <li>csi-nfs with a subDir: the subDir rendered (its three tokens are all known here), unless that
 *       path already exists (a subDir without the PV name renders the old volume's path): then
 *       {@code <pv>}, which discovery still reads directly under the share.</li>
 * </ul>
 */
final class PvDirectories {
    private PvDirectories() {}

    static Path directoryFor(ExportConfig export, String namespace, String name, String pvName) {
        Path root = export.path().toAbsolutePath().normalize();
        if (!CsiNfsLayout.NAME.equals(export.layout())) {
            return root.resolve(namespace + "-" + name + "-" + pvName);
        }
        String pattern = export.pattern();
        if (pattern == null || pattern.isEmpty()) {
            return root.resolve(pvName);
        }
        String rendered = Slashes.trim(pattern.replace("${pvc.metadata.namespace}", namespace)
                .replace("${pvc.metadata.name}", name)
                .replace("${pv.metadata.name}", pvName));
        Path candidate = rendered.isEmpty() || rendered.contains("${") ? null : root.resolve(rendered).normalize();
        boolean usable = candidate != null && candidate.startsWith(root) && !candidate.equals(root)
                && !Files.exists(candidate, LinkOption.NOFOLLOW_LINKS);
        return usable ? candidate : root.resolve(pvName);
    }
}
