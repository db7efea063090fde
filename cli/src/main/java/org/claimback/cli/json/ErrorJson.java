package org.claimback.cli.json;

/** {@code {"error": {"message": "...", "exitCode": 2}}}: what any command prints with --json when it fails. */
public record ErrorJson(Error error) {
    public record Error(String message, int exitCode) {}
}
