package org.claimback.cli.json;

import java.util.List;

/** {@code claimback claims --json}: every claim, plus directories that fit no layout and unreadable exports. */
public record ClaimsJson(List<ClaimJson> claims, List<UnmatchedJson> unmatched, List<String> problems) {
    public record UnmatchedJson(String path, String reason) {}
}
