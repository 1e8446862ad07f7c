package org.saddlecheck.report;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Resolves the experiment files a claim's details refer to ({@code curvesCsv}, {@code curves[].csv},
 * {@code experimentJson}). A relative path is tried, in order, against: the experiments directory with a
 * leading {@code experiments/} segment removed ("experiments/fig1/fig1.csv" → EXPERIMENTS/fig1/fig1.csv), the
 * experiments directory as is, the parent of the results file's directory (target/ for
 * target/claims/claims.json), the project root and the project's target/ directory. The first regular file
 * found wins; an absolute path is used as is.
 */
final class ExperimentFiles {
    private final Path experimentsDir;
    private final Path projectRoot;

    ExperimentFiles(Path experimentsDir, Path projectRoot) {
        this.experimentsDir = experimentsDir;
        this.projectRoot = projectRoot;
    }

    /** The file, or null when no candidate exists (the tried locations are appended to {@code tried}). */
    Path resolve(String ref, Path resultsFile, List<String> tried) {
        Set<Path> candidates = new LinkedHashSet<>();
        try {
            String r = ref.strip().replace('\\', '/');
            Path p = Path.of(r);
            if (p.isAbsolute()) {
                candidates.add(p.normalize());
            } else {
                if (r.startsWith("experiments/")) candidates.add(experimentsDir.resolve(r.substring(12)).normalize());
                candidates.add(experimentsDir.resolve(r).normalize());
                Path rd = resultsFile == null ? null : resultsFile.getParent();
                if (rd != null && rd.getParent() != null) candidates.add(rd.getParent().resolve(r).normalize());
                candidates.add(projectRoot.resolve(r).normalize());
                candidates.add(projectRoot.resolve("target").resolve(r).normalize());
            }
        } catch (InvalidPathException e) {
            tried.add(ref + " (not a valid path)");
            return null;
        }
        List<Path> seen = new ArrayList<>();
        for (Path c : candidates) {
            if (Files.isRegularFile(c)) return c;
            seen.add(c);
        }
        for (Path c : seen) tried.add(c.toString());
        return null;
    }
}
