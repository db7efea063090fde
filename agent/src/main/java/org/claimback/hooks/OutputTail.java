package org.claimback.hooks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;

/**
 * Reads a hook's merged output on a thread of its own: logs each line with the hook's prefix and
 * keeps the last {@link HookResult#TAIL_LINES} lines, each cut to {@link HookResult#LINE_LIMIT}
 * characters. A line longer than {@link #LOG_LIMIT} bytes is cut there, the rest of it skipped, so
 * a hook that prints megabytes without a newline cannot fill the agent's memory.
 *
 * <p>The thread is a daemon and ends at end of file. A process the hook left behind may hold the
 * pipe open long after the hook ended; the runner then stops waiting ({@link #awaitEnd}) and this
 * thread keeps draining (and logging) until that process closes it, so the process never blocks on
 * a full pipe.
 */
final class OutputTail {
    /** The longest line logged, in bytes. */
    static final int LOG_LIMIT = 2000;

    private final Logger log;
    private final String prefix;
    private final Deque<String> tail = new ArrayDeque<>();
    private final Thread thread;
    private boolean ended;

    private OutputTail(InputStream in, Logger log, String prefix) {
        this.log = log;
        this.prefix = prefix;
        this.thread = new Thread(() -> pump(in), "hook-output " + prefix);
        this.thread.setDaemon(true);
    }

    /** Starts reading {@code in}; lines are logged as "PREFIX: line". */
    static OutputTail start(InputStream in, Logger log, String prefix) {
        OutputTail reader = new OutputTail(in, log, prefix);
        reader.thread.start();
        return reader;
    }

    /** Waits up to {@code limit} for end of file, even when interrupted meanwhile (the flag is kept); true when it came. */
    boolean awaitEnd(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        boolean interrupted = false;
        try {
            synchronized (this) {
                while (!ended) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    try {
                        wait(Math.max(1, left / 1_000_000));
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                return true;
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The kept lines, oldest first. */
    synchronized List<String> tail() {
        return List.copyOf(tail);
    }

    private void pump(InputStream in) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (b == '\n') {
                        emit(line);
                    } else if (line.size() < LOG_LIMIT) {
                        line.write(b);
                    }
                }
            }
            if (line.size() > 0) {
                emit(line);
            }
        } catch (IOException e) {
            log.debug("{}: reading its output stopped: {}", prefix, e.toString());
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    private void emit(ByteArrayOutputStream bytes) {
        String text = bytes.toString(StandardCharsets.UTF_8);
        bytes.reset();
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        log.info("{}: {}", prefix, text);
        String kept = cut(text, HookResult.LINE_LIMIT);
        synchronized (this) {
            tail.addLast(kept);
            while (tail.size() > HookResult.TAIL_LINES) {
                tail.removeFirst();
            }
        }
    }

    /** The first {@code limit} characters of {@code text}, never half a surrogate pair. */
    static String cut(String text, int limit) {
        if (text.length() <= limit) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(limit - 1)) ? limit - 1 : limit;
        return text.substring(0, end);
    }
}
