package org.saddlecheck.guard;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.saddlecheck.util.Require;

/**
 * The golden-trajectory baseline in git: one JSON file per trajectory, {@code <id>.json}, under
 * {@code src/test/resources/baseline/trajectories/} ({@link #RELATIVE_DIRECTORY}). {@link #check} recomputes every
 * trajectory and compares it with its file ({@link TrajectoryComparator}, {@link Tolerance}); {@link #rebaseline}
 * rewrites the files on purpose (each through a temporary file and an atomic move), so that {@code git diff} shows
 * what changed. {@code ./mvnw verify} runs the check; {@code ./mvnw verify -Dsaddlecheck.rebaseline} rewrites.
 */
public final class GoldenBaseline {
    private GoldenBaseline() {}

    /** The command that rewrites the baseline (quoted in failure messages). */
    public static final String REBASELINE_COMMAND = "./mvnw verify -Dsaddlecheck.rebaseline";

    /** System property that asks for a rebaseline (see {@link #rebaselineRequested(String)}). */
    public static final String REBASELINE_PROPERTY = "saddlecheck.rebaseline";

    /** System property with the project's base directory (the pom passes it to failsafe). */
    public static final String BASEDIR_PROPERTY = "saddlecheck.basedir";

    /** The baseline directory relative to the project root. */
    public static final Path RELATIVE_DIRECTORY = Path.of("src", "test", "resources", "baseline", "trajectories");

    /** How many moved entries a message lists per trajectory before summarising the rest. */
    public static final int MAX_LISTED = 8;

    /** The baseline directory of a project root. */
    public static Path directory(Path basedir) {
        return Require.notNull("basedir", basedir).resolve(RELATIVE_DIRECTORY);
    }

    /** The file name of a trajectory's baseline: {@code <id>.json}. */
    public static String fileName(GoldenTrajectory t) {
        return Require.notNull("trajectory", t).id() + ".json";
    }

