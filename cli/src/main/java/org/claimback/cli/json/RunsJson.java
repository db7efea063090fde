package org.claimback.cli.json;

import java.util.List;

/** {@code claimback runs [CLAIM] --json}: the runs, newest first. */
public record RunsJson(List<RunJson> runs) {}
