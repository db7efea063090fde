package org.claimback.backup;

import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.VolumeRecord;
import org.claimback.restic.BackupProgress;

/** Hears about a backup as it goes, for progress output. All methods default to nothing. */
public interface BackupListener {
    BackupListener NONE = new BackupListener() {};

    default void started(ClaimRecord claim, VolumeRecord volume) {}

    default void progress(ClaimRecord claim, VolumeRecord volume, BackupProgress progress) {}

    default void finished(VolumeBackup result) {}
}
