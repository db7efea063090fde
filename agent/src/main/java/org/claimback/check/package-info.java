/**
 * Repository checks: restic check with a rotating --read-data-subset, recorded as {@code check}
 * runs with the number of problems found and restic's error lines, exposed as metrics and
 * notified. A check only reads: it must never repair, rebuild an index or prune on its own.
 */
package org.claimback.check;
