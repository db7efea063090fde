package org.claimback.backup;

import org.claimback.restic.Restic;

/**
 * Proves once per backup, before the first volume is skipped, that the repository opens with
 * the password ({@code restic cat config}): a backup whose volumes are all unchanged still
 * notices a wrong password or a vanished repository instead of reporting success.
 */
final class RepositoryProof {
    private final Restic restic;
    private Boolean opens;

    RepositoryProof(Restic restic) {
        this.restic = restic;
    }

    /** True when it opens, false when there is no repository; a wrong password throws. */
    synchronized boolean opens() {
        if (opens == null) {
            opens = restic.repositoryExists();
        }
        return opens;
    }
}
