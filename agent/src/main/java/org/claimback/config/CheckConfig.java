package org.claimback.config;

/**
 * Repository checks.
 *
 * @param readDataSubsets each check reads {@code n/N} of the pack files, n rotating through 1..N
 *                        so that N checks read everything once; 0 checks structure only
 */
public record CheckConfig(int readDataSubsets) {
    public static final int DEFAULT_READ_DATA_SUBSETS = 12;

    public static CheckConfig defaults() {
        return new CheckConfig(DEFAULT_READ_DATA_SUBSETS);
    }
}
