package org.claimback.catalogcopy;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.claimback.backup.SnapshotTags;
import org.claimback.dumprestore.DumpSnapshots;
import org.claimback.restic.Snapshot;

/**
 * One {@code restic snapshots} of the whole repository, split the way a rebuild reads it: the
 * claim snapshots ({@code claimback}), catalogue copies ({@code claimback-catalog}) and streamed
 * dumps ({@code claimback-dump}) of this host, claim snapshots and copies of other hosts (left
 * out), and every id (to tell which snapshots were forgotten). {@link #ofAllHosts} takes the claim
 * snapshots and dumps of every host instead ({@code catalog rebuild --all-hosts}).
 */
record RepositoryListing(String host, List<Snapshot> claimSnapshots, List<Snapshot> copies, List<Snapshot> otherHosts,
        Set<String> allIds, List<Snapshot> dumps) {

    static RepositoryListing of(List<Snapshot> all, String host) {
        List<Snapshot> ours = all.stream().filter(s -> isClaimback(s) || isCopy(s)).toList();
        return new RepositoryListing(host,
                ours.stream().filter(s -> s.hostname().equals(host) && isClaimback(s)).toList(),
                ours.stream().filter(s -> s.hostname().equals(host) && isCopy(s)).toList(),
                ours.stream().filter(s -> !s.hostname().equals(host)).toList(),
                all.stream().map(Snapshot::id).collect(Collectors.toUnmodifiableSet()),
                all.stream().filter(s -> s.hostname().equals(host) && DumpSnapshots.isDump(s)).toList());
    }

    /**
     * Every host's claim snapshots and dumps (servers sharing one repository), for a catalogue that
     * lists and restores them all; catalogue copies stay this host's, nothing is left out.
     */
    static RepositoryListing ofAllHosts(List<Snapshot> all, String host) {
        RepositoryListing own = of(all, host);
        return new RepositoryListing(host, all.stream().filter(RepositoryListing::isClaimback).toList(), own.copies(), List.of(),
                own.allIds(), all.stream().filter(DumpSnapshots::isDump).toList());
    }

    /** The newest catalogue copy of this host. */
    Optional<Snapshot> newestCopy() {
        return copies.stream().max(Comparator.comparing(Snapshot::time));
    }

    /** The hosts of claimback's snapshots that are not this host, sorted. */
    Set<String> otherHostNames() {
        return otherHosts.stream().map(Snapshot::hostname).collect(Collectors.toCollection(TreeSet::new));
    }

    private static boolean isClaimback(Snapshot s) {
        return s.tags().contains(SnapshotTags.MARK);
    }

    private static boolean isCopy(Snapshot s) {
        return s.tags().contains(CatalogTags.MARK);
    }
}
