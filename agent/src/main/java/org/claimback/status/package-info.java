/**
 * Status: the agent's HTTP endpoint for monitoring ({@code status.listen}): {@code /healthz},
 * {@code /status} (the {@link org.claimback.status.StatusReport} as JSON, the same one
 * {@code claimback status --json} prints) and {@code /metrics} in Prometheus text format; and the
 * one rule that decides a claim's state ({@link org.claimback.status.ClaimState}).
 *
 * <p>Every number and state is computed from the catalogue and the config when asked, so it
 * survives agent restarts, counts runs of the command line too, and is there while the agent is
 * down. This package only reads the catalogue; it never starts work, never writes, and never shows
 * secrets, the repository or the status token. With {@code status.tokenFile} every path but the
 * health checks asks for {@code Authorization: Bearer TOKEN}; without one it serves loopback only
 * (the config loader refuses anything else).
 */
package org.claimback.status;
