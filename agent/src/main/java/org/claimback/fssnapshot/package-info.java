/**
 * Filesystem snapshots: one read-only btrfs snapshot of the subvolume holding an export, taken at
 * the start of a backup run so that every volume of the run is read at one point in time, and
 * removed afterwards.
 *
 * <h2>What it owns</h2>
 * <ul>
 *   <li>{@link org.claimback.fssnapshot.BtrfsSnapshots}: finding the subvolume that holds a
 *       directory (walk up while the device number stays the same, to the directory with inode
 *       256, a btrfs subvolume's root), creating a snapshot with {@code btrfs subvolume snapshot -r},
 *       deleting it with {@code btrfs subvolume delete}, and removing the leftovers of processes
 *       that died before they could delete theirs.</li>
 *   <li>{@link org.claimback.fssnapshot.FsSnapshot}: a snapshot and where a directory of the live
 *       subvolume appears inside it.</li>
 *   <li>The snapshot directory {@code SUBVOLUME/.claimback-snapshots} (mode 0700; the leading dot
 *       keeps discovery away from it) and the snapshot names in it:
 *       {@code snapshot-<UTC time>-pid<pid>-boot<boot id>-start<ticks>-<n>}. The pid, the boot id and
 *       the process's start time in clock ticks since boot ({@code /proc/PID/stat}, immune to wall
 *       clock steps) say which process made a snapshot, so a snapshot whose process is gone is a
 *       leftover and a live process's snapshot is never touched.</li>
 * </ul>
 *
 * <p>A btrfs snapshot keeps inode numbers, ctimes and mtimes, so restic, reading the snapshot's
 * copy of a volume at the volume's own path, finds unchanged files unchanged. Nested subvolumes
 * are not part of a snapshot: they appear in it as empty directories.
 *
 * <h2>What it must never do</h2>
 * <ul>
 *   <li>Write into or delete from a user's data: the only things created are the snapshot
 *       directory and snapshots in it, and the only things deleted are snapshots directly inside
 *       a {@code .claimback-snapshots} directory whose names it gave them.</li>
 *   <li>Delete a snapshot of a process that still runs.</li>
 *   <li>Mount anything: showing the snapshot at the volume's path is the restic package's
 *       {@code MountView}.</li>
 * </ul>
 */
package org.claimback.fssnapshot;
