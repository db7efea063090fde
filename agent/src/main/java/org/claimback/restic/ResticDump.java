package org.claimback.restic;

import java.io.OutputStream;
import java.util.List;

/**
 * {@code restic dump --no-lock ID /NAME}: the bytes of one file of a snapshot, written to a
 * stream as restic prints them. For streamed database dumps, whose snapshot holds one file
 * {@code /NAME} (made with {@code restic backup --stdin --stdin-filename NAME}).
 *
 * <p>Runs with {@code --no-lock} for the reasons {@link Restic#restore} gives: it only reads.
 * The stream is written to, never closed: the caller owns it, and must not trust what it got
 * when this throws.
 */
public final class ResticDump {
    private final Restic restic;

    public ResticDump(Restic restic) {
        this.restic = restic;
    }

    /**
     * Writes file {@code /fileName} of snapshot {@code snapshotId} to {@code out}.
     *
     * @throws ResticException when restic fails (unknown snapshot, no such file in it, wrong
     *     password, ...), with restic's own reason in the message
     */
    public void dump(String snapshotId, String fileName, OutputStream out) {
        restic.version();
        String path = "/" + Arguments.requireValue("fileName", fileName);
        List<String> args = List.of("dump", "--no-lock", Arguments.requirePositional("snapshotId", snapshotId), path);
        ResticRun run = ResticProcess.run(restic.settings(), args, null, LineSink.DISCARD, LineSink.DISCARD,
                new ResticIo(List.of(), null, out));
        if (!run.succeeded()) {
            ResticException failure = restic.failure(run);
            if (failure.kind() != ResticException.Kind.FAILED) {
                throw failure;
            }
            throw new ResticException(failure.kind(), run.exitCode(), run.commandLine(), run.stderrTail(),
                    "restic dump of " + path + " from snapshot " + snapshotId + " in repository "
                            + restic.settings().redactedRepository() + " failed (exit " + run.exitCode() + "): "
                            + (run.headline().isEmpty() ? "restic printed no error" : run.headline()));
        }
    }
}
