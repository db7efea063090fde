/**
 * Application-consistent backups: what makes a volume's backup something an application can start
 * from, and the words for it ({@link org.claimback.consistency.ConsistencyMethod}).
 *
 * <p>Per claim ({@link org.claimback.consistency.ClaimConsistency}): hooks around its backup,
 * consistent copies of its SQLite databases, its dumps. Per run
 * ({@link org.claimback.consistency.RunSnapshots}): one read-only filesystem snapshot per btrfs
 * export, so every volume of the run is read at one point in time. Per volume
 * ({@link org.claimback.consistency.VolumePreparation}): what restic sees at the volume's own path
 * (a {@link org.claimback.restic.MountView}), so the snapshot records the volume's path and restic
 * keeps finding its parent.
 *
 * <p>Must never: write to a live volume (copies go to {@code sqlite.scratch}, snapshots are
 * read-only), read a volume live when its export asked for a snapshot that failed, or leave a
 * snapshot or a copy behind that the next run would not remove.
 */
package org.claimback.consistency;
