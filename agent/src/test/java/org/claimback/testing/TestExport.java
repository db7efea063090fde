package org.claimback.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** An export root laid out as nfs-subdir-external-provisioner does: {@code <ns>-<pvc>-pvc-<uuid>}. */
public record TestExport(Path root) {

    public static TestExport create(Path root) throws IOException {
        Files.createDirectories(root);
        return new TestExport(root);
    }

    /** Creates a new, empty PV directory for the claim (as the provisioner would, mode 0777). */
    public Path newVolume(String namespace, String claim) throws IOException {
        Path dir = root.resolve(namespace + "-" + claim + "-pvc-" + UUID.randomUUID());
        Files.createDirectory(dir);
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        return dir;
    }

    /** Renames a volume as archiveOnDelete does: {@code archived-<name>}. */
    public Path archive(Path volume) throws IOException {
        return Files.move(volume, root.resolve("archived-" + volume.getFileName()));
    }
}
