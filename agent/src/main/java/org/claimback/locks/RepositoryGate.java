package org.claimback.locks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
        boolean logged = false;
        while (true) {
            FileLock lock;
            try {
                lock = channel().tryLock(0, Long.MAX_VALUE, shared);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
            }
            if (lock != null) {
                return lock;
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

    private static void release(FileLock lock) {
        if (lock != null) {
            try {
                lock.release();
            } catch (IOException ignored) {
                // the channel stays open; a failed release is only possible when it is closed already
            }
        }
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
