/**
 * Outcomes: the exit codes claimback reports and the one place that turns a failure into a
 * one-line message and an exit code.
 *
 * <p>Every program (CLI and agent) maps errors here, so a wrong password gets the same words and
 * code wherever it happens. This package never prints; callers decide where the line goes.
 */
package org.claimback.outcome;
