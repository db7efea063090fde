/**
 * Backup: one restic snapshot per volume, taken as {@code cd VOLUME && restic backup .} with the
 * pinned host and the claim's tags, and recorded in the catalogue as a run and a snapshot.
 *
 * <p>Each volume is its own run: a failure of one never stops the others, and the worst outcome
 * decides the exit code. restic's exit 3 (snapshot saved, some files unreadable) is recorded and
 * reported as {@code partial}, never as success. Volumes are backed up {@code backup.parallel} at
 * once, each under its volume lock and inside a shared pass of the repository gate
 * ({@code org.claimback.locks}).
 *
 * <p>Before restic runs, the volume's fingerprint ({@code org.claimback.fingerprint}) is compared
 * with the one stored at its last good backup: equal means {@code skipped-unchanged}, no restic.
 * After restic, the {@link org.claimback.backup.ShrinkGuard} measures the new snapshot against the
 * claim's last good one and flags a drastic shrink {@code suspicious} until a person accepts it.
 *
 * <p>This package reads volumes and never writes to them; it never deletes snapshots.
 */
package org.claimback.backup;
