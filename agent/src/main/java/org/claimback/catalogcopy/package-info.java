/**
 * Catalogue copy: keeps the catalogue alive when the NFS server that held it is lost.
 *
 * <p>{@link org.claimback.catalogcopy.CatalogBackup} copies the open catalogue with SQLite's
 * online backup (consistent while others write) into a private temporary directory and stores it
 * in the repository as one snapshot tagged {@code claimback-catalog} and {@code schema=<version>}
 * (never {@code claimback}: claim listings filter on that tag), under the pinned host. It runs
 * after every scheduled backup of all volumes and on {@code claimback catalog backup}.
 *
 * <p>{@link org.claimback.catalogcopy.CatalogRebuild} makes a new catalogue from the repository:
 * the newest copy of this host (what tags can't hold: mappings, inventories, runs, totals), then
 * every claim snapshot's tags for what came after it ({@link org.claimback.catalogcopy.TagMerge}).
 * The repository is the truth: snapshots the copy knows but the repository forgot are dropped.
 * Everything is built in a scratch directory beside the catalogue; only when it is complete is the
 * existing file (with its {@code -wal}/{@code -shm}) moved aside and the new one put in its place.
 * {@code catalog rebuild --from COPY} reads an offsite copy the same way, its snapshots seen under
 * the primary's ids ({@link org.claimback.catalogcopy.OriginalIds}: restic copy's {@code original})
 * and recorded as held by that copy.
 *
 * <p>What it must never do: delete or overwrite an existing catalogue (it is moved aside, dated);
 * touch anything before restic has proved the repository opens; put the password anywhere but
 * restic's password file; tag a catalogue copy {@code claimback}; fail or change a backup run's
 * result because its catalogue copy failed.
 */
package org.claimback.catalogcopy;
