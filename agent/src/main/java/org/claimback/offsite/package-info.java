/**
 * Offsite copies: {@code restic copy} of this host's snapshots from the primary repository into
 * each repository under {@code copies:}, and the catalogue's record of which copy holds which
 * snapshot ({@code snapshot_copies}).
 *
 * <p>For one copy: a missing copy repository is created with {@code restic init
 * --copy-chunker-params} from the primary (so deduplication carries over); the snapshots this
 * host's catalogue knows (volume snapshots, complete dumps, the newest catalogue copy) and has no
 * record of in that copy are copied in batches; then the copy is listed and every snapshot whose
 * {@code original} is a catalogue id is recorded (catalogue ids may be restic 0.14's 8-character
 * short ids: matched by prefix). restic copy skips what the copy holds already, so a retry after a
 * failure is safe. Each copy is one run of kind {@code copy} ({@code target}: the copy's name).
 *
 * <p>It holds the repository gate shared (like a backup), so no prune or check of this machine runs
 * beside it, and gets past stale restic locks of this host in both repositories. It must never
 * write to the primary repository, never run {@code restic copy} without snapshot ids (that copies
 * everything), never let one failing copy stop another, and never put a repository's password or
 * credentials in argv, logs or the catalogue.
 */
package org.claimback.offsite;
