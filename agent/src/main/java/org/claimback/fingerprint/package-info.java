/**
 * Volume fingerprints: a cheap scan of a volume directory that tells whether restic would find
 * anything new in it since its last good backup.
 *
 * <p>The scan walks the tree without following symbolic links, in a fixed order (entries of each
 * directory sorted by name, depth first), and feeds, for every entry including the root, its
 * relative path, type and permission bits (with setuid, setgid and sticky), size, mtime and ctime
 * in nanoseconds, inode, link count, owner and group, device number (of device files) and symlink
 * target into one SHA-256 digest. The device the file lives on is left out: every btrfs snapshot
 * has a device of its own, and a volume read through the run's snapshot must still look unchanged. restic decides a file is unchanged when path, size, mtime, ctime and
 * inode match; everything restic stores about an entry (content, mode, owner, xattrs, link
 * target) changes at least the ctime when it changes, so an equal digest means restic would save
 * nothing new. Access times are left out: reading a file must not count as a change.
 *
 * <p>This package only reads: it never opens a file's content, never writes into a volume, and
 * never decides on its own to skip a backup (the backup package compares and records).
 */
package org.claimback.fingerprint;
