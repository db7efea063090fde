-- V003: a claim is identified by namespace/name once known, by its claim key only while unknown.
--
-- Two real claims can share a claim key: default/test-claim and default-test/claim both have
-- directories named default-test-claim-pvc-<uuid>. V001 made claims.claim_key UNIQUE, which would
-- merge them. Rebuilding the table would need foreign keys off, which a migration inside a
-- transaction cannot do; so claims.claim_key now holds the claim's IDENTITY:
--   * 'namespace/name' when the claim is known (a '/' never occurs in a claim key), and
--   * the claim key '<namespace>-<name>' while the split is unknown.
-- The claim key itself is always derivable: namespace || '-' || name, or claim_key when unknown.
-- The Java API (Catalog, ClaimRecord.claimKey()) only ever shows the claim key.

UPDATE claims SET claim_key = namespace || '/' || name WHERE namespace IS NOT NULL;

CREATE UNIQUE INDEX claims_by_name ON claims (namespace, name) WHERE namespace IS NOT NULL;
CREATE INDEX claims_by_known_key ON claims ((namespace || '-' || name)) WHERE namespace IS NOT NULL;
