package org.claimback.cli.json;

import java.util.List;
import org.claimback.catalog.ClaimRecord;
import org.claimback.catalog.VolumeRecord;

/**
 * One claim: its key, namespace and name (null when the directory name can't be split
 * unambiguously), the candidate splits when ambiguous, how it was mapped, its volumes, and its
 * newest snapshot (null when never backed up).
 */
public record ClaimJson(
        String claimKey,
        String namespace,
        String name,
        List<CandidateJson> candidates,
        String mappedBy,
        List<VolumeJson> volumes,
        SnapshotJson lastBackup) {

    public record CandidateJson(String namespace, String name) {}

    public static ClaimJson of(ClaimRecord c, List<VolumeRecord> volumes, SnapshotJson lastBackup) {
        return new ClaimJson(c.claimKey(), c.namespace(), c.name(),
                c.candidates().stream().map(x -> new CandidateJson(x.namespace(), x.name())).toList(),
                c.mappedBy(), volumes.stream().map(VolumeJson::of).toList(), lastBackup);
    }
}
