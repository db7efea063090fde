package org.claimback.catalog;

import java.time.Instant;

/**
 * A snapshot of the primary repository held by an offsite copy (see V007).
 *
 * @param resticId     the snapshot's id in the primary, as the catalogue stores it (full, or short on restic 0.14)
 * @param copyName     the copy's {@code copies[].name}
 * @param copyResticId its full id in the copy repository
 * @param time         the snapshot's time (the same in both repositories)
 * @param copiedAt     when claimback saw it in the copy
 * @param runId        the copy run that recorded it, or null (rebuilt from a copy)
 */
public record CopyRecord(String resticId, String copyName, String copyResticId, Instant time, Instant copiedAt,
                         Long runId) {}
