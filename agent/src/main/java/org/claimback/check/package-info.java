/**
 * Repository checks: restic check with a rotating --read-data-subset, recorded as {@code check}
 * runs with the number of problems found, exposed as metrics and notified.
 */
package org.claimback.check;
