/**
 * Streamed dumps: each of a claim's {@code dumps:} is a command (a producer such as
 * {@code pg_dump}) whose standard output is piped into {@code restic backup --stdin} and kept as a
 * snapshot of its own, holding the one file {@code /NAME} and tagged {@link org.claimback.dump.DumpTags#MARK}
 * (never the volume mark, so volume retention, restores and rebuilds never see it).
 *
 * <p>A dump is good only when the producer exited 0 within its timeout, wrote at least one byte,
 * and restic saved a complete snapshot. restic saves a snapshot of whatever arrived even when the
 * producer died halfway, so every other dump is recorded {@code failed} with that snapshot and
 * later forgotten ({@link org.claimback.dump.DumpBackup#forgetFailed}) under the repository
 * gate's exclusive pass.
 *
 * <p>This package owns the producer processes (their environment without restic's or cloud
 * credentials, their stderr, their timeout, killing them with their descendants) and the
 * catalogue's {@code dumps} rows it writes. It never touches a volume's files, never forgets a
 * snapshot it did not record as a failed dump, and never passes a secret in argv or logs.
 */
package org.claimback.dump;
