package org.claimback.dump;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one dump while restic reads the producer's output, in a thread of its own: kills the
 * producer when its timeout passes, or when restic has ended while the producer still holds its
 * output open (nobody reads it any more; without this the pump feeding restic would wait for the
 * producer's next byte). restic is recognised among this JVM's children by its arguments.
 */
final class Watchdog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);
    private static final long POLL_MILLIS = 100;

    private final Producer producer;
    private final long deadlineNanos;
    private final List<String> resticMarkers;
    private final String label;
    private final Thread thread;
    private volatile boolean timedOut;
    private volatile boolean resticGone;
    private volatile boolean closed;

    /**
     * @param resticMarkers arguments that together tell this dump's restic from any other child
     */
    Watchdog(Producer producer, long deadlineNanos, List<String> resticMarkers, String label) {
        this.producer = producer;
        this.deadlineNanos = deadlineNanos;
        this.resticMarkers = List.copyOf(resticMarkers);
        this.label = label;
        this.thread = new Thread(this::watch, "claimback-dump-watchdog-" + producer.pid());
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** The producer was killed because its timeout passed. */
    boolean timedOut() {
        return timedOut;
    }

    /** The producer was killed because restic ended before its output did. */
    boolean resticGone() {
        return resticGone;
    }

    private void watch() {
        ProcessHandle restic = null;
        while (!closed) {
            if (producer.stdoutEnded() && !producer.alive()) {
                return;
            }
            if (System.nanoTime() - deadlineNanos >= 0) {
                timedOut = true;
                LOG.warn("{}: the producer ran past its timeout, killing it", label);
                producer.kill();
                return;
            }
            if (restic == null) {
                restic = findRestic().orElse(null);
            } else if (!restic.isAlive() && !producer.stdoutEnded() && !closed) {
                resticGone = true;
                LOG.warn("{}: restic ended before the producer's output did, killing the producer", label);
                producer.kill();
                return;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private Optional<ProcessHandle> findRestic() {
        return ProcessHandle.current().children()
                .filter(p -> p.info().arguments().map(args -> List.of(args).containsAll(resticMarkers)).orElse(false))
                .findFirst();
    }

    /** Stops watching (the caller takes over) and waits for the watch thread. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join(Duration.ofSeconds(15).toMillis());
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
