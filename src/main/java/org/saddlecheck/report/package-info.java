/**
 * saddlecheck's HTML report, made from saved results only: {@code claims.json} files written by the claim engine
 * and the CSV/JSON the experiments write (default {@code target/experiments/NAME/}). Entry point:
 * {@link org.saddlecheck.report.ReportGenerator#generate(java.util.List, java.nio.file.Path, java.nio.file.Path,
 * java.nio.file.Path)}. The report reads claims.json with its own model ({@link org.saddlecheck.report.RunResults},
 * {@link org.saddlecheck.report.ClaimRecord}); it does not depend on the claim engine's classes.
 *
 * <h2>Charts a claim gets (data-driven, not kind-driven)</h2>
 * Numbers in {@code series} may be {@code null} or NaN; such points are skipped (and counted in the caption).
 * <ul>
 *   <li><b>Tightness chart</b>: series {@code "ratios"} = observed/bound, one value per instance. Drawn sorted
 *       ascending against rank on a log axis with a reference line at 1, the region above 1 shaded, and the
 *       largest ratio labelled with {@code tightness.worst}. Non-positive ratios cannot be drawn on a log axis and
 *       are skipped.</li>
 *   <li><b>Rate chart</b> (log-log): series {@code "x"} (the sweep parameter, e.g. η) and {@code "y"} (the
 *       statistic at each x, e.g. the q95 of the error), same length; optional {@code "yLow"}/{@code "yHigh"}
 *       (per-point CI, drawn as error bars). The fitted line has slope {@code exponent.fitted} and intercept
 *       {@code series.intercept[0]} when given — the natural-log intercept b of ln y = b + slope·ln x — otherwise
 *       the least-squares intercept for that slope. The predicted slope ({@code exponent.predicted}) is drawn
 *       dashed through the fitted line's value at the geometric centre of x, and the band between the slopes
 *       {@code exponent.ciLow} and {@code exponent.ciHigh} through the same point. Without an exponent the report
 *       fits the slope by least squares and says so. Axis titles: {@code details.rateXLabel},
 *       {@code details.rateYLabel}; when a claim sets none, {@code curvesXLabel}/{@code curvesYLabel} of a claim
 *       without a curves chart, else the name of the details field holding the same numbers as the series
 *       ({@code instances[].eta} gives "η"), else "sweep parameter" / "statistic (predicted ∝ x^p)"
 *       ({@link org.saddlecheck.report.RateLabels}).</li>
 *   <li><b>Curves chart(s)</b> (reproductions): see below.</li>
 * </ul>
 * Every chart is inlined as SVG in the claim page and written next to it as {@code ID.NAME.svg} (download link)
 * with its data as {@code ID.NAME.csv}.
 *
 * <h2>Curves contract</h2>
 * An experiment writes a CSV in long format: a header row, then one row per (group, x) with key columns that
 * identify the line (e.g. {@code method,eta}), the x column, the y column and optionally two band columns.
 * FIG1 writes {@code fig1.csv} with columns {@code method,eta,iteration,mean,q10,q50,q90}. A claim refers to it
 * from its {@code details}:
 * <pre>
 * "curvesCsv":   "experiments/fig1/fig1.csv",   // required; see below for how the path is resolved
 * "curvesX":     "iteration",                   // default "x"
 * "curvesY":     "mean",                        // default "mean"
 * "curvesGroup": ["method", "eta"],             // string or array; default: one line for all rows
 * "curvesBand":  ["q10", "q90"],                // optional [lower, upper]: shaded band around each line
 * "curvesYLabel": "objective f(x_t)",           // optional axis titles (default: the column names)
 * "curvesXLabel": "iteration t",
 * "curvesTitle": "...",                         // optional chart title
 * "curvesLogX": false, "curvesLogY": false,     // optional log axes (non-positive values skipped)
 * "curvesFilter": {"method": ["RMSProp"]},      // optional: keep rows whose column value is listed
 * "curvesRefLines": [{"value": -0.01265, "label": "f*"}]  // optional horizontal reference lines
 * </pre>
 * For several charts use {@code "curves": [ {csv, x, y, group, band, xLabel, yLabel, title, logX, logY,
 * filter, refLines}, ... ]} with the same meanings (both forms may be used together). Line labels are the
 * group values, numeric ones as {@code name=value} ("SGD, eta=0.01"). Rows with a missing or non-finite x or y
 * are skipped (and reported); missing band cells fall back to the line's value. Lines longer than 1500 points
 * are thinned in the SVG only; the chart's CSV keeps all rows.
 * <p>{@code details.experimentJson} (string or array) names experiment JSON files (e.g. FIG1's {@code fig1.json}
 * with its {@code runs} summary); each is rendered as a table on the claim page and copied next to it.
 * <p>Paths are resolved, first match wins: a leading {@code experiments/} segment replaced by the experiments
 * directory; the experiments directory; the parent of the results file's directory (target/ for
 * target/claims/claims.json); the project root; the project's target/. A missing file is a note on the page and
 * in {@link org.saddlecheck.report.ReportGenerator.GeneratedReport#warnings()}, never a failure.
 *
 * <h2>Other details keys the report understands</h2>
 * {@code details.assumptions} (string, array of strings, or object name → text) is listed under the statement.
 * All other details are shown as a key/value table (nested objects as sub-tables, arrays of objects as tables,
 * long arrays folded, deeper nesting as compact JSON).
 */
package org.saddlecheck.report;
