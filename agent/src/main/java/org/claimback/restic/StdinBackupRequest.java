package org.claimback.restic;

import java.io.InputStream;
import java.util.List;
import java.util.Objects;

/**
 * A stream to back up as one file: {@code restic backup --stdin --stdin-filename FILENAME}. The
 * snapshot records {@code paths: ["/FILENAME"]} and holds that one file.
 *
 * @param filename the file's name inside the snapshot: no '/' (passed as {@code --stdin-filename=NAME},
 *     so a leading '-' is no flag)
 * @param host     the pinned {@code --host}
 * @param tags     one {@code --tag} each; no commas (restic would split them)
 * @param stream   read to its end and handed to restic's standard input, then closed by the pump
 * @param endStream makes {@code stream} end (e.g. kills its producer); called when restic was told
 *     to stop while it reads: restic 0.18 answers SIGINT only once its standard input ends
 */
public record StdinBackupRequest(String filename, String host, List<String> tags, InputStream stream,
        Runnable endStream) {

    public StdinBackupRequest {
        Arguments.requireValue("filename", filename);
        if (filename.contains("/") || filename.equals(".") || filename.equals("..")) {
            throw new IllegalArgumentException("filename must be a plain file name, got " + filename);
        }
        host = Arguments.requireValue("host", host);
        tags = Arguments.tags(tags);
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(endStream, "endStream");
    }
}
