package org.saddlecheck.claims;

import java.util.List;

/**
 * The contents of target/claims/claims.json: run metadata (master seed, git commit, budget, backend, JDK, CPU, the
 * false-failure budget and how many statistical tests share it), timing/environment fields that may differ between
 * runs of the same seed ({@code threads}, {@code startedAt}, {@code durationMs}), and one {@link ClaimOutcome} per
 * claim in run order.
 */
public record RunResults(long masterSeed, String gitCommit, String budget, String backend, String jdk, String cpu,
                         double falseFailureBudget, int statisticalTests, int threads, String startedAt,
                         long durationMs, List<ClaimOutcome> claims) {

    public List<ClaimOutcome> violations() {
        return claims.stream().filter(ClaimOutcome::violated).toList();
    }

    public List<ClaimOutcome> harnessErrors() {
        return claims.stream().filter(ClaimOutcome::harnessError).toList();
    }

    /** True when a claim is VIOLATED or a check threw: the build fails. */
    public boolean failed() {
        return !violations().isEmpty() || !harnessErrors().isEmpty();
    }

    public long count(Verdict v) {
        return claims.stream().filter(c -> c.verdict() == v).count();
    }

    /** The outcome of a claim id (case-insensitive), or null. */
    public ClaimOutcome get(String id) {
        return claims.stream().filter(c -> c.id().equalsIgnoreCase(id)).findFirst().orElse(null);
    }
}
