package org.claimback.dumprestore;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * A file written beside its final place as {@code FILE.claimback-partial-<pid>} (mode 0600: a
 * dump holds a database's data), counted as it is written, fsync'd, then put in place: hard-linked
 * to {@code FILE} (which fails rather than replace a file that appeared meanwhile) and unlinked,
 * or renamed where the filesystem has no hard links. Until {@link #putInPlace()}, {@code FILE} is
 * untouched; {@link #close()} removes whatever is left of the partial file.
 */
final class PartialFile implements AutoCloseable {
    private final Path target;
    private final Path partial;
    private final FileChannel channel;
    private final Counting stream;
    private boolean placed;

    private PartialFile(Path target, Path partial, FileChannel channel) {
        this.target = target;
        this.partial = partial;
        this.channel = channel;
        this.stream = new Counting(java.nio.channels.Channels.newOutputStream(channel));
    }

    /** Creates the partial file beside {@code target} (it must not exist: a pid is one process's). */
    static PartialFile beside(Path target) throws IOException {
        Path partial = partialPath(target);
        FileChannel channel = FileChannel.open(partial, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        return new PartialFile(target, partial, channel);
    }

    static Path partialPath(Path target) {
        return target.resolveSibling(target.getFileName() + ".claimback-partial-" + ProcessHandle.current().pid());
    }

    Path path() {
        return partial;
    }

    /** Where to write; closing it does nothing. */
    OutputStream output() {
        return stream;
    }

    long bytesWritten() {
        return stream.count;
    }

    /** Flushes to disk, then puts the file at its target and flushes the directory. */
    void putInPlace() throws IOException {
        channel.force(true);
        channel.close();
        boolean linked;
        try {
            Files.createLink(target, partial);
            linked = true;
        } catch (FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(target + " appeared while the dump was restored; the dump was not put there");
        } catch (UnsupportedOperationException | IOException e) {
            linked = false; // no hard links here: rename, after a last look
        }
        if (linked) {
            Files.delete(partial);
        } else {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileAlreadyExistsException(target + " appeared while the dump was restored; the dump was not put there");
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        }
        placed = true;
        try (FileChannel dir = FileChannel.open(target.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // some filesystems cannot fsync a directory; the file itself is on disk
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
        if (!placed) {
            Files.deleteIfExists(partial);
        }
    }

    /** Counts what passes; never closes the channel (the owner does). */
    private static final class Counting extends FilterOutputStream {
        private long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void close() {
            // the partial file is closed by PartialFile
        }
    }
}
