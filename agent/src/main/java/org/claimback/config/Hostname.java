package org.claimback.config;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's hostname (the kernel's, as Go's os.Hostname reads it): the default {@code --host}
 * of every snapshot, and the hostname restic writes into its locks.
 */
public final class Hostname {
    private Hostname() {}

    public static String current() {
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException e) {
            // not Linux, fall through
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
