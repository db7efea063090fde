/**
 * The catalogue: claimback's SQLite index of claims, volumes, runs and snapshots, the PV
 * inventories it was given, and its memory of which directory belongs to which claim.
 *
 * <p>It owns the catalogue file and everything in it: the numbered SQL migrations
 * ({@code migrations/V001__initial.sql}, ...) applied at open and tracked with
 * {@code PRAGMA user_version}, and the only Java API that reads or writes the tables
 * ({@link org.claimback.catalog.Catalog}), returning plain records.
 *
 * <p>The mapping memory. Every mapping of a volume directory to a claim that claimback learns
 * (from a PV inventory, from a directory name, or from a person) is kept with where it came from
 * and when it was first learned and last confirmed ({@link org.claimback.catalog.MappingRecord}).
 * It is the only part of the catalogue that cannot be rebuilt from the repository once the cluster
 * is gone, so it only grows.
 *
 * <p>How it works. One {@link org.claimback.catalog.Catalog} holds one JDBC connection and
 * serialises its threads with {@code synchronized} methods. Several processes (the agent and any
 * number of CLI invocations) share the file through SQLite's WAL mode: readers never block, and
 * every write is one {@code BEGIN IMMEDIATE} transaction, so a writer waits (up to 15 s) for the
 * other writer instead of failing half-way. {@link org.claimback.catalog.Catalog#inTransaction}
 * groups many writes into one such transaction (each joined call becomes a savepoint). Timestamps are UTC text with a fixed width, so that
 * ordering by text is ordering by time.
 *
 * <p>What it must never do:
 * <ul>
 *   <li>delete or rewrite a file it cannot read: a damaged, foreign or newer catalogue is refused
 *       with a one-line {@link org.claimback.catalog.CatalogException} saying how to fix it;</li>
 *   <li>delete what it has recorded: a volume that disappears becomes {@code missing} (the one
 *       exception: a catalogue rebuild deletes the snapshots the repository no longer holds,
 *       {@link org.claimback.catalog.Catalog#deleteSnapshots});</li>
 *   <li>forget what it knew: an update that does not know a claim's namespace/name or a volume's
 *       PV name keeps the stored one; a remembered mapping is never changed or deleted;</li>
 *   <li>decide policy (which claim a directory belongs to, what to keep, when to back up) or run
 *       restic: it is an index, the repository is the truth, and the catalogue can always be
 *       rebuilt from the repository's snapshots.</li>
 * </ul>
 */
package org.claimback.catalog;
