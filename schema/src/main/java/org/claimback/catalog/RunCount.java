package org.claimback.catalog;

/** How many finished runs of one kind ended in one state. */
public record RunCount(String kind, String state, long count) {}
