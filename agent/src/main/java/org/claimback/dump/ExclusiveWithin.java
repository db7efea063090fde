package org.claimback.dump;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.claimback.locks.RepositoryGate;

/**
 * The repository gate's exclusive pass, waited for at most a given time. The gate's pass belongs
 * to the thread that took it (a read-write lock), so a holder thread takes it, keeps it while the
 * caller works, and gives it back when the caller closes the returned permit.
 */
final class ExclusiveWithin {
    private ExclusiveWithin() {}

    /**
     * The exclusive pass, or null when it did not come within {@code wait} (nothing is held then).
     *
     * @throws InterruptedException when the caller is interrupted while waiting (nothing is held)
     */
    static Held acquire(RepositoryGate gate, String what, Duration wait) throws InterruptedException {
        CompletableFuture<Boolean> taken = new CompletableFuture<>();
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            try (RepositoryGate.Permit ignored = gate.exclusive(what)) {
                taken.complete(true);
                release.await();
            } catch (InterruptedException e) {
                taken.complete(false);
            } catch (RuntimeException e) {
                taken.completeExceptionally(e);
            }
        }, "claimback-exclusive-holder");
        holder.setDaemon(true);
        holder.start();
        try {
            if (taken.get(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS)) {
                return permit(release, holder);
            }
            return null;
        } catch (TimeoutException e) {
            giveUp(holder, release);
            return null;
        } catch (InterruptedException e) {
            giveUp(holder, release);
            throw e;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** Stops the holder whether it got the pass meanwhile or not, and waits for it to let go. */
    private static void giveUp(Thread holder, CountDownLatch release) {
        release.countDown();
        holder.interrupt();
        joinUninterruptibly(holder);
    }

    private static Held permit(CountDownLatch release, Thread holder) {
        return new Held(() -> {
            release.countDown();
            joinUninterruptibly(holder);
        });
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The exclusive pass, held by the holder thread until closed. Closing twice is harmless. */
    static final class Held implements AutoCloseable {
        private Runnable release;

        private Held(Runnable release) {
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
