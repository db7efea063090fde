package org.claimback.locks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One lock per volume, across processes: {@code locks/volume-<id>.lock}. The holder writes who
 * it is into the file (process id, what it does, since when), so a refused caller can say who
 * holds it.
 */
public final class VolumeLocks {
    /** Lock files held by this JVM: a second lock of the same file here must not reach the kernel. */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();
    private static final Duration POLL = Duration.ofMillis(200);

    private final Path dir;

    private VolumeLocks(Path dir) {
        this.dir = dir;
    }

    /** The volume locks of the catalogue at {@code catalog}. */
    public static VolumeLocks beside(Path catalog) {
        return new VolumeLocks(LockDirectory.beside(catalog));
    }

    /** Takes the volume's lock if it is free now; {@code holder} says what the lock is for (e.g. "backup by the agent"). */
    public Optional<VolumeLock> tryLock(long volumeId, String holder) {
        Path file = file(volumeId);
        if (!HELD.add(file)) {
            return Optional.empty();
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                HELD.remove(file);
                return Optional.empty();
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + ": " + holder + " since " + Instant.now() + "\n")
                    .getBytes(StandardCharsets.UTF_8)), 0);
            FileChannel held = channel;
            return Optional.of(new VolumeLock(volumeId, () -> release(file, held)));
        } catch (IOException e) {
            closeQuietly(channel);
            HELD.remove(file);
            throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Takes the volume's lock, waiting up to {@code wait} for its holder; throws
     * {@link VolumeBusyException} naming the holder when the wait runs out, and
     * {@link InterruptedException} when interrupted.
     */
    public VolumeLock lock(long volumeId, String holder, Duration wait) throws InterruptedException {
        Instant end = Instant.now().plus(wait);
        while (true) {
            Optional<VolumeLock> lock = tryLock(volumeId, holder);
            if (lock.isPresent()) {
                return lock.get();
            }
            if (!Instant.now().isBefore(end)) {
                throw new VolumeBusyException("volume " + volumeId + " is busy (" + holderOf(volumeId).orElse("held by another run")
                        + "): wait for that run to end, then try again");
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** What the current holder wrote (e.g. "pid 812: backup by the agent since ..."), when someone holds it. */
    public Optional<String> holderOf(long volumeId) {
        try {
            String text = Files.readString(file(volumeId), StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Path file(long volumeId) {
        return dir.resolve("volume-" + volumeId + ".lock");
    }

    private static void release(Path file, FileChannel channel) {
        try {
            channel.truncate(0);
        } catch (IOException ignored) {
            // the lock goes with the channel; the text only helps messages
        }
        closeQuietly(channel); // closing releases the fcntl lock
        HELD.remove(file);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to do
            }
        }
    }
}
