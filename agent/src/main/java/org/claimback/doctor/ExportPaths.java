package org.claimback.doctor;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.claimback.discovery.KubernetesNames;
import org.claimback.exports.ExportEntry;
import org.claimback.exports.ExportsTable;

/** Comparing configured roots with exported paths as exportfs sees them (symlinks resolved). */
final class ExportPaths {
    /** {@code pvc-} and a 36-character UUID. */
    private static final int PV_NAME_LENGTH = 40;

    private ExportPaths() {}

    /** The path with symlinks resolved when it exists, else only normalized. */
    static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException | SecurityException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    /** The entry exporting {@code dir} itself, else the one for its nearest exported ancestor. */
    static Optional<ExportEntry> covering(ExportsTable table, Path dir) {
        Path target = real(dir);
        ExportEntry best = null;
        int bestDepth = -1;
        for (ExportEntry entry : table.entries()) {
            Path exported = real(entry.path());
            if (target.startsWith(exported) && exported.getNameCount() > bestDepth) {
                best = entry;
                bestDepth = exported.getNameCount();
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * How many directories right under {@code dir} look like PV directories: their name is or
     * ends in {@code pvc-<uuid>} (nfs-subdir's {@code <ns>-<pvc>-pvc-<uuid>}, csi-driver-nfs's
     * {@code pvc-<uuid>}, archived ones). 0 when it can't be read.
     */
    static int pvDirectories(Path dir) {
        int count = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                int n = name.length();
                if (n >= PV_NAME_LENGTH && KubernetesNames.isProvisionedPvName(name.substring(n - PV_NAME_LENGTH))
                        && (n == PV_NAME_LENGTH || name.charAt(n - PV_NAME_LENGTH - 1) == '-')
                        && Files.isDirectory(entry)) {
                    count++;
                }
            }
        } catch (IOException | RuntimeException e) {
            return count;
        }
        return count;
    }
}
