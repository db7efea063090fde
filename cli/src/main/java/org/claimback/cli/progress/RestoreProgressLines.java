package org.claimback.cli.progress;

import java.io.PrintWriter;
import java.util.Locale;
import org.claimback.cli.text.Sizes;
import org.claimback.outcome.Failures;
import org.claimback.restore.RestoreJob;
import org.claimback.restore.RestoreListener;
import org.claimback.restore.RestoredClaim;

/** One plain line per claim when its restore starts and when it ends, for logs and pipes. */
public final class RestoreProgressLines implements RestoreListener {
    private final PrintWriter out;

    public RestoreProgressLines(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void started(RestoreJob job, long totalBytes) {
        line("restoring " + job.claim().claimKey() + " snapshot " + job.snapshot().shortId() + " (" + Sizes.human(totalBytes)
                + ") into " + job.target());
    }

    @Override
    public void finished(RestoreJob job, RestoredClaim result, RuntimeException failure) {
        if (result != null) {
            line("restored " + job.claim().claimKey() + ": " + result.restored().files() + " files, "
                    + Sizes.human(result.restored().bytes()) + " in "
                    + String.format(Locale.ROOT, "%.1f s", result.duration().toMillis() / 1000.0)
                    + (result.checkedAgainstSnapshot() ? ", verified" : ", NOT checked (partial snapshot)"));
        } else {
            line("FAILED " + job.claim().claimKey() + ": " + Failures.message(failure));
        }
    }

    private void line(String text) {
        synchronized (out) {
            out.println(text);
            out.flush();
        }
    }
}
