package org.claimback.catalog;

import java.time.Instant;

/**
 * A volume's fingerprint, taken just before its last good backup.
 *
 * @param fingerprint hex digest of the scan (paths, types, sizes, mtimes, ctimes, inodes, modes, owners)
 * @param files       entries scanned, of every type
 * @param bytes       bytes of the regular files scanned
 * @param snapshotId  the restic id of the snapshot that backup made
 * @param takenAt     when the scan was taken
 */
public record FingerprintRecord(long volumeId, String fingerprint, long files, long bytes, String snapshotId,
                                Instant takenAt) {}
