package org.claimback.discovery;

import java.util.Objects;

/**
 * The CLAIM a user names on the command line: {@code namespace/name}, a claim key
 * ({@code default-data-postgres-0}), or a PV name ({@code pvc-<uuid>}). A {@code pvc-<uuid>} is
 * always read as a PV name, although a claim key could in theory look the same.
 */
public final class ClaimArgument {

    /** Which of the three forms the argument has. */
    public enum Kind {
        /** {@code namespace/name}. */
        NAME,
        /** A claim key, {@code <namespace>-<name>}, possibly ambiguous. */
        KEY,
        /** A provisioned PV name, {@code pvc-<uuid>}. */
        PV
    }

    private static final String FORMS =
            "use namespace/name, a claim key like default-data-postgres-0, or a PV name pvc-<uuid>";

    private final Kind kind;
    private final String text;
    private final ClaimName claim;
    private final String claimKey;
    private final String pvName;

    private ClaimArgument(Kind kind, String text, ClaimName claim, String claimKey, String pvName) {
        this.kind = kind;
        this.text = text;
        this.claim = claim;
        this.claimKey = claimKey;
        this.pvName = pvName;
    }

    /**
     * Reads a CLAIM argument.
     *
     * @throws IllegalArgumentException with a one-line message saying what is wrong and what fits
     */
    public static ClaimArgument parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.indexOf('/') >= 0) {
            ClaimName claim = ClaimName.parse(text);
            return new ClaimArgument(Kind.NAME, text, claim, claim.key(), null);
        }
        if (KubernetesNames.isProvisionedPvName(text)) {
            return new ClaimArgument(Kind.PV, text, null, null, text);
        }
        if (!isClaimKeyShaped(text)) {
            throw new IllegalArgumentException(Quoting.quote(text) + " is not a claim: " + FORMS);
        }
        if (text.length() > KubernetesNames.CLAIM_KEY_MAX) {
            throw new IllegalArgumentException(Quoting.quote(text) + " is not a claim: a claim key has at most "
                    + KubernetesNames.CLAIM_KEY_MAX + " characters");
        }
        return new ClaimArgument(Kind.KEY, text, null, text, null);
    }

    private static boolean isClaimKeyShaped(String s) {
        if (s.isEmpty() || s.charAt(0) == '-' || s.charAt(0) == '.') {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    public Kind kind() {
        return kind;
    }

    /** The claim, for {@link Kind#NAME}; null otherwise. */
    public ClaimName claim() {
        return claim;
    }

    /** The claim key, for {@link Kind#NAME} and {@link Kind#KEY}; null for {@link Kind#PV}. */
    public String claimKey() {
        return claimKey;
    }

    /** The PV name, for {@link Kind#PV}; null otherwise. */
    public String pvName() {
        return pvName;
    }

    /**
     * Whether the volume belongs to what the user named: same claim key for a name or a key (so
     * every volume the claim ever had), same PV name for a PV.
     */
    public boolean matches(DiscoveredVolume volume) {
        return kind == Kind.PV ? pvName.equals(volume.pvName()) : claimKey.equals(volume.claimKey());
    }

    /** The argument as the user wrote it. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClaimArgument other && kind == other.kind && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, text);
    }
}
