package org.claimback.restic;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * How a restic child is started beyond its arguments.
 *
 * @param wrapper   a command restic runs under (e.g. {@link MountView#wrapper}: a private mount
 *                  namespace); it must end by exec'ing the restic command line that follows it,
 *                  so that restic keeps the child's process id and a cancel's SIGINT reaches it
 * @param stdin     pumped into restic's standard input (closed at its end), or null for none
 * @param rawStdout restic's standard output as bytes (e.g. {@code restic dump}), or null: as lines
 *                  to the run's {@link LineSink}
 * @param env       variables added to restic's environment for this run (never logged or shown)
 * @param stdinEnd  with {@code stdin}: makes it end (e.g. kills its producer); called as soon as restic
 *                  exits unsuccessfully, since the pump into a restic that is gone (a wrong password, say) would
 *                  otherwise wait for the stream's next bytes; may be null
 */
record ResticIo(List<String> wrapper, InputStream stdin, OutputStream rawStdout, Map<String, String> env,
        Runnable stdinEnd) {
    static final ResticIo PLAIN = new ResticIo(List.of(), null, null);

    ResticIo {
        wrapper = List.copyOf(wrapper);
        env = Map.copyOf(env);
    }

    ResticIo(List<String> wrapper, InputStream stdin, OutputStream rawStdout, Map<String, String> env) {
        this(wrapper, stdin, rawStdout, env, null);
    }

    ResticIo(List<String> wrapper, InputStream stdin, OutputStream rawStdout) {
        this(wrapper, stdin, rawStdout, Map.of());
    }
}
