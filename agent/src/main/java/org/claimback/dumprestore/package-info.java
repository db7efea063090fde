/**
 * Dump restore: gives a streamed database dump (a {@code dumps:} entry of a claim, stored as its
 * own restic snapshot holding one file {@code /NAME}, tagged {@code claimback-dump}) back as a
 * file, for the database's own loader ({@code psql -f FILE}, {@code mariadb < FILE}).
 *
 * <p>{@link org.claimback.dumprestore.DumpChoice} picks the dump: the newest complete one of that
 * name of that claim, or one named by snapshot id (refused when it failed or was forgotten).
 * {@link org.claimback.dumprestore.DumpRestore} writes it with {@code restic dump} into a partial
 * file beside the target ({@code FILE.claimback-partial-<pid>}, mode 0600), checks its size
 * against the catalogue, fsyncs it and only then puts it in place; the attempt is recorded as a
 * {@code restore} run. {@link org.claimback.dumprestore.DumpSnapshots} holds the tags that tell
 * dump snapshots apart from volume snapshots.
 *
 * <p>Never: overwrite or delete an existing file (it is refused, or with {@code --force} moved
 * aside under {@link org.claimback.restore.AsideName}); leave a partial file behind or put a short
 * or failed dump in place; choose a failed dump by itself; print (callers decide what people see).
 */
package org.claimback.dumprestore;
