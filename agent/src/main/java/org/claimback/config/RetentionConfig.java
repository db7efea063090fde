package org.claimback.config;

/**
 * Retention: the default policy for claims without one of their own, and how many copies of
 * the catalogue (tag {@code claimback-catalog}, this host) to keep.
 */
public record RetentionConfig(RetentionPolicy policy, int catalogCopies) {
    public static final int DEFAULT_CATALOG_COPIES = 14;

    public static RetentionConfig defaults() {
        return new RetentionConfig(RetentionPolicy.defaults(), DEFAULT_CATALOG_COPIES);
    }
}
