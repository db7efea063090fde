/**
 * The {@code --json} shapes of every command, defined once as records and documented in the
 * README. Field names are stable; new fields may be added, none renamed or removed. Times are
 * ISO-8601 UTC strings, sizes are bytes, durations are seconds. No secret is ever part of a shape.
 */
package org.claimback.cli.json;
