package org.saddlecheck.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.saddlecheck.util.Require;

/**
 * Writes saddlecheck's HTML report from saved results: one or more claims.json files ("shards", merged by
 * claim id, later files winning) plus the experiments' CSV/JSON. Never runs a claim.
 *
 * <p>Layout of the output directory (default {@code reports/} at the project root):
 * <pre>
 * index.html              summary + sortable/filterable verdict table (inline JS/CSS, works offline)
 * README.md               preserved when present, else a short description is written
 * .saddlecheck-report     marker: only a directory that is new, empty or recognisably a report is replaced
 * claims/ID.html          one page per claim (ID sanitised to [A-Za-z0-9._-])
 * claims/ID.json          the claim's entry of claims.json, pretty-printed
 * claims/ID.series.csv    the claim's series (wide format), when it has any
 * claims/ID.NAME.svg|csv  each chart (NAME = tightness, rate, curves-1, …) and its data
 * claims/ID.FILE.json     copies of experiment JSON files the claim refers to
 * </pre>
 * The whole directory is built in a temporary sibling and swapped in with atomic moves, so a failing run
 * leaves the previous report untouched. Because the old directory is deleted, {@code outDir} must not exist, be
 * empty, or be a previous report (marker file, or only README.md, index.html, claims/, assets/); any other
 * directory is refused with an {@link IllegalArgumentException} naming it. See {@code package-info} for the series and curves conventions.
 */
public final class ReportGenerator {
    static {
        headless();
    }

