package org.claimback.cli.json;

import java.util.List;

/** {@code claimback backups CLAIM --json}: the claim and its snapshots, newest first. */
public record BackupsJson(ClaimJson claim, List<SnapshotJson> snapshots) {}
