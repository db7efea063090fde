/**
 * Backup: one restic snapshot per volume, taken as {@code cd VOLUME && restic backup .} with the
 * pinned host and the claim's tags, and recorded in the catalogue as a run and a snapshot.
 *
 * <p>Each volume is its own run: a failure of one never stops the others, and the worst outcome
 * decides the exit code. restic's exit 3 (snapshot saved, some files unreadable) is recorded and
 * reported as {@code partial}, never as success. This package reads volumes and never writes to
 * them.
 */
package org.claimback.backup;
