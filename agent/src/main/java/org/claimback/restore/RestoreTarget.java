package org.claimback.restore;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.claimback.outcome.UserError;

/**
 * Gets a restore target ready: it must be an empty directory, or be made one by moving its
 * entries (not the directory itself, which a pod may still have mounted) into a dated folder
 * beside it: {@code <target>.claimback-aside-<UTC time>}. Nothing is deleted.
 */
public final class RestoreTarget {

    private RestoreTarget() {}

    /**
     * Refuses a target that can't be used; returns the aside folder when entries were moved, else
     * null. {@code beforeMoving} runs (and may throw) before anything is moved.
     */
    public static Path prepare(Path target, boolean force, List<Path> exportRoots, Instant now, Runnable beforeMoving) {
        if (Files.isSymbolicLink(target)) {
            throw UserError.usage(target + " is a symbolic link: give the real directory to restore into");
        }
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw UserError.usage(target + " exists and is not a directory: choose a directory to restore into");
        }
        List<Path> entries = entries(target);
        if (entries.isEmpty()) {
            return null;
        }
        if (!force) {
            throw UserError.usage(target + " is not empty (" + entries.size() + " entries): restore into an empty directory,"
                    + " or pass --force to move its content aside into " + target.getFileName() + ".claimback-aside-<time>");
        }
        refuseDangerous(target, exportRoots);
        beforeMoving.run();
        return moveAside(target, entries, now);
    }

    private static void refuseDangerous(Path target, List<Path> exportRoots) {
        if (target.getParent() == null) {
            throw UserError.usage("refusing to move the content of " + target + " aside: choose a volume directory");
        }
        for (Path root : exportRoots) {
            if (root.startsWith(target)) {
                throw UserError.usage("refusing to move the content of " + target + " aside: it holds the export root "
                        + root + "; restore into a volume directory inside it");
            }
        }
    }

    private static Path moveAside(Path target, List<Path> entries, Instant now) {
        Path aside = AsideName.free(target, now, p -> Files.exists(p, LinkOption.NOFOLLOW_LINKS));
        try {
            Files.createDirectory(aside);
            Files.setPosixFilePermissions(aside, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw UserError.failed("cannot create " + aside + " to move the existing content aside: " + e.getMessage());
        }
        List<Path> moved = new ArrayList<>();
        for (Path entry : entries) {
            try {
                Files.move(entry, aside.resolve(entry.getFileName()));
                moved.add(entry);
            } catch (IOException e) {
                throw UserError.failed("moved " + moved.size() + " of " + entries.size() + " entries of " + target + " into " + aside
                        + ", then could not move " + entry.getFileName() + " (" + e.getMessage() + "); nothing was deleted"
                        + " and nothing restored: move the rest by hand or restore elsewhere");
            }
        }
        return aside;
    }

    static List<Path> entries(Path dir) {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(entries::add);
        } catch (IOException e) {
            throw UserError.failed("cannot list " + dir + ": " + e.getMessage());
        }
        return entries;
    }
}
