package org.claimback.discovery;

/** What the directory name says about a volume. (MISSING belongs to the catalogue, not to discovery.) */
public enum VolumeState {
    /** In use by a claim, as far as the name tells. */
    LIVE,
    /** Renamed by the provisioner when its claim was deleted ({@code archived-…}). */
    ARCHIVED
}
