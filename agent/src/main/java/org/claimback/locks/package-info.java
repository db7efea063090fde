/**
 * Locks between claimback's own processes (the agent and any number of CLI commands), beside the
 * catalogue in {@code locks/}: one file per volume, so no volume is ever backed up twice at once,
 * and one repository gate, shared by backups and exclusive for forget, prune and check, so an
 * exclusive operation waits for running backups and new backups wait for it.
 *
 * <p>Each lock is an fcntl lock on a file ({@link java.nio.channels.FileChannel#tryLock}): the
 * kernel drops it when its process dies, also by {@code kill -9}, so a crash never leaves one
 * behind. Within one JVM the same file is locked once, through one channel (Java forbids
 * overlapping locks and may drop every lock of a file when any channel on it closes); threads
 * share that through in-memory locks. Waiting polls and is interruptible.
 *
 * <p>These locks never replace restic's own repository locks; they keep claimback from asking
 * restic for what restic would refuse (a backup beside a check) and keep claimback's processes
 * from racing on one volume.
 */
package org.claimback.locks;