    /** Sets {@code java.awt.headless=true} unless the caller decided otherwise; charts need no display. */
    static void headless() {
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    /**
     * What was written.
     *
     * @param outDir    the report directory
     * @param index     its index.html
     * @param claims    number of claims (after merging)
     * @param warnings  problems that did not stop the report (missing experiment files, merge conflicts, …)
     */
    public record GeneratedReport(Path outDir, Path index, int claims, List<String> warnings) {
        public GeneratedReport {
            warnings = List.copyOf(warnings);
        }
    }

    /** Called after each file written into the temporary directory; tests use it to inject failures. */
    @FunctionalInterface
    interface WriteHook {
        void written(Path file) throws IOException;
    }

    private final WriteHook hook;

    private ReportGenerator(WriteHook hook) {
        this.hook = hook;
    }

    /**
     * Generates the report.
     *
     * @param resultsFiles   claims.json files, merged in order (a claim id found again replaces the earlier entry)
     * @param experimentsDir the experiments directory (default {@code target/experiments}); null means
     *                       {@code projectRoot/target/experiments}
     * @param projectRoot    the project root: proofs-notes/ links and target/pit-reports are resolved against it
     * @param outDir         the report directory to (re)place, e.g. {@code projectRoot/reports}
     * @return what was written
     * @throws IllegalArgumentException on missing or malformed inputs (naming the offending file or field), or when
     *                                  {@code outDir} is an existing directory that is not a saddlecheck report
     * @throws IOException              if writing fails; the previous report is then left as it was
     */
    public static GeneratedReport generate(List<Path> resultsFiles, Path experimentsDir, Path projectRoot, Path outDir)
            throws IOException {
        return generate(resultsFiles, experimentsDir, projectRoot, outDir, f -> {});
    }

    /**
     * The default layout: {@code target/claims/claims.json} and {@code target/experiments} into
     * {@code reports/}, all under {@code projectRoot}.
     */
    public static GeneratedReport generateDefault(Path projectRoot) throws IOException {
        Require.notNull("projectRoot", projectRoot);
        return generate(List.of(projectRoot.resolve("target/claims/claims.json")), projectRoot.resolve("target/experiments"),
                projectRoot, projectRoot.resolve("reports"));
    }

    static GeneratedReport generate(List<Path> resultsFiles, Path experimentsDir, Path projectRoot, Path outDir,
                                    WriteHook hook) throws IOException {
        Require.notNull("resultsFiles", resultsFiles);
        Require.that(!resultsFiles.isEmpty(), "resultsFiles", "[]", "a non-empty list of claims.json files");
        for (int i = 0; i < resultsFiles.size(); i++) Require.notNull("resultsFiles[" + i + "]", resultsFiles.get(i));
        Require.notNull("projectRoot", projectRoot);
        Require.notNull("outDir", outDir);
        Path root = projectRoot.toAbsolutePath().normalize();
        Require.that(Files.isDirectory(root), "projectRoot", projectRoot, "an existing directory");
        Path out = outDir.toAbsolutePath().normalize();
        Require.that(!Files.exists(out) || Files.isDirectory(out), "outDir", outDir, "a directory or a path that does not exist yet");
        Require.that(out.getParent() != null, "outDir", outDir, "a directory below a parent directory (not a file-system root)");
        AtomicDirectory.checkReplaceable(out);
        Path exp = experimentsDir == null ? root.resolve("target/experiments") : experimentsDir.toAbsolutePath().normalize();
        List<RunResults> shards = new ArrayList<>();
        for (Path f : resultsFiles) shards.add(ResultsReader.read(f));
        MergedResults merged = MergedResults.merge(shards);
        ReportGenerator g = new ReportGenerator(hook);
        List<String> warnings = new ArrayList<>();
        AtomicDirectory.replace(out, tmp -> g.build(merged, exp, root, out, tmp, warnings));
        return new GeneratedReport(out, out.resolve("index.html"), merged.claims().size(), warnings);
    }

    // ------------------------------------------------------------------ building

    private void build(MergedResults m, Path experimentsDir, Path root, Path finalOut, Path tmp, List<String> warnings)
            throws IOException {
        Path readme = finalOut.resolve("README.md");
        if (Files.isRegularFile(readme)) {
            Files.copy(readme, tmp.resolve("README.md"), StandardCopyOption.COPY_ATTRIBUTES);
            hook.written(tmp.resolve("README.md"));
        } else {
            write(tmp.resolve("README.md"), DEFAULT_README);
        }
        write(tmp.resolve(AtomicDirectory.MARKER), MARKER_TEXT);
        Path claimsDir = Files.createDirectories(tmp.resolve("claims"));
        Map<String, String> stems = stems(m);
        ExperimentFiles files = new ExperimentFiles(experimentsDir, root);
        Path finalClaims = finalOut.resolve("claims");
        for (MergedResults.MergedClaim mc : m.claims()) {
            buildClaim(mc, m, stems.get(mc.claim().id()), files, root, finalClaims, claimsDir, warnings);
        }
        List<String[]> pit = pitReports(root.resolve("target/pit-reports"), finalOut);
        String index = ReportPages.index(m, id -> "claims/" + encode(stems.get(id)) + ".html", pit, warnings);
        write(tmp.resolve("index.html"), index);
    }

    /**
     * The PIT reports under {@code pitDir} as (label, href relative to {@code fromDir}): {@code pitDir/index.html}
     * itself, then each execution's {@code pitDir/NAME/index.html} (sorted by name; for timestamped reports the
     * newest {@code pitDir/NAME/STAMP/index.html}). Empty when PIT has not run.
     */
    static List<String[]> pitReports(Path pitDir, Path fromDir) throws IOException {
        List<String[]> out = new ArrayList<>();
        if (!Files.isDirectory(pitDir)) return out;
        if (Files.isRegularFile(pitDir.resolve("index.html"))) out.add(new String[] {"all", href(fromDir, pitDir.resolve("index.html"))});
        for (Path sub : sortedSubdirectories(pitDir)) {
            String name = sub.getFileName().toString();
            if (Files.isRegularFile(sub.resolve("index.html"))) {
                out.add(new String[] {name, href(fromDir, sub.resolve("index.html"))});
                continue;
            }
            List<Path> stamped = sortedSubdirectories(sub).stream().filter(d -> Files.isRegularFile(d.resolve("index.html"))).toList();
            if (!stamped.isEmpty()) {
                Path latest = stamped.get(stamped.size() - 1);
                out.add(new String[] {name + " (" + latest.getFileName() + ")", href(fromDir, latest.resolve("index.html"))});
            }
        }
        return out;
    }

    private static List<Path> sortedSubdirectories(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(java.util.Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
    }

    private void buildClaim(MergedResults.MergedClaim mc, MergedResults m, String stem, ExperimentFiles files, Path root,
                            Path finalClaims, Path dir, List<String> warnings) throws IOException {
        ClaimRecord c = mc.claim();
        RunResults shard = m.shardOf(mc);
        List<String> notes = new ArrayList<>();
        List<ReportPages.FigureView> figures = new ArrayList<>();
        String prefix = "c-" + stem.replaceAll("[^A-Za-z0-9_-]", "_");

        double[] ratios = c.series("ratios");
        if (ratios != null) {
            ReportCharts.Chart ch = ReportCharts.tightness(prefix, c.id(), ratios, c.tightness());
            if (ch == null) notes.add("Series \"ratios\" has no finite positive value; no tightness chart.");
            else figures.add(figure(dir, stem, ch));
        }
        double[] xs = c.series("x");
        double[] ys = c.series("y");
        if (xs != null && ys != null) {
            if (xs.length != ys.length) {
                notes.add("Series \"x\" (" + xs.length + " values) and \"y\" (" + ys.length + ") differ in length; "
                        + "the first " + Math.min(xs.length, ys.length) + " pairs are drawn.");
            }
            double[] ic = c.series("intercept");
            RateLabels.Labels axes = RateLabels.of(c.details(), xs, ys, c.exponent());
            ReportCharts.Chart ch = ReportCharts.rate(prefix, c.id(), xs, ys, c.series("yLow"), c.series("yHigh"), c.exponent(),
                    ic != null && ic.length > 0 ? ic[0] : Double.NaN, axes.x(), axes.y());
            if (ch == null) notes.add("Series \"x\"/\"y\" have no pair with x > 0 and y > 0; no rate chart.");
            else figures.add(figure(dir, stem, ch));
        } else if (xs != null || ys != null) {
            notes.add("A rate chart needs both series \"x\" and \"y\"; only one is present.");
        }
        List<String> problems = new ArrayList<>();
        List<Curves.Spec> specs = Curves.specs(c.details(), problems);
        int k = 0;
        for (Curves.Spec spec : specs) {
            k++;
            List<String> tried = new ArrayList<>();
            Path csv = files.resolve(spec.csv(), shard.source(), tried);
            if (csv == null) {
                problems.add("Curves CSV " + spec.csv() + " not found (looked in: " + String.join(", ", tried) + ").");
                continue;
            }
            Csv.Table table = Csv.read(csv);
            List<Curves.Line> lines = Curves.lines(spec, table, problems);
            if (lines.isEmpty()) {
                if (problems.isEmpty()) problems.add("Curves CSV " + spec.csv() + " has no drawable rows.");
                continue;
            }
            ReportCharts.Chart ch = ReportCharts.curves(prefix, c.id(), "curves-" + k, spec, lines);
            if (ch == null) problems.add("Curves CSV " + spec.csv() + " has no drawable points.");
            else figures.add(figure(dir, stem, ch));
        }
        List<ReportPages.TableView> tables = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (String ref : Curves.strings(c.details().path("experimentJson"))) {
            List<String> tried = new ArrayList<>();
            Path f = files.resolve(ref, shard.source(), tried);
            if (f == null) {
                problems.add("Experiment JSON " + ref + " not found (looked in: " + String.join(", ", tried) + ").");
                continue;
            }
            JsonNode node;
            try {
                node = ResultsReader.MAPPER.readTree(f.toFile());
            } catch (IOException e) {
                problems.add("Experiment JSON " + ref + " could not be parsed: " + e.getMessage());
                continue;
            }
            String base = safe(f.getFileName().toString().replaceFirst("(?i)\\.json$", ""));
            String name = stem + "." + base + ".json";
            for (int n = 2; !used.add(name.toLowerCase(Locale.ROOT)); n++) name = stem + "." + base + "-" + n + ".json";
            write(dir.resolve(name), ResultsReader.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node));
            tables.add(new ReportPages.TableView("Experiment data: " + ref, node.isObject() ? DetailsHtml.table(node)
                    : DetailsHtml.table(ResultsReader.MAPPER.createObjectNode().set("value", node)), name));
        }
        notes.addAll(problems);
        for (String p : problems) warnings.add(c.id() + ": " + p);

        List<String[]> downloads = new ArrayList<>();
        write(dir.resolve(stem + ".json"), ResultsReader.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(c.raw()));
        downloads.add(new String[] {stem + ".json", "this claim's entry of claims.json (JSON)"});
        if (!c.series().isEmpty()) {
            write(dir.resolve(stem + ".series.csv"), seriesCsv(c.series()));
            downloads.add(new String[] {stem + ".series.csv", "all series of this claim (CSV, one column per series)"});
        }

        String noteRel = c.proofNote().isBlank() ? "proofs-notes/" + c.id() + ".md" : c.proofNote();
        Path note = root.resolve(noteRel).normalize();
        String noteHref = null, noteStatement = null;
        if (Files.isRegularFile(note)) {
            // the note goes into the report (notes/STEM.html), so its link resolves wherever the report is opened
            String md = Files.readString(note, java.nio.charset.StandardCharsets.UTF_8);
            Path notesDir = Files.createDirectories(dir.resolveSibling("notes"));
            write(notesDir.resolve(stem + ".html"), ProofNotes.page(c.id(), md, "../claims/" + encode(stem) + ".html", noteRel));
            noteHref = "../notes/" + encode(stem) + ".html";
            String st = ProofNotes.statementMarkdown(md);
            noteStatement = st == null ? null : ProofNotes.html(st);
        } else {
            warnings.add(c.id() + ": no proofs note at " + noteRel);
        }
        ReportPages.ClaimView view = new ReportPages.ClaimView(mc, shard, stem, m.shards().size(), noteHref, noteRel,
                noteStatement, figures, tables, notes, downloads);
        write(dir.resolve(stem + ".html"), ReportPages.claim(view));
    }

    private ReportPages.FigureView figure(Path dir, String stem, ReportCharts.Chart ch) throws IOException {
        String svg = stem + "." + ch.name() + ".svg";
        String csv = stem + "." + ch.name() + ".csv";
        write(dir.resolve(svg), ch.svgDocument());
        write(dir.resolve(csv), ch.csv());
        return new ReportPages.FigureView(ch, svg, csv);
    }

    /** Wide CSV: a row index column then one column per series; shorter series and NaN leave blanks. */
    static String seriesCsv(Map<String, double[]> series) {
        List<String> names = new ArrayList<>(series.keySet());
        Object[] head = new Object[names.size() + 1];
        head[0] = "index";
        for (int i = 0; i < names.size(); i++) head[i + 1] = names.get(i);
        Csv.Writer w = new Csv.Writer().row(head);
        int rows = 0;
        for (double[] a : series.values()) rows = Math.max(rows, a.length);
        for (int r = 0; r < rows; r++) {
            Object[] row = new Object[names.size() + 1];
            row[0] = r;
            for (int i = 0; i < names.size(); i++) {
                double[] a = series.get(names.get(i));
                row[i + 1] = r < a.length ? (Object) a[r] : "";
            }
            w.row(row);
        }
        return w.toString();
    }

    private void write(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
        hook.written(file);
    }

    // ------------------------------------------------------------------ names and links

    /** File-name stems for claim ids: [A-Za-z0-9._-] kept, others '_'; case-insensitive collisions get "-2", "-3"… */
    static Map<String, String> stems(MergedResults m) {
        Map<String, String> out = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        for (MergedResults.MergedClaim c : m.claims()) {
            String base = safe(c.claim().id());
            String s = base;
            for (int n = 2; !used.add(s.toLowerCase(Locale.ROOT)); n++) s = base + "-" + n;
            out.put(c.claim().id(), s);
        }
        return out;
    }

    /** A file-name-safe version of an id. */
    static String safe(String id) {
        String s = id.replaceAll("[^A-Za-z0-9._-]", "_");
        if (s.startsWith(".")) s = "_" + s.substring(1);
        if (s.isEmpty()) s = "_";
        if (s.length() > 120) s = s.substring(0, 120);
        return s;
    }

    /** Relative link from directory {@code fromDir} to {@code target}, '/'-separated and percent-encoded. */
    static String href(Path fromDir, Path target) {
        Path from = fromDir.toAbsolutePath().normalize();
        Path to = target.toAbsolutePath().normalize();
        if (from.getRoot() == null || !from.getRoot().equals(to.getRoot())) return to.toUri().toString();
        Path rel = from.relativize(to);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < rel.getNameCount(); i++) {
            if (i > 0) b.append('/');
            b.append(encode(rel.getName(i).toString()));
        }
        return b.toString();
    }

    /** Percent-encodes one path segment for an href (unreserved characters kept). */
    static String encode(String segment) {
        try {
            String s = new URI(null, null, segment, null).getRawPath();
            return s.replace(":", "%3A").replace("?", "%3F").replace("#", "%23");
        } catch (java.net.URISyntaxException e) {
            throw new UncheckedIOException(new IOException("cannot encode path segment " + segment, e));
        }
    }

    static final String MARKER_TEXT = """
            This directory was written by `saddlecheck report` and is replaced as a whole on the next run
            (README.md is kept). Other files put here are deleted then.
            """;

    static final String DEFAULT_README = """
            # reports/

            `./mvnw verify` writes the HTML report here (`index.html` and one page per claim under `claims/`).
            `java -jar target/saddlecheck.jar report [--results FILE]... [--out DIR]` rebuilds it from saved results.
            The generated files are not kept in git; open `index.html` from the file system after a run.
            """;
}