    /**
     * Whether the value of {@code -Dsaddlecheck.rebaseline} asks for a rebaseline: null (not set) and "false" do not;
     * "" (set without a value) and "true" do (case-insensitive; Maven turns a bare {@code -Dname} into "true").
     * Anything else is rejected, so that a typo does not silently run the check instead.
     */
    public static boolean rebaselineRequested(String value) {
        if (value == null) return false;
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.isEmpty() || v.equals("true")) return true;
        if (v.equals("false")) return false;
        throw new IllegalArgumentException(REBASELINE_PROPERTY + " = " + value + " is not allowed: " + REBASELINE_PROPERTY
                + " must be absent, empty, true or false");
    }

    /**
     * Recomputes one trajectory and compares it with its recorded file text. Empty when it agrees within the
     * trajectory's tolerance; otherwise the message naming the trajectory and every moved entry (from what, to what).
     * A trajectory that now fails to run (e.g. diverges) counts as moved.
     */
    public static Optional<String> compare(GoldenTrajectory t, String baselineText) {
        Require.notNull("trajectory", t);
        JsonNode was = GoldenJson.read("baseline of " + t.id(), baselineText);
        GoldenSnapshot now;
        try {
            now = t.run();
        } catch (RuntimeException e) {
            return Optional.of("trajectory " + t.id() + " moved: it no longer runs (" + e + ")");
        }
        List<Difference> diffs = TrajectoryComparator.compare(was, now.toJson(), t.tolerance());
        if (diffs.isEmpty()) return Optional.empty();
        return Optional.of(message(t, now, diffs));
    }

    private static String message(GoldenTrajectory t, GoldenSnapshot now, List<Difference> diffs) {
        StringBuilder s = new StringBuilder("trajectory ").append(t.id()).append(" moved (").append(now.optimizer())
                .append(" on ").append(now.fixture()).append(", seed ").append(now.seed()).append(" stream ")
                .append(now.stream()).append(", ").append(now.steps()).append(" steps): ").append(diffs.size())
                .append(diffs.size() == 1 ? " entry" : " entries").append(" beyond tolerance");
        int n = Math.min(MAX_LISTED, diffs.size());
        for (int i = 0; i < n; i++) s.append("\n    ").append(diffs.get(i).describe(t.tolerance()));
        if (diffs.size() > n) s.append("\n    ... and ").append(diffs.size() - n).append(" more");
        return s.toString();
    }

    /**
     * The outcome of a check.
     *
     * @param checked number of trajectories compared with an existing file
     * @param moved   one message per moved trajectory
     * @param missing one message per trajectory without a baseline file
     * @param stale   one message per baseline file without a trajectory in the catalogue
     */
    public record CheckReport(int checked, List<String> moved, List<String> missing, List<String> stale) {
        public CheckReport {
            moved = List.copyOf(moved);
            missing = List.copyOf(missing);
            stale = List.copyOf(stale);
        }

        public boolean ok() {
            return moved.isEmpty() && missing.isEmpty() && stale.isEmpty();
        }

        /** A summary line followed by every problem. */
        public String message() {
            StringBuilder s = new StringBuilder("golden trajectories: ").append(checked).append(" checked, ")
                    .append(moved.size()).append(" moved, ").append(missing.size()).append(" missing, ")
                    .append(stale.size()).append(" stale");
            for (String m : moved) s.append("\n  ").append(m);
            for (String m : missing) s.append("\n  ").append(m);
            for (String m : stale) s.append("\n  ").append(m);
            if (!ok()) {
                s.append("\nIf the change is intended, rewrite the baseline with `").append(REBASELINE_COMMAND)
                        .append("` and review `git diff ").append(RELATIVE_DIRECTORY.toString().replace('\\', '/')).append("`.");
            }
            return s.toString();
        }
    }

    /** Compares every trajectory with its file in {@code dir}; files without a trajectory are reported as stale. */
    public static CheckReport check(Path dir, List<GoldenTrajectory> trajectories) {
        Require.notNull("dir", dir);
        Require.notNull("trajectories", trajectories);
        List<String> moved = new ArrayList<>(), missing = new ArrayList<>(), stale = new ArrayList<>();
        Set<String> expected = new HashSet<>();
        int checked = 0;
        for (GoldenTrajectory t : trajectories) {
            String name = fileName(t);
            if (!expected.add(name)) throw new IllegalArgumentException("trajectory id " + t.id() + " appears twice");
            Path file = dir.resolve(name);
            if (!Files.isRegularFile(file)) {
                missing.add("trajectory " + t.id() + " has no baseline file " + file + ": run `" + REBASELINE_COMMAND
                        + "` to record it");
                continue;
            }
            checked++;
            try {
                compare(t, Files.readString(file, StandardCharsets.UTF_8)).ifPresent(moved::add);
            } catch (IllegalArgumentException e) {
                moved.add("baseline file " + file + " of trajectory " + t.id() + " cannot be read: " + e.getMessage()
                        + "; run `" + REBASELINE_COMMAND + "` to rewrite it");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        for (String f : baselineFiles(dir)) {
            if (!expected.contains(f)) {
                stale.add("baseline file " + dir.resolve(f) + " is stale: no golden trajectory in GoldenTrajectories generates "
                        + f.substring(0, f.length() - ".json".length()) + "; delete it or run `" + REBASELINE_COMMAND + "`");
            }
        }
        return new CheckReport(checked, moved, missing, stale);
    }

    /**
     * The outcome of a rebaseline.
     *
     * @param created   ids of new files
     * @param changed   one message per rewritten file whose values moved (as {@link #compare} words it) or whose
     *                  text changed within tolerance
     * @param removed   names of deleted stale files
     * @param unchanged number of files left as they were (same text)
     */
    public record RebaselineReport(List<String> created, List<String> changed, List<String> removed, int unchanged) {
        public RebaselineReport {
            created = List.copyOf(created);
            changed = List.copyOf(changed);
            removed = List.copyOf(removed);
        }

        public String summary() {
            StringBuilder s = new StringBuilder("golden trajectories rebaselined: ").append(created.size()).append(" new, ")
                    .append(changed.size()).append(" changed, ").append(removed.size()).append(" removed, ")
                    .append(unchanged).append(" unchanged");
            for (String c : created) s.append("\n  new: ").append(c);
            for (String c : changed) s.append("\n  changed: ").append(c);
            for (String c : removed) s.append("\n  removed (stale): ").append(c);
            return s.toString();
        }
    }

    /**
     * Rewrites the baseline: every trajectory's file whose text differs from the recomputed snapshot is replaced
     * (temporary file in the same directory, then an atomic move), new ones are created, and {@code *.json} files
     * without a trajectory are deleted. Files whose text is already right are not touched. Every trajectory is
     * computed before the first file is written, so a trajectory that fails to run leaves the directory as it was.
     */
    public static RebaselineReport rebaseline(Path dir, List<GoldenTrajectory> trajectories) {
        Require.notNull("dir", dir);
        Require.notNull("trajectories", trajectories);
        List<String> names = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        Set<String> expected = new HashSet<>();
        for (GoldenTrajectory t : trajectories) {
            String name = fileName(t);
            if (!expected.add(name)) throw new IllegalArgumentException("trajectory id " + t.id() + " appears twice");
            names.add(name);
            texts.add(t.run().toText());
        }
        List<String> created = new ArrayList<>(), changed = new ArrayList<>(), removed = new ArrayList<>();
        int unchanged = 0;
        try {
            Files.createDirectories(dir);
            for (int i = 0; i < names.size(); i++) {
                GoldenTrajectory t = trajectories.get(i);
                Path file = dir.resolve(names.get(i));
                String text = texts.get(i);
                if (Files.isRegularFile(file)) {
                    String old = Files.readString(file, StandardCharsets.UTF_8);
                    if (old.equals(text)) {
                        unchanged++;
                        continue;
                    }
                    changed.add(describeChange(t, old, text));
                } else {
                    created.add(t.id());
                }
                writeAtomically(file, text);
            }
            for (String f : baselineFiles(dir)) {
                if (!expected.contains(f)) {
                    Files.delete(dir.resolve(f));
                    removed.add(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite the golden-trajectory baseline in " + dir, e);
        }
        return new RebaselineReport(created, changed, removed, unchanged);
    }

    private static String describeChange(GoldenTrajectory t, String oldText, String newText) {
        JsonNode was;
        try {
            was = GoldenJson.read("old baseline of " + t.id(), oldText);
        } catch (IllegalArgumentException e) {
            return t.id() + " (old file unreadable: " + e.getMessage() + ")";
        }
        JsonNode now = GoldenJson.read("new baseline of " + t.id(), newText);
        List<Difference> diffs = TrajectoryComparator.compare(was, now, t.tolerance());
        if (diffs.isEmpty()) return t.id() + " (text only, values within tolerance)";
        StringBuilder s = new StringBuilder(t.id()).append(": ").append(diffs.size()).append(diffs.size() == 1 ? " entry" : " entries")
                .append(" beyond tolerance");
        int n = Math.min(MAX_LISTED, diffs.size());
        for (int i = 0; i < n; i++) s.append("\n      ").append(diffs.get(i).describe(t.tolerance()));
        if (diffs.size() > n) s.append("\n      ... and ").append(diffs.size() - n).append(" more");
        return s.toString();
    }

    /** Writes text to a temporary sibling, then moves it over the target atomically (plain replace where unsupported). */
    static void writeAtomically(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Names of the {@code *.json} files in dir, sorted (none if dir does not exist). */
    static List<String> baselineFiles(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            Set<String> names = new TreeSet<>();
            s.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json") && !n.startsWith(".")).forEach(names::add);
            return List.copyOf(names);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
