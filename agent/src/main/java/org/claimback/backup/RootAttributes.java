package org.claimback.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

/**
 * Owner and permission bits of a volume directory itself. restic stores the contents of
 * {@code .}, not the directory, so claimback keeps these in a tag and puts them back after a
 * restore: an application that chowned its volume root finds it as it left it.
 */
public record RootAttributes(int uid, int gid, int mode) {

    public static RootAttributes read(Path dir) throws IOException {
        Map<String, Object> a = Files.readAttributes(dir, "unix:uid,gid,mode", LinkOption.NOFOLLOW_LINKS);
        return new RootAttributes((Integer) a.get("uid"), (Integer) a.get("gid"), ((Integer) a.get("mode")) & 07777);
    }

    /** Parses {@code uid:gid:mode} (mode in octal), as written by {@link #toTag()}. */
    public static RootAttributes parse(String tag) {
        String[] parts = tag.split(":");
        if (parts.length != 3) {
            throw new IllegalArgumentException("not uid:gid:mode: " + tag);
        }
        return new RootAttributes(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2], 8));
    }

    public String toTag() {
        return uid + ":" + gid + ":" + String.format("%04o", mode);
    }

    /** Applies owner and mode to {@code dir} (owner needs root; the mode is applied either way). */
    public void applyTo(Path dir) throws IOException {
        Files.setAttribute(dir, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(dir, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(dir, "unix:mode", mode, LinkOption.NOFOLLOW_LINKS);
    }
}
