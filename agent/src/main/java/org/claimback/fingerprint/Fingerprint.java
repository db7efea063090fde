package org.claimback.fingerprint;

/**
 * The result of one scan of a volume.
 *
 * @param hex     SHA-256 of every entry's attributes, in the scan's fixed order, lowercase hex
 * @param entries entries scanned, of every type, the root included
 * @param bytes   sum of the sizes of the regular files
 */
public record Fingerprint(String hex, long entries, long bytes) {}
