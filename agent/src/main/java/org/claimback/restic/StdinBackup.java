package org.claimback.restic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.claimback.restic.ResticException.Kind;

/**
 * {@code restic backup --stdin --stdin-filename=NAME --host H --tag T... --json}, fed from a
 * stream (a dump producer's standard output). The same pipe on every restic version: restic 0.17's
 * {@code --stdin-from-command} is not used, so a producer's failure is judged by the caller alike
 * on 0.14 and 0.18.
 *
 * <p>restic saves a snapshot of whatever arrived once the stream ends, also when the producer
 * died halfway: the caller checks the producer and forgets such a snapshot.
 */
public final class StdinBackup {

    /** Failures that no other dump or volume can escape either, and a cancel: thrown, not returned. */
    public static boolean thrown(ResticException e) {
        return e.kind().affectsEveryBackup() || e.kind() == Kind.CANCELLED;
    }

    /**
     * How restic ended.
     *
     * @param run        the process, whatever its exit code
     * @param snapshotId the snapshot restic reported (short on 0.14), or null when it reported none
     * @param failure    why restic failed (exit code not 0), or null
     */
    public record Result(ResticRun run, String snapshotId, ResticException failure) {

        /** restic exited 0 and reported its snapshot. */
        public boolean saved() {
            return failure == null && snapshotId != null;
        }
    }

    /** What restic prints on SIGINT (0.15+); it then waits for its standard input to end. */
    static final String INTERRUPT_RECEIVED = "signal interrupt received";

    private final Restic restic;

    public StdinBackup(Restic restic) {
        this.restic = restic;
    }

    /**
     * Runs restic to its end in the calling thread; interrupting the thread stops restic.
     *
     * @throws ResticException for a kind in {@link Kind#affectsEveryBackup()} (CANCELLED when the
     *     thread was interrupted); other failures are returned in {@link Result#failure()}
     */
    public Result backup(StdinBackupRequest request) {
        restic.version();
        List<String> args = new ArrayList<>(List.of("backup", "--stdin", "--stdin-filename=" + request.filename(),
                "--host", request.host()));
        request.tags().forEach(tag -> {
            args.add("--tag");
            args.add(tag);
        });
        args.add("--json");
        String[] snapshotId = new String[1];
        ResticRun run = ResticProcess.run(restic.settings(), args, null, line -> {
            JsonNode node = ResticJson.object(line);
            if (node != null && "summary".equals(ResticJson.messageType(node))) {
                String id = ResticJson.backupSummary(node).snapshotId();
                snapshotId[0] = id.isEmpty() ? null : id;
            } else if (node == null || !"status".equals(ResticJson.messageType(node))) {
                ResticProcess.LOG.debug("restic backup --stdin: {}", line);
            }
        }, line -> {
            if (line.contains(INTERRUPT_RECEIVED)) {
                request.endStream().run();
            }
        }, new ResticIo(List.of(), request.stream(), null, java.util.Map.of(), request.endStream()));
        if (run.succeeded()) {
            return new Result(run, snapshotId[0], null);
        }
        ResticException failure = restic.failure(run);
        if (thrown(failure)) {
            throw failure;
        }
        return new Result(run, snapshotId[0], failure);
    }
}
