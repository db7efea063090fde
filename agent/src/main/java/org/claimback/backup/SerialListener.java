package org.claimback.backup;

import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.VolumeRecord;

/** Passes a listener's calls on one at a time: workers call it from several threads. */
record SerialListener(BackupListener delegate) implements BackupListener {
    @Override
    public synchronized void started(ClaimRecord claim, VolumeRecord volume) {
        delegate.started(claim, volume);
    }

    @Override
    public synchronized void progress(ClaimRecord claim, VolumeRecord volume, org.claimback.restic.BackupProgress progress) {
        delegate.progress(claim, volume, progress);
    }

    @Override
    public synchronized void finished(VolumeBackup result) {
        delegate.finished(result);
    }
}
