/**
 * Drills: rehearsed restores that measure the recovery time and prove a claim's backup restores
 * as it was taken.
 *
 * <p>A drill restores a claim's newest good snapshot (the one a real restore would choose) into
 * a fresh directory under {@code drill.scratch}, through the restore engine, which records a
 * {@code drill} run with target, totals and duration (the measured RTO) and checks file and byte
 * counts. {@link org.claimback.drill.TreeCheck} then compares every entry with {@code restic ls}:
 * type, owner, permission bits, size and mtime. A difference marks the run failed. The scratch
 * copy is removed afterwards, whatever happened. {@link org.claimback.drill.DrillRotation} is the
 * rule that picks the one claim a scheduled drill takes.
 *
 * <p>This package never writes outside the drill scratch directory and never deletes anything
 * that is not a drill's own scratch copy (checked by real path, without following links); it
 * never restores into a volume, and never reports a drill as ok that was not verified.
 */
package org.claimback.drill;
