package org.claimback.catalogcopy;

/**
 * What merging the repository's snapshot tags into a catalogue changed.
 *
 * @param claimsAdded        claims the catalogue did not know
 * @param volumesAdded       volume directories it did not know
 * @param snapshotsAdded     snapshots it did not know (newer than the copy, or all without one)
 * @param snapshotsDropped   snapshots it knew that the repository no longer holds (forgotten)
 * @param idsCompleted       short ids (restic 0.14) replaced by the full id
 * @param mappingsFromTags   directories on disk whose name would map them to another claim than
 *                           their snapshots' tags say, remembered as the tags say
 * @param snapshotsUnusable  claimback snapshots of this host that name no single path or no claim
 */
public record MergeCounts(int claimsAdded, int volumesAdded, int snapshotsAdded, int snapshotsDropped, int idsCompleted,
        int mappingsFromTags, int snapshotsUnusable) {}
