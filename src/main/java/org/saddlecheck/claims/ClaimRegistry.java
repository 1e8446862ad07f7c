package org.saddlecheck.claims;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.saddlecheck.catalog.Catalog;
import org.saddlecheck.theory.staib.IntroAdagradEma;
import org.saddlecheck.theory.staib.S54BetaSchedule;
import org.saddlecheck.util.Require;

/**
 * The implemented claims. To add a claim: write it under {@code org.saddlecheck.theory} (one per file, reusing
 * its {@link Catalog} entry) and add one line to {@link #implemented()}.
 *
 * <p>{@link #all()} is what {@code verify} and {@code saddlecheck check} run: every catalog id in catalog order,
 * the implementation where there is one and a {@link NotImplementedClaim} placeholder (INCONCLUSIVE, "not yet
 * implemented") otherwise, followed by implemented claims whose id is not in the catalog.
 */
public final class ClaimRegistry {
    private ClaimRegistry() {}

    /** New instances of every implemented claim. */
    public static List<Claim> implemented() {
        List<Claim> l = new ArrayList<>();
        l.add(new IntroAdagradEma());
        l.add(new S54BetaSchedule());
        l.addAll(org.saddlecheck.theory.staib.StaibFirstOrderClaims.all());
        l.addAll(org.saddlecheck.theory.staib.StaibSecondOrderClaims.all());
        l.addAll(org.saddlecheck.theory.staib.StaibEstimationClaims.all());
        l.addAll(org.saddlecheck.theory.staib.StaibExactClaims.all());
        l.addAll(org.saddlecheck.theory.staib.StaibFig2Claims.all());
        l.addAll(org.saddlecheck.theory.cross.StaibCrossClaims.all());
        l.addAll(org.saddlecheck.theory.jin.JinClaims.all());
        l.addAll(org.saddlecheck.theory.cross.CrossClaims.all());
        // add new claim lists here, one line each
        return List.copyOf(l);
    }

    /** Every catalog id (implementation or placeholder), in catalog order, then implemented extras. */
    public static List<Claim> all() {
        return withPlaceholders(implemented());
    }

    /** Catalog order with placeholders for ids missing from {@code claims}, then claims not in the catalog. */
    public static List<Claim> withPlaceholders(List<Claim> claims) {
        Map<String, Claim> byId = index(claims);
        List<Claim> out = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (ClaimInfo info : Catalog.ALL) {
            String key = key(info.id());
            Claim c = byId.get(key);
            out.add(c != null ? c : new NotImplementedClaim(info));
            used.add(key);
        }
        for (Claim c : claims) if (!used.contains(key(c.info().id()))) out.add(c);
        return List.copyOf(out);
    }

    /**
     * The claims of {@code universe} whose ids are listed (case-insensitive), in universe order; all of them when
     * {@code ids} is empty. Throws IllegalArgumentException naming an unknown id.
     */
    public static List<Claim> select(List<Claim> universe, Collection<String> ids) {
        Map<String, Claim> byId = index(universe);
        if (ids == null || ids.isEmpty()) return List.copyOf(universe);
        Set<String> wanted = new HashSet<>();
        for (String id : ids) {
            String k = key(id);
            if (k.isEmpty()) continue;
            if (!byId.containsKey(k)) {
                throw new IllegalArgumentException("claim id = " + id.trim()
                        + " is not allowed: it must be one of the catalog's ids (see `saddlecheck list`)");
            }
            wanted.add(k);
        }
        List<Claim> out = new ArrayList<>();
        for (Claim c : universe) if (wanted.contains(key(c.info().id()))) out.add(c);
        return List.copyOf(out);
    }

    /** Splits a comma-separated id list ("A, B,C"); blank entries are dropped. */
    public static List<String> parseIds(String csv) {
        List<String> out = new ArrayList<>();
        if (csv == null) return out;
        for (String s : csv.split(",")) if (!s.isBlank()) out.add(s.trim());
        return out;
    }

    private static Map<String, Claim> index(List<Claim> claims) {
        Require.notNull("claims", claims);
        Map<String, Claim> m = new LinkedHashMap<>();
        for (Claim c : claims) {
            Require.notNull("claim", c);
            String k = key(c.info().id());
            Require.that(!m.containsKey(k), "claim id", c.info().id(), "unique (it appears twice)");
            m.put(k, c);
        }
        return m;
    }

    private static String key(String id) {
        return id.trim().toUpperCase(Locale.ROOT);
    }
}
