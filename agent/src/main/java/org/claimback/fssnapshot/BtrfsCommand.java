package org.claimback.fssnapshot;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code btrfs} program with a timeout, its standard output and error captured together
 * for messages. Not restic: a plain {@link ProcessBuilder} is enough.
 */
final class BtrfsCommand {
    static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final int SHOWN = 400;

    private final String binary;
    private final Duration timeout;

    BtrfsCommand(String binary, Duration timeout) {
        this.binary = binary;
        this.timeout = timeout;
    }

    /**
     * Runs {@code btrfs args...}; its output when it exits 0. Otherwise FsSnapshotException:
     * "{@code what}: btrfs said: OUTPUT: {@code fix}", or that btrfs-progs is missing or hung.
     */
    String run(String what, String fix, String... args) throws FsSnapshotException {
        List<String> command = new ArrayList<>();
        command.add(binary);
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        } catch (IOException e) {
            throw new FsSnapshotException(what + ": cannot run `" + binary + "` (" + e.getMessage()
                    + "): install btrfs-progs (apt-get install btrfs-progs), or set snapshot: none for this export", e);
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> copy(process.getInputStream(), output), "btrfs-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                throw new FsSnapshotException(what + ": `" + String.join(" ", command) + "` did not finish within " + timeout.toSeconds()
                        + " s and was killed: check the filesystem (dmesg, btrfs device stats) and try again");
            }
            reader.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new FsSnapshotException(what + ": interrupted while `" + String.join(" ", command) + "` ran", e);
        }
        String text;
        synchronized (output) {
            text = output.toString(StandardCharsets.UTF_8);
        }
        if (process.exitValue() != 0) {
            throw new FsSnapshotException(what + ": `" + String.join(" ", command) + "` exited " + process.exitValue() + ": "
                    + oneLine(text) + ": " + fix);
        }
        return text;
    }

    /** The output on one line, cut short when long; "no output" when empty. */
    static String oneLine(String text) {
        String line = text.strip().replaceAll("\\s*\\R\\s*", "; ");
        if (line.isEmpty()) {
            return "no output";
        }
        return line.length() > SHOWN ? line.substring(0, SHOWN - 3) + "..." : line;
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buffer)) >= 0;) {
                synchronized (out) {
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            // the process ended or was killed: what was read is what there is
        }
    }
}
