package org.claimback.restic;

/**
 * Receives a child's output one line at a time, without the line terminator. Called from a
 * stream-pumping thread, never concurrently for one stream; an exception thrown here is logged
 * and rethrown after the child has ended (the child's output keeps being drained meanwhile).
 */
@FunctionalInterface
public interface LineSink {

    /** Drops every line. */
    LineSink DISCARD = line -> {};

    void accept(String line);
}
