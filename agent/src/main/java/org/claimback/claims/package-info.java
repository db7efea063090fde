/**
 * Claims: keeps the catalogue's claims and volumes in step with what discovery sees on the
 * exports, and turns a user's CLAIM argument into exactly one claim.
 *
 * <p>It remembers: a volume that disappears from disk becomes {@code missing}, never forgotten,
 * because after the cluster is gone the remembered mapping is all there is. It never guesses: an
 * ambiguous argument is an error listing the candidates, and an unknown one is an error too.
 * A CLAIM may name a host as {@code CLAIM@HOST} ({@link org.claimback.claims.ClaimRef}, parsed
 * only there); this host backs up and forgets only its own claims.
 */
package org.claimback.claims;
