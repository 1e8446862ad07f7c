package org.saddlecheck.cli;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.saddlecheck.catalog.Catalog;
import org.saddlecheck.claims.Claim;
import org.saddlecheck.claims.ClaimInfo;
import org.saddlecheck.claims.NotImplementedClaim;
import picocli.CommandLine.Command;

/** {@code saddlecheck list}: every catalog claim id with its paper, section, kind, title and implementation status. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List every claim id of the catalog (Staib et al. 2019 and Jin et al. 2017) with its paper and section.")
final class ListCommand implements Callable<Integer> {
    private final Main.Env env;

    ListCommand(Main.Env env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        Set<String> implemented = new HashSet<>();
        for (Claim c : env.claims().get()) {
            if (!(c instanceof NotImplementedClaim)) implemented.add(c.info().id().toUpperCase(Locale.ROOT));
        }
        int idw = 2;
        for (ClaimInfo i : Catalog.ALL) idw = Math.max(idw, i.id().length());
        String fmt = "%-" + idw + "s  %-17s  %-28s  %-16s  %-5s  %s%n";
        env.out().printf(Locale.ROOT, fmt, "ID", "PAPER", "SECTION", "KIND", "IMPL", "TITLE");
        for (ClaimInfo i : Catalog.ALL) {
            String paper = switch (i.paper()) {
                case STAIB2019 -> "Staib et al. 2019";
                case JIN2017 -> "Jin et al. 2017";
                case BOTH -> "both";
            };
            env.out().printf(Locale.ROOT, fmt, i.id(), paper, i.section(), i.kind().label(),
                    implemented.contains(i.id().toUpperCase(Locale.ROOT)) ? "yes" : "no", i.title());
        }
        env.out().printf(Locale.ROOT, "%d claims, %d implemented.%n", Catalog.ALL.size(), implemented.size());
        return Main.OK;
    }
}
