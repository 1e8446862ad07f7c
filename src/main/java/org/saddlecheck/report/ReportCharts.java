package org.saddlecheck.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYPointerAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jfree.svg.MeetOrSlice;
import org.jfree.svg.PreserveAspectRatio;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * The report's charts, drawn with JFreeChart into JFreeSVG's {@link SVGGraphics2D} (headless AWT): the
 * tightness chart (observed/bound per instance on a log scale, ratio 1 marked, worst case labelled), the
 * rate chart (log-log sweep with the fitted line, the predicted slope and the slope's confidence band) and
 * the curves chart (reproduction curves with quantile bands). Each chart comes with its data as CSV.
 */
final class ReportCharts {
    static {
        ReportGenerator.headless();
        // Rotated labels (the y-axis title) as SVG <text> rather than glyph outlines: selectable, small files.
        org.jfree.chart.text.TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    static final int WIDTH = 760;
    static final int HEIGHT = 440;
    /** Points per line above which a curves line is thinned (every k-th point, last kept) for the SVG. */
    static final int MAX_POINTS_PER_LINE = 1500;

    /** Okabe–Ito colour-blind-safe palette (yellow dropped: unreadable on white). */
    private static final Color[] PALETTE = {new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73),
        new Color(0xCC79A7), new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000), new Color(0x999999)};
    private static final Color BOUND = new Color(0xB2182B);
    private static final Color LABEL_BACKGROUND = new Color(255, 255, 255, 210);
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Font SUBTITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private ReportCharts() {}

    /**
     * A rendered chart.
     *
     * @param name       file stem suffix ("tightness", "rate", "curves-1")
     * @param svgElement the {@code <svg>} element to inline in a page (ids prefixed so several charts can share a page)
     * @param svgDocument a standalone SVG document for download
     * @param csv        the plotted data as CSV
     * @param caption    plain-text caption
     */
    record Chart(String name, String title, String svgElement, String svgDocument, String csv, String caption) {}

    // ------------------------------------------------------------------ tightness

    /**
     * Observed/bound ratios sorted ascending against their rank, log y axis, a reference line at 1 and the
     * largest ratio labelled with {@code worst}. Non-finite and non-positive ratios cannot be drawn on a log
     * axis; they are skipped and counted in the caption. Returns null when no ratio is drawable.
     */
    static Chart tightness(String idPrefix, String claimId, double[] ratios, TightnessData t) {
        int n = ratios.length;
        Integer[] order = new Integer[n];
        int m = 0;
        for (int i = 0; i < n; i++) if (Double.isFinite(ratios[i]) && ratios[i] > 0) order[m++] = i;
        if (m == 0) return null;
        Integer[] idx = Arrays.copyOf(order, m);
        Arrays.sort(idx, (a, b) -> Double.compare(ratios[a], ratios[b]));
        XYSeries s = new XYSeries("observed / bound (" + m + " instance" + (m == 1 ? "" : "s") + ", sorted)", false, true);
        Csv.Writer csv = new Csv.Writer().row("rank", "instance", "ratio");
        int stride = Math.max(1, (m + MAX_POINTS_PER_LINE - 1) / MAX_POINTS_PER_LINE);
        for (int r = 0; r < m; r++) {
            if (r % stride == 0 || r == m - 1) s.add(r + 1, ratios[idx[r]]); // thinned for the SVG only
            csv.row(r + 1, idx[r], ratios[idx[r]]);
        }
        double lo = ratios[idx[0]];
        double hi = ratios[idx[m - 1]];
        XYPlot plot = new XYPlot();
        plot.setDataset(0, new XYSeriesCollection(s));
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        r.setDrawSeriesLineAsPath(true);
        r.setSeriesPaint(0, PALETTE[0]);
        r.setSeriesStroke(0, new BasicStroke(1.5f));
        r.setSeriesShape(0, dot(3.5));
        r.setSeriesShapesVisible(0, m <= 200); // beyond that the markers would only blur the profile
        plot.setRenderer(0, r);
        NumberAxis x = new NumberAxis("instance rank (sorted by observed/bound)");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setRange(0.5, Math.max(m, 1) + 0.5);
        LogarithmicAxis y = logAxis("observed / bound (log scale)");
        double yLo = Math.min(lo, 1.0) / 4;
        double yHi = Math.max(hi, 1.0) * 4;
        y.setRange(yLo, yHi);
        plot.setDomainAxis(x);
        plot.setRangeAxis(y);
        IntervalMarker violation = new IntervalMarker(1.0, yHi * 10, new Color(0xB2182B), new BasicStroke(0f), null, null, 0.07f);
        plot.addRangeMarker(violation, Layer.BACKGROUND);
        XYTextAnnotation vl = new XYTextAnnotation("violation region (observed > bound)", 0.6, Math.sqrt(yHi * Math.max(yHi / 4, 1.0)));
        vl.setFont(TICK_FONT);
        vl.setPaint(BOUND);
        vl.setTextAnchor(TextAnchor.CENTER_LEFT);
        plot.addAnnotation(vl);
        ValueMarker one = new ValueMarker(1.0, BOUND, dashed(2f));
        one.setLabel("bound: observed / bound = 1");
        one.setLabelFont(TICK_FONT);
        one.setLabelPaint(BOUND);
        one.setLabelBackgroundColor(LABEL_BACKGROUND);
        one.setLabelAnchor(RectangleAnchor.LEFT);
        one.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        one.setLabelOffset(new RectangleInsets(4, 6, 4, 6));
        plot.addRangeMarker(one, Layer.FOREGROUND);
        String worst = t == null || t.worst().isBlank() ? "" : t.worst().strip();
        // a short label only, so that it does not cover the neighbouring points; the instance is named in the caption
        String label = "worst " + Html.num(hi);
        XYPointerAnnotation a = new XYPointerAnnotation(label, m, hi, m > 1 ? Math.PI * 0.72 : Math.PI * 0.28);
        a.setFont(TICK_FONT);
        a.setArrowPaint(Color.DARK_GRAY);
        a.setTextAnchor(m > 1 ? TextAnchor.CENTER_RIGHT : TextAnchor.CENTER_LEFT);
        a.setBaseRadius(44);
        a.setBackgroundPaint(LABEL_BACKGROUND);
        a.setTipRadius(6);
        plot.addAnnotation(a);
        String title = claimId + ": observed / bound";
        JFreeChart chart = chart(title, plot, true);
        int skipped = n - m;
        String sub = "min " + Html.num(lo) + " · median " + Html.num(median(ratios, idx)) + " · max " + Html.num(hi)
                + (skipped > 0 ? " · " + skipped + " non-finite or non-positive ratio(s) not drawn" : "");
        chart.addSubtitle(subtitle(sub));
        String[] svg = render(chart, idPrefix + "-tightness");
        String caption = "Observed/bound ratio of each of the " + m + " instances (sorted), log scale; values above 1 "
                + "would violate the bound." + (skipped > 0 ? " " + skipped + " non-finite or non-positive ratio(s) "
                + "could not be drawn on the log axis." : "") + (worst.isEmpty() ? "" : " Worst case: " + worst + ".");
        return new Chart("tightness", title, svg[0], svg[1], csv.toString(), caption);
    }

    private static double median(double[] v, Integer[] sortedIdx) {
        int m = sortedIdx.length;
        return m % 2 == 1 ? v[sortedIdx[m / 2]] : 0.5 * (v[sortedIdx[m / 2 - 1]] + v[sortedIdx[m / 2]]);
    }

    // ------------------------------------------------------------------ rate

    /**
     * A log-log sweep: the statistic y against the parameter x (points with their per-point CI when given),
     * the fitted line (slope from {@code e.fitted}, intercept from {@code intercept} when finite, else the
     * least-squares intercept for that slope), the predicted slope drawn through the fitted line's value at
     * the geometric centre of x, and the band between the slopes {@code ciLow} and {@code ciHigh} through the
     * same centre. Without an exponent the slope is fitted here by least squares. Points with x ≤ 0, y ≤ 0 or
     * NaN are skipped. Returns null when fewer than one point is drawable.
     *
     * @param intercept natural-log intercept b of ln y = b + slope·ln x, or NaN
     */
    static Chart rate(String idPrefix, String claimId, double[] xs, double[] ys, double[] yLow, double[] yHigh,
                      ExponentData e, double intercept, String xLabel, String yLabel) {
        int n = Math.min(xs.length, ys.length);
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double x = xs[i];
            double y = ys[i];
            if (!(Double.isFinite(x) && x > 0 && Double.isFinite(y) && y > 0)) continue;
            double l = yLow != null && i < yLow.length && Double.isFinite(yLow[i]) && yLow[i] > 0 ? yLow[i] : y;
            double h = yHigh != null && i < yHigh.length && Double.isFinite(yHigh[i]) && yHigh[i] > 0 ? yHigh[i] : y;
            pts.add(new double[] {x, y, Math.min(l, y), Math.max(h, y)});
        }
        if (pts.isEmpty()) return null;
        pts.sort((a, b) -> Double.compare(a[0], b[0]));
        int m = pts.size();
        double sx = 0;
        double sy = 0;
        for (double[] p : pts) {
            sx += Math.log(p[0]);
            sy += Math.log(p[1]);
        }
        double mx = sx / m;
        double my = sy / m;
        double slope = e == null ? Double.NaN : e.fitted();
        boolean fittedHere = false;
        if (!Double.isFinite(slope)) {
            double sxx = 0;
            double sxy = 0;
            for (double[] p : pts) {
                double dx = Math.log(p[0]) - mx;
                sxx += dx * dx;
                sxy += dx * (Math.log(p[1]) - my);
            }
            slope = sxx > 0 ? sxy / sxx : Double.NaN;
            fittedHere = Double.isFinite(slope);
        }
        // least-squares intercept for a given slope: b = mean(ln y) − slope·mean(ln x)
        double b = Double.isFinite(intercept) ? intercept : my - slope * mx;
        double centre = b + slope * mx; // fitted ln y at the geometric centre of x
        double xMin = pts.get(0)[0];
        double xMax = pts.get(m - 1)[0];
        boolean hasCi = pts.stream().anyMatch(p -> p[2] != p[1] || p[3] != p[1]);

        YIntervalSeries obs = new YIntervalSeries(hasCi ? "observed (with per-point CI)" : "observed", false, true);
        for (double[] p : pts) obs.add(p[0], p[1], p[2], p[3]);
        YIntervalSeriesCollection obsDs = new YIntervalSeriesCollection();
        obsDs.addSeries(obs);

        XYPlot plot = new XYPlot();
        XYErrorRenderer er = new XYErrorRenderer();
        er.setDrawXError(false);
        er.setDrawYError(hasCi);
        er.setDefaultLinesVisible(false);
        er.setDefaultShapesVisible(true);
        er.setSeriesShape(0, dot(4));
        er.setSeriesPaint(0, PALETTE[0]);
        er.setErrorPaint(PALETTE[0]);
        er.setCapLength(6);
        plot.setDataset(0, obsDs);
        plot.setRenderer(0, er);
        LegendItemCollection legend = new LegendItemCollection();
        legend.add(new LegendItem(obs.getKey().toString(), "", null, null, dot(4), PALETTE[0]));

        double predicted = e == null ? Double.NaN : e.predicted();
        double ciLo = e == null ? Double.NaN : e.ciLow();
        double ciHi = e == null ? Double.NaN : e.ciHigh();
        int grid = 41;
        double[] gx = new double[grid];
        for (int k = 0; k < grid; k++) {
            gx[k] = m == 1 || xMax == xMin ? xMin : Math.exp(Math.log(xMin) + (Math.log(xMax) - Math.log(xMin)) * k / (grid - 1));
        }
        int ds = 1;
        Csv.Writer csv = new Csv.Writer().row("series", "x", "y", "yLow", "yHigh");
        for (double[] p : pts) csv.row("observed", p[0], p[1], p[2], p[3]);
        if (Double.isFinite(slope) && m > 1 && xMax > xMin) {
            XYSeries fit = new XYSeries((fittedHere ? "least-squares fit" : "fitted") + ": slope " + Html.num(slope), false, true);
            for (double x : gx) fit.add(x, Math.exp(b + slope * Math.log(x)));
            ds = line(plot, ds, fit, PALETTE[1], new BasicStroke(2f));
            legend.add(lineItem(fit.getKey().toString(), PALETTE[1], new BasicStroke(2f)));
            for (double x : gx) csv.row("fitted", x, Math.exp(b + slope * Math.log(x)), "", "");
            if (Double.isFinite(predicted)) {
                XYSeries pred = new XYSeries("predicted: slope " + Html.num(predicted), false, true);
                for (double x : gx) pred.add(x, Math.exp(centre + predicted * (Math.log(x) - mx)));
                ds = line(plot, ds, pred, PALETTE[6], dashed(1.6f));
                legend.add(lineItem(pred.getKey().toString(), PALETTE[6], dashed(1.6f)));
                for (double x : gx) csv.row("predicted", x, Math.exp(centre + predicted * (Math.log(x) - mx)), "", "");
            }
            if (Double.isFinite(ciLo) && Double.isFinite(ciHi)) {
                YIntervalSeries band = new YIntervalSeries("slope CI [" + Html.num(Math.min(ciLo, ciHi)) + ", "
                        + Html.num(Math.max(ciLo, ciHi)) + "]", false, true);
                for (double x : gx) {
                    double d = Math.log(x) - mx;
                    double a1 = centre + ciLo * d;
                    double a2 = centre + ciHi * d;
                    double yc = Math.exp(b + slope * Math.log(x));
                    double bl = Math.exp(Math.min(a1, a2));
                    double bh = Math.exp(Math.max(a1, a2));
                    band.add(x, Math.min(Math.max(yc, bl), bh), bl, bh);
                    csv.row("slope CI band", x, yc, bl, bh);
                }
                YIntervalSeriesCollection bandDs = new YIntervalSeriesCollection();
                bandDs.addSeries(band);
                DeviationRenderer dr = new DeviationRenderer(false, false);
                dr.setSeriesFillPaint(0, PALETTE[1]);
                dr.setSeriesPaint(0, PALETTE[1]);
                dr.setAlpha(0.18f);
                plot.setDataset(ds, bandDs);
                plot.setRenderer(ds, dr);
                ds++;
                Color c = PALETTE[1];
                legend.add(new LegendItem(band.getKey().toString(), "", null, null, new Rectangle2D.Double(-7, -5, 14, 10),
                        new Color(c.getRed(), c.getGreen(), c.getBlue(), 70)));
            }
        }
        LogarithmicAxis x = logAxis(xLabel + " (log scale)");
        LogarithmicAxis y = logAxis(yLabel + " (log scale)");
        double pad = xMax == xMin ? 2.0 : Math.pow(xMax / xMin, 0.06);
        x.setRange(xMin / pad, xMax * pad);
        plot.setDomainAxis(x);
        plot.setRangeAxis(y);
        plot.setFixedLegendItems(legend);
        String title = claimId + ": rate (log-log)";
        JFreeChart chart = chart(title, plot, true);
        StringBuilder sub = new StringBuilder();
        sub.append(fittedHere ? "least-squares slope " : "fitted slope ").append(Html.num(slope));
        if (Double.isFinite(ciLo) && Double.isFinite(ciHi)) sub.append(" (CI [").append(Html.num(ciLo)).append(", ").append(Html.num(ciHi)).append("])");
        if (Double.isFinite(predicted)) sub.append(" · predicted ").append(Html.num(predicted));
        if (n - m > 0) sub.append(" · ").append(n - m).append(" point(s) not drawable");
        chart.addSubtitle(subtitle(sub.toString()));
        String[] svg = render(chart, idPrefix + "-rate");
        String caption = "Log-log sweep of " + yLabel + " against " + xLabel + " (" + m + " points). The fitted line has slope "
                + Html.num(slope) + (fittedHere ? " (least-squares, computed by the report: the claim gave no exponent)" : "")
                + (Double.isFinite(predicted) ? "; the dashed line has the predicted slope " + Html.num(predicted)
                + ", drawn through the fitted line at the geometric centre of the sweep" : "")
                + (Double.isFinite(ciLo) && Double.isFinite(ciHi) ? "; the shaded band spans the slopes of the confidence interval" : "")
                + ".";
        return new Chart("rate", title, svg[0], svg[1], csv.toString(), caption);
    }

    private static LegendItem lineItem(String label, Paint paint, BasicStroke stroke) {
        return new LegendItem(label, "", null, null, false, dot(1), false, paint, false, paint, stroke, true,
                new java.awt.geom.Line2D.Double(-10, 0, 10, 0), stroke, paint);
    }

    private static int line(XYPlot plot, int ds, XYSeries s, Paint paint, BasicStroke stroke) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setDrawSeriesLineAsPath(true);
        r.setSeriesPaint(0, paint);
        r.setSeriesStroke(0, stroke);
        plot.setDataset(ds, new XYSeriesCollection(s));
        plot.setRenderer(ds, r);
        return ds + 1;
    }

    // ------------------------------------------------------------------ curves

    /**
     * Reproduction curves: one line per group with its band (when the spec names band columns), long-format
     * CSV of the drawn data. Lines with more than {@link #MAX_POINTS_PER_LINE} points are thinned for the
     * SVG only; the CSV keeps every point. Returns null when there is nothing to draw.
     */
    static Chart curves(String idPrefix, String claimId, String name, Curves.Spec spec, List<Curves.Line> lines) {
        boolean band = spec.bandLow() != null && spec.bandHigh() != null;
        YIntervalSeriesCollection bandDs = new YIntervalSeriesCollection();
        XYSeriesCollection lineDs = new XYSeriesCollection();
        List<String> header = new ArrayList<>(spec.group());
        header.add(spec.x());
        header.add(spec.y());
        if (band) {
            header.add(spec.bandLow());
            header.add(spec.bandHigh());
        }
        Csv.Writer csv = new Csv.Writer().row(header.toArray());
        int drawn = 0;
        for (Curves.Line l : lines) {
            int n = l.x().length;
            int stride = Math.max(1, (n + MAX_POINTS_PER_LINE - 1) / MAX_POINTS_PER_LINE);
            YIntervalSeries ys = new YIntervalSeries(l.label(), false, true);
            XYSeries xs = new XYSeries(l.label(), false, true);
            int pts = 0;
            for (int i = 0; i < n; i++) {
                Object[] row = new Object[header.size()];
                int c = 0;
                for (String k : l.key()) row[c++] = k;
                row[c++] = l.x()[i];
                row[c++] = l.y()[i];
                if (band) {
                    row[c++] = l.low()[i];
                    row[c] = l.high()[i];
                }
                csv.row(row);
                if (i % stride != 0 && i != n - 1) continue;
                double x = l.x()[i];
                double y = l.y()[i];
                if ((spec.logX() && x <= 0) || (spec.logY() && y <= 0)) continue;
                double lo = Double.isFinite(l.low()[i]) ? Math.min(l.low()[i], y) : y;
                double hi = Double.isFinite(l.high()[i]) ? Math.max(l.high()[i], y) : y;
                if (spec.logY()) {
                    if (lo <= 0) lo = y;
                }
                ys.add(x, y, lo, hi);
                xs.add(x, y);
                pts++;
            }
            if (pts == 0) continue;
            bandDs.addSeries(ys);
            lineDs.addSeries(xs);
            drawn++;
        }
        if (drawn == 0) return null;
        XYPlot plot = new XYPlot();
        if (band) {
            DeviationRenderer dr = new DeviationRenderer(true, false);
            dr.setAlpha(0.16f);
            for (int i = 0; i < drawn; i++) {
                Color c = PALETTE[i % PALETTE.length];
                dr.setSeriesPaint(i, c);
                dr.setSeriesFillPaint(i, c);
                dr.setSeriesStroke(i, strokeFor(i));
            }
            plot.setDataset(0, bandDs);
            plot.setRenderer(0, dr);
        } else {
            XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
            r.setDrawSeriesLineAsPath(true);
            for (int i = 0; i < drawn; i++) {
                r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
                r.setSeriesStroke(i, strokeFor(i));
            }
            plot.setDataset(0, lineDs);
            plot.setRenderer(0, r);
        }
        ValueAxis x = spec.logX() ? logAxis(spec.xLabel() + " (log scale)") : numberAxis(spec.xLabel());
        ValueAxis y = spec.logY() ? logAxis(spec.yLabel() + " (log scale)") : numberAxis(spec.yLabel());
        plot.setDomainAxis(x);
        plot.setRangeAxis(y);
        for (Curves.RefLine ref : spec.refLines()) {
            if (spec.logY() && ref.value() <= 0) continue;
            ValueMarker mk = new ValueMarker(ref.value(), BOUND, dashed(1.4f));
            mk.setLabel(ref.label().isBlank() ? Html.num(ref.value()) : ref.label());
            mk.setLabelFont(TICK_FONT);
            mk.setLabelPaint(BOUND);
            mk.setLabelBackgroundColor(LABEL_BACKGROUND);
            mk.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            mk.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
            plot.addRangeMarker(mk, Layer.FOREGROUND);
        }
        String title = spec.title().isBlank() ? claimId + ": " + spec.yLabel() + " vs " + spec.xLabel() : spec.title();
        JFreeChart chart = chart(title, plot, true);
        chart.addSubtitle(subtitle("from " + spec.csv() + (band ? " · band: " + spec.bandLow() + " … " + spec.bandHigh() : "")));
        String[] svg = render(chart, idPrefix + "-" + name);
        String caption = spec.yLabel() + " against " + spec.xLabel() + ", one line per " + (spec.group().isEmpty()
                ? "file" : String.join(" × ", spec.group())) + (band ? ", shaded between " + spec.bandLow() + " and "
                + spec.bandHigh() : "") + "; data from " + spec.csv() + ".";
        return new Chart(name, title, svg[0], svg[1], csv.toString(), caption);
    }

    private static BasicStroke strokeFor(int i) {
        return i < PALETTE.length ? new BasicStroke(1.8f) : dashed(1.8f);
    }

    // ------------------------------------------------------------------ common

    private static JFreeChart chart(String title, XYPlot plot, boolean legend) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(new Color(0x888888));
        plot.setDomainGridlinePaint(new Color(0xDDDDDD));
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        plot.setDomainGridlinesVisible(true);
        plot.setRangeGridlinesVisible(true);
        plot.setAxisOffset(new RectangleInsets(4, 4, 4, 4));
        for (int i = 0; i < plot.getDomainAxisCount(); i++) style(plot.getDomainAxis(i));
        for (int i = 0; i < plot.getRangeAxisCount(); i++) style(plot.getRangeAxis(i));
        JFreeChart chart = new JFreeChart(title, TITLE_FONT, plot, legend);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        LegendTitle lt = chart.getLegend();
        if (lt != null) {
            lt.setItemFont(SUBTITLE_FONT);
            lt.setPosition(RectangleEdge.BOTTOM);
            lt.setFrame(org.jfree.chart.block.BlockBorder.NONE);
        }
        return chart;
    }

    private static void style(ValueAxis a) {
        if (a == null) return;
        a.setLabelFont(LABEL_FONT);
        a.setTickLabelFont(TICK_FONT);
        a.setLabelPaint(Color.BLACK);
        a.setTickLabelPaint(new Color(0x333333));
    }

    private static TextTitle subtitle(String s) {
        TextTitle t = new TextTitle(s, SUBTITLE_FONT);
        t.setPaint(new Color(0x444444));
        return t;
    }

    /**
     * A base-10 log axis whose tick labels are plain strings ("0.01", "1", "10⁻⁵"), so JFreeSVG writes them as
     * {@code <text>} (JFreeChart's {@code LogAxis} draws attributed labels, which become glyph outlines).
     */
    static final class Log10Axis extends LogarithmicAxis {
        Log10Axis(String label) {
            super(label);
            setStrictValuesFlag(false);
            setAllowNegativesFlag(false);
            setAutoRangeNextLogFlag(false);
            setMinorTickMarksVisible(true);
        }

        @Override
        protected String makeTickLabel(double val, boolean forceFmtFlag) {
            return tickLabel(val);
        }

        @Override
        protected String makeTickLabel(double val) {
            return tickLabel(val);
        }

        @Override
        @SuppressWarnings("rawtypes")
        protected List refreshTicksVertical(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
            return ticks(edge == RectangleEdge.RIGHT ? TextAnchor.CENTER_LEFT : TextAnchor.CENTER_RIGHT);
        }

        @Override
        @SuppressWarnings("rawtypes")
        protected List refreshTicksHorizontal(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
            return ticks(edge == RectangleEdge.TOP ? TextAnchor.BOTTOM_CENTER : TextAnchor.TOP_CENTER);
        }

        /**
         * Major ticks (labelled, with grid lines) at powers of ten, every k-th decade when there are more than
         * 12; over at most two decades also at 2× and 5×; unlabelled minor ticks at the other multiples.
         */
        private List<NumberTick> ticks(TextAnchor anchor) {
            List<NumberTick> out = new ArrayList<>();
            double lo = getLowerBound();
            double hi = getUpperBound();
            if (!(lo > 0) || !(hi > lo)) return out;
            int e0 = (int) Math.floor(Math.log10(lo));
            int e1 = (int) Math.ceil(Math.log10(hi));
            int decades = Math.max(1, e1 - e0);
            int step = decades > 12 ? (decades + 11) / 12 : 1;
            boolean mids = Math.log10(hi / lo) <= 2.0;
            for (int e = e0; e <= e1; e++) {
                for (int k = 1; k <= 9; k++) {
                    if (decades > 12 && k > 1) break;
                    double v = k * Math.pow(10, e);
                    if (v < lo * (1 - 1e-12) || v > hi * (1 + 1e-12)) continue;
                    boolean major = (k == 1 && Math.floorMod(e, step) == 0) || (mids && (k == 2 || k == 5));
                    out.add(new NumberTick(major ? TickType.MAJOR : TickType.MINOR, v, major ? tickLabel(v) : "",
                            anchor, anchor, 0.0));
                }
            }
            return out;
        }
    }

    /** Powers of ten in [10⁻², 10³] as decimals, others as 10 with a Unicode superscript; other values short. */
    static String tickLabel(double v) {
        if (!(v > 0) || !Double.isFinite(v)) return Html.num(v);
        double l = Math.log10(v);
        long e = Math.round(l);
        if (Math.abs(l - e) < 1e-9) {
            if (e >= -2 && e <= 3) return Html.num(Math.pow(10, e));
            return "10" + superscript(e);
        }
        double mant = v / Math.pow(10, Math.floor(l));
        if (Math.floor(l) >= -2 && Math.floor(l) <= 3) return Html.num(v, 3);
        return Html.num(mant, 2) + "×10" + superscript((long) Math.floor(l));
    }

    private static String superscript(long e) {
        String digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        StringBuilder b = new StringBuilder();
        if (e < 0) b.append('⁻');
        for (char c : Long.toString(Math.abs(e)).toCharArray()) b.append(digits.charAt(c - '0'));
        return b.toString();
    }

    private static LogarithmicAxis logAxis(String label) {
        return new Log10Axis(label);
    }

    private static NumberAxis numberAxis(String label) {
        NumberAxis a = new NumberAxis(label);
        a.setAutoRangeIncludesZero(false);
        return a;
    }

    private static Shape dot(double r) {
        return new Ellipse2D.Double(-r, -r, 2 * r, 2 * r);
    }

    private static BasicStroke dashed(float w) {
        return new BasicStroke(w, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
    }

    /** Coordinates with two decimals (0.01 px is far below what a screen shows; keeps the SVG small). */
    private static String coord(double v) {
        double r = Math.round(v * 100.0) / 100.0;
        return r == Math.rint(r) && Math.abs(r) < 1e15 ? Long.toString((long) r) : Double.toString(r);
    }

    /** Renders a chart to {inline svg element, standalone svg document}; ids and defs keys are prefixed by id. */
    static String[] render(JFreeChart chart, String id) {
        SVGGraphics2D g2 = new SVGGraphics2D(WIDTH, HEIGHT);
        g2.setDefsKeyPrefix(id + "-");
        g2.setGeomDoubleConverter(ReportCharts::coord);
        chart.draw(g2, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
        String element = g2.getSVGElement(id, true, new ViewBox(0, 0, WIDTH, HEIGHT), PreserveAspectRatio.XMID_YMID,
                MeetOrSlice.MEET);
        String doc = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + element + "\n";
        return new String[] {element, doc};
    }
}
