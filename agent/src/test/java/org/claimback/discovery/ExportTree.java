package org.claimback.discovery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds a real export root on disk, one entry at a time. */
final class ExportTree {

    static final String UUID = "3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b";
    static final String UUID2 = "0c9d8e7f-6a5b-4c3d-8e2f-1a0b9c8d7e6f";

    private final Path root;

    private ExportTree(Path root) {
        this.root = root;
    }

    static ExportTree at(Path root) throws IOException {
        Files.createDirectories(root);
        return new ExportTree(root);
    }

    Path root() {
        return root;
    }

    ExportRoot exportRoot() {
        return new ExportRoot(root);
    }

    ExportTree dir(String name) throws IOException {
        Files.createDirectory(root.resolve(name));
        return this;
    }

    /** A directory at a '/'-separated path below the root, with its parents. */
    ExportTree dirs(String relative) throws IOException {
        Files.createDirectories(root.resolve(relative));
        return this;
    }

    /** A regular file at a '/'-separated path below the root, with its parent directories. */
    ExportTree fileAt(String relative) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "not a volume\n");
        return this;
    }

    /** A symlink at a '/'-separated path below the root, with its parent directories. */
    ExportTree symlinkAt(String relative, Path target) throws IOException {
        Path link = root.resolve(relative);
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, target);
        return this;
    }

    ExportRoot exportRoot(String layout, String pattern) {
        return new ExportRoot(root, layout, pattern);
    }

    ExportTree file(String name) throws IOException {
        Files.writeString(root.resolve(name), "not a volume\n");
        return this;
    }

    ExportTree symlink(String name, Path target) throws IOException {
        Files.createSymbolicLink(root.resolve(name), target);
        return this;
    }

    /**
     * A directory whose name is raw bytes, written as printf %b escapes ({@code \0377} is byte
     * 0xff), so names that are not UTF-8 can be made whatever the JVM's file name encoding.
     */
    ExportTree rawDir(String printfEscapedName) throws IOException, InterruptedException {
        Process mkdir = new ProcessBuilder("sh", "-c", "cd \"$1\" && mkdir -- \"$(printf '%b' \"$2\")\"",
                "sh", root.toString(), printfEscapedName).redirectErrorStream(true).start();
        String output = new String(mkdir.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (mkdir.waitFor() != 0) {
            throw new IOException("mkdir of " + printfEscapedName + " failed: " + output);
        }
        return this;
    }
}
