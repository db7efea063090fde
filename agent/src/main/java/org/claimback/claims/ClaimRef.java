package org.claimback.claims;

import org.claimback.outcome.UserError;

/**
 * A CLAIM argument as a user writes it, split once here for every command: the claim itself
 * ({@code namespace/name}, a claim key or a PV name) and, after an {@code @}, the host whose
 * snapshots are meant ({@code media/jellyfin@nfs-a}). Kubernetes names never hold an {@code @},
 * so the last one always starts the host.
 *
 * @param claim the argument without its host qualifier
 * @param host  the host named after {@code @}, or null when none was given
 */
public record ClaimRef(String claim, String host) {

    /**
     * Splits {@code argument} at its last {@code @}.
     *
     * @throws UserError usage, when the claim or the host after {@code @} is empty
     */
    public static ClaimRef parse(String argument) {
        int at = argument.lastIndexOf('@');
        if (at < 0) {
            return new ClaimRef(argument, null);
        }
        String claim = argument.substring(0, at);
        String host = argument.substring(at + 1);
        if (claim.isEmpty() || host.isEmpty()) {
            throw UserError.usage("CLAIM " + argument + " is not CLAIM@HOST: write namespace/name@host or claim-key@host"
                    + " (the host as `claimback backups CLAIM` shows it), or leave out the @");
        }
        return new ClaimRef(claim, host);
    }

    /** Whether a host was named. */
    public boolean qualified() {
        return host != null;
    }

    @Override
    public String toString() {
        return host == null ? claim : claim + "@" + host;
    }
}
