/**
 * Restore: plans and carries out the restore of claims' snapshots into target directories, then
 * checks each restored tree against its snapshot.
 *
 * <p>Planning changes nothing: {@link org.claimback.restore.SnapshotChoice} picks each claim's own
 * snapshot (never "latest" across the repository; never a partial or suspicious one unless named),
 * {@link org.claimback.restore.TargetChoice} picks the directory (the rebuilt cluster's new empty
 * volume, or the same directory when the layout reuses it) and says why, and
 * {@link org.claimback.restore.RestorePlanner} turns claims into a plan with reasons for skips.
 * {@link org.claimback.restore.RestoreBatch} runs a plan with bounded parallelism, each claim on
 * its own; {@link org.claimback.restore.RestoreEngine} runs one restore ({@code restic restore
 * --verify}, then file count and bytes against the snapshot) and records it as a run.
 * {@link org.claimback.restore.CopySource} lets it read an offsite copy instead, under each
 * snapshot's id there.
 *
 * <p>Never: delete or overwrite anything in a target (a non-empty target is refused unless forced,
 * and forcing moves its entries into a dated folder beside it), report a restore as complete when
 * its check failed, or print (callers decide what people see, through {@link
 * org.claimback.restore.RestoreListener}).
 */
package org.claimback.restore;
