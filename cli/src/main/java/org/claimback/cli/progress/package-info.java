/**
 * Progress for people while restores run: one overall progress bar (bytes and ETA, with
 * me.tongfei:progressbar) on a terminal, else one plain line per claim when it starts and ends.
 *
 * <p>Never writes to stdout (it may carry {@code --json}), never decides outcomes: it only listens
 * ({@link org.claimback.restore.RestoreListener}).
 */
package org.claimback.cli.progress;
