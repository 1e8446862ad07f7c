package org.saddlecheck.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.saddlecheck.util.Require;

/**
 * Several results files ("shards") merged into one report. Claims merge by id: a claim keeps the position of
 * its first appearance; when the same id occurs again, the later file's entry wins. A duplicate whose JSON
 * differs from the one it replaces is a conflict and is noted (in {@link #notes()} and on the claim's page);
 * an identical duplicate is noted on the claim's page only.
 *
 * @param shards the files in the order given (index = shard number − 1)
 * @param claims the merged claims in first-appearance order
 * @param notes  human-readable merge notes for the index page
 */
public record MergedResults(List<RunResults> shards, List<MergedClaim> claims, List<String> notes) {

    /**
     * A claim after merging.
     *
     * @param shard       index into {@link MergedResults#shards()} of the file whose entry is shown
     * @param mergeNotes  what happened to other entries with the same id (empty when the id occurred once)
     */
    public record MergedClaim(ClaimRecord claim, int shard, List<String> mergeNotes) {
        public MergedClaim {
            mergeNotes = List.copyOf(mergeNotes);
        }
    }

    public MergedResults {
        shards = List.copyOf(shards);
        claims = List.copyOf(claims);
        notes = List.copyOf(notes);
    }

    /** The shard a merged claim came from. */
    public RunResults shardOf(MergedClaim c) {
        return shards.get(c.shard());
    }

    /** Merges shards in order (later files win on conflicting ids). */
    public static MergedResults merge(List<RunResults> shards) {
        Require.notNull("shards", shards);
        Require.that(!shards.isEmpty(), "shards", "[]", "a non-empty list of results");
        Map<String, Integer> shardOfId = new LinkedHashMap<>();
        Map<String, ClaimRecord> byId = new LinkedHashMap<>();
        Map<String, List<String>> perClaim = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (int s = 0; s < shards.size(); s++) {
            RunResults shard = Require.notNull("shards[" + s + "]", shards.get(s));
            for (ClaimRecord c : shard.claims()) {
                ClaimRecord previous = byId.get(c.id());
                if (previous != null) {
                    int ps = shardOfId.get(c.id());
                    List<String> list = perClaim.computeIfAbsent(c.id(), k -> new ArrayList<>());
                    if (previous.raw().equals(c.raw())) {
                        list.add("Identical entry also in " + label(shards, ps) + "; " + label(shards, s) + " is shown.");
                    } else {
                        String msg = "Conflicting duplicate: " + c.id() + " in " + label(shards, ps) + " (verdict "
                                + previous.verdict() + ") was replaced by the later " + label(shards, s) + " (verdict "
                                + c.verdict() + ").";
                        list.add(msg);
                        notes.add(msg);
                    }
                }
                byId.put(c.id(), c); // LinkedHashMap keeps the first insertion position on replacement
                shardOfId.put(c.id(), s);
            }
        }
        List<MergedClaim> claims = new ArrayList<>();
        for (Map.Entry<String, ClaimRecord> e : byId.entrySet()) {
            claims.add(new MergedClaim(e.getValue(), shardOfId.get(e.getKey()),
                    perClaim.getOrDefault(e.getKey(), List.of())));
        }
        return new MergedResults(shards, claims, notes);
    }

    /** "shard 2 (claims-b.json)". */
    static String label(List<RunResults> shards, int s) {
        return "shard " + (s + 1) + " (" + shards.get(s).source().getFileName() + ")";
    }
}
