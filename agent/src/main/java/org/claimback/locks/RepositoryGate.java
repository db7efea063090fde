package org.claimback.locks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The repository gate ({@code locks/repository.lock}): backups pass {@link #shared}, forget,
 * prune and check pass {@link #exclusive}. In this JVM a fair read-write lock orders the threads
 * (a waiting exclusive operation holds back new backups); across processes the JVM holds the
 * file's shared fcntl lock while any of its threads is inside shared, and the exclusive one
 * while an exclusive operation runs. One gate per file per JVM: {@link #beside}.
 */
public final class RepositoryGate {
    private static final Logger LOG = LoggerFactory.getLogger(RepositoryGate.class);
    private static final Map<Path, RepositoryGate> GATES = new ConcurrentHashMap<>();
    private static final Duration POLL = Duration.ofMillis(200);

    private final Path file;
    private final ReentrantReadWriteLock threads = new ReentrantReadWriteLock(true);
    /** Guards {@link #sharedHolders} and {@link #sharedLock}. */
    private final ReentrantLock state = new ReentrantLock();
    private int sharedHolders;
    private FileChannel channel;
    private FileLock sharedLock;

    private RepositoryGate(Path file) {
        this.file = file;
    }

    /** The gate of the catalogue at {@code catalog}: the same object for the same file in this JVM. */
    public static RepositoryGate beside(Path catalog) {
        Path file = LockDirectory.beside(catalog).resolve("repository.lock");
        return GATES.computeIfAbsent(file, RepositoryGate::new);
    }

    /**
     * Passes as one of many (a backup): waits while an exclusive operation runs or waits, here or
     * in another claimback process. {@code what} is logged when it has to wait.
     */
    public Permit shared(String what) throws InterruptedException {
        if (!threads.readLock().tryLock()) {
            LOG.info("{} waits: an exclusive repository operation (forget, prune or check) runs or is waiting", what);
            threads.readLock().lockInterruptibly();
        }
        try {
            state.lockInterruptibly();
            try {
                if (sharedHolders == 0) {
                    sharedLock = acquire(true, what);
                }
                sharedHolders++;
            } finally {
                state.unlock();
            }
        } catch (InterruptedException | RuntimeException e) {
            threads.readLock().unlock();
            throw e;
        }
        return new Permit(this::releaseShared);
    }

    /**
     * Passes alone (forget, prune, check): waits for running backups to end, here and in other
     * claimback processes, while new ones wait behind it.
     */
    public Permit exclusive(String what) throws InterruptedException {
        if (!threads.writeLock().tryLock()) {
            LOG.info("{} waits for running backups to end", what);
            threads.writeLock().lockInterruptibly();
        }
        FileLock lock;
        try {
            lock = acquire(false, what);
        } catch (InterruptedException | RuntimeException e) {
            threads.writeLock().unlock();
            throw e;
        }
        return new Permit(() -> {
            release(lock);
            threads.writeLock().unlock();
        });
    }

    /**
     * {@link #exclusive} waiting at most {@code wait} (for this JVM's backups and for other
     * processes'); empty, holding nothing, when the pass did not come in time.
     */
    public Optional<Permit> exclusive(String what, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        if (!threads.writeLock().tryLock()) {
            LOG.info("{} waits up to {} s for running backups to end", what, wait.toSeconds());
            if (!threads.writeLock().tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return Optional.empty();
            }
        }
        FileLock lock;
        try {
            lock = acquire(false, what, deadline);
        } catch (InterruptedException | RuntimeException e) {
            threads.writeLock().unlock();
            throw e;
        }
        if (lock == null) {
            threads.writeLock().unlock();
            return Optional.empty();
        }
        return Optional.of(new Permit(() -> {
            release(lock);
            threads.writeLock().unlock();
        }));
    }

    private void releaseShared() {
        state.lock();
        try {
            sharedHolders--;
            if (sharedHolders == 0) {
                release(sharedLock);
                sharedLock = null;
            }
        } finally {
            state.unlock();
            threads.readLock().unlock();
        }
    }

    /** The file lock, polling until another process lets go. The caller holds the right in-JVM lock. */
    private FileLock acquire(boolean shared, String what) throws InterruptedException {
        return acquire(shared, what, Long.MAX_VALUE);
    }

    /** {@link #acquire(boolean, String)} until {@code deadline} ({@link System#nanoTime}); null when it passed. */
    private FileLock acquire(boolean shared, String what, long deadline) throws InterruptedException {
        boolean logged = false;
        while (true) {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for " + file);
            }
            FileLock lock = onFileThread(() -> channel().tryLock(0, Long.MAX_VALUE, shared));
            if (lock != null) {
                return lock;
            }
            if (deadline != Long.MAX_VALUE && System.nanoTime() - deadline >= 0) {
                return null;
            }
            if (!logged) {
                LOG.info("{} waits for another claimback process ({} operation running)", what,
                        shared ? "an exclusive" : "a backup or other");
                logged = true;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private synchronized FileChannel channel() throws IOException {
        if (channel == null || !channel.isOpen()) {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        }
        return channel;
    }

    private void release(FileLock lock) {
        if (lock != null) {
            try {
                onFileThread(() -> {
                    lock.release();
                    return null;
                });
            } catch (UncheckedIOException ignored) {
                // the channel stays open; a failed release is only possible when it is closed already
            }
        }
    }

    /** The one thread that touches the lock file's channel. */
    private final java.util.concurrent.ExecutorService fileThread = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "claimback-repository-gate");
        t.setDaemon(true);
        return t;
    });

    /**
     * Runs a lock or release on the gate's own thread, which is never interrupted: a FileChannel
     * touched by an interrupted thread closes, and closing it would drop every lock this JVM holds
     * on the file (other threads' shared passes included). Waits for it even when interrupted,
     * and keeps the interrupt.
     */
    private <T> T onFileThread(IoCall<T> call) {
        java.util.concurrent.Future<T> future = fileThread.submit(() -> call.run());
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (java.util.concurrent.ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof IOException io) {
                        throw new UncheckedIOException("cannot lock " + file + ": " + io.getMessage(), io);
                    }
                    if (cause instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private interface IoCall<T> {
        T run() throws IOException;
    }

    /** A pass through the gate; close it to leave. Closing twice is harmless. */
    public static final class Permit implements AutoCloseable {
        private Runnable release;

        Permit(Runnable release) {
            this.release = release;
        }

        @Override
        public synchronized void close() {
            if (release != null) {
                release.run();
                release = null;
            }
        }
    }
}
