/**
 * Exports: reads the NFS server's export table, {@code /etc/exports} and
 * {@code /etc/exports.d/*.exports}, as {@code exportfs -r} does (exports(5), nfs-utils'
 * {@code support/nfs/exports.c} and {@code xio.c}), so claimback can tell whether an export root
 * is really exported and propose the ones it is not told about.
 *
 * <h2>The syntax, as exportfs reads it</h2>
 * <ul>
 *   <li>An entry is a path and then clients, {@code host(options)}, separated by blanks; an entry
 *       ends at the end of its line. A backslash just before the newline continues the line: both
 *       become one blank and the next line's leading blanks are dropped.</li>
 *   <li>{@code #} starts a comment only where a token could start (after blanks or at the start
 *       of a line); inside a token ({@code /srv/a#b}) it is a plain character. Comments end at the
 *       newline even after a backslash.</li>
 *   <li>Double quotes may enclose any part of any token and keep blanks and {@code #} in it; the
 *       quotes themselves are dropped. {@code \ooo} (three octal digits, value below 256) is the
 *       byte with that value, in every token; the bytes are read as UTF-8.</li>
 *   <li>{@code -options} among the clients sets default options for the clients after it on the
 *       same line; a client's own options come after the defaults (the later one wins).</li>
 *   <li>{@code host(options)} has no blank before {@code (}. {@code host (options)} is two
 *       clients: {@code host} with default options and {@code (options)} with no host, which
 *       exportfs takes as everyone ({@code *}) with a warning. A line whose last token is the
 *       path or a {@code -options} exports the path to everyone too.</li>
 *   <li>Files: {@code /etc/exports}, then the regular files in {@code /etc/exports.d} whose names
 *       end in {@code .exports} (not hidden), in versionsort(3) order ({@code 9-a} before
 *       {@code 10-a}), as exportfs lists them.</li>
 * </ul>
 *
 * <h2>Where it differs from exportfs</h2>
 * exportfs stops reading a file at its first error and exports nothing after it. This reader
 * records the error as a problem ({@code FILE:LINE: what is wrong}, saying that exportfs stops
 * there), keeps the clients already read from that line, skips the rest of the line and reads
 * on, so one typo doesn't hide the rest of the table. Unterminated quotes end at the end of the
 * line (exportfs reads on into the next lines). Paths are kept as written: exportfs resolves
 * symlinks, callers compare real paths themselves.
 *
 * <h2>What it must never do</h2>
 * Write anything, or throw for a missing, unreadable or malformed file: a missing file is an
 * empty table, everything else is a problem line.
 */
package org.claimback.exports;
