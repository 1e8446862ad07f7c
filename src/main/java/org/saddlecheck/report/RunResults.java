package org.saddlecheck.report;

import java.nio.file.Path;
import java.util.List;

/**
 * One results file (claims.json) as the report reads it: the run header and its claims. A report merges one
 * or more of these ("shards"). Strings are never null (empty when absent); {@code masterSeed} and
 * {@code threads} are null when absent; {@code durationMs} is {@code NaN} when absent.
 *
 * @param source the file it was read from (absolute, normalised)
 */
public record RunResults(Path source, Long masterSeed, String gitCommit, String budget, String jdk, String cpu,
                         Integer threads, String backend, String startedAt, double durationMs,
                         List<ClaimRecord> claims) {
    public RunResults {
        claims = List.copyOf(claims);
    }
}
