package org.claimback.restic;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One volume to back up: restic runs in {@code directory} as {@code restic backup .}, so the
 * snapshot records {@code paths: [directory]} and restores straight into a target.
 *
 * @param directory the directory to back up; made absolute
 * @param host the pinned {@code --host}, so parents are found after the server is rebuilt
 * @param tags one {@code --tag} each; no commas (restic would split them)
 * @param view what restic sees at {@code directory} ({@link MountView#LIVE}: the live directory)
 */
public record BackupRequest(Path directory, String host, List<String> tags, MountView view) {

    public BackupRequest {
        Objects.requireNonNull(directory, "directory");
        directory = directory.toAbsolutePath().normalize();
        host = Arguments.requireValue("host", host);
        tags = Arguments.tags(tags);
        Objects.requireNonNull(view, "view");
    }

    /** A backup of the live directory. */
    public BackupRequest(Path directory, String host, List<String> tags) {
        this(directory, host, tags, MountView.LIVE);
    }
}
