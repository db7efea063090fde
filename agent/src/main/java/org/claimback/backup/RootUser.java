package org.claimback.backup;

/** Whether this process runs as root (mount namespaces, bind mounts and restoring owners need it). */
final class RootUser {
    private RootUser() {}

    static boolean isRoot() {
        return "root".equals(ProcessHandle.current().info().user().orElse(System.getProperty("user.name")));
    }
}
