package org.saddlecheck.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * Small HTML helpers for the report: escaping, number and duration formatting, and a light "readable math"
 * conversion of the catalog's plain-text formulas (sub- and superscripts, ≤/≥/≠/→). All output uses numeric
 * character references only, so pages stay parseable by strict parsers.
 */
final class Html {
    private Html() {}

    /** Escapes text content and attribute values (&amp;, &lt;, &gt;, &quot;, &#39;). */
    static String esc(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    // drop control characters other than tab/newline: they are not allowed in HTML text
                    if (ch >= 0x20 || ch == '\n' || ch == '\t') b.append(ch);
                }
            }
        }
        return b.toString();
    }

    /** Escaped text with newlines as &lt;br/&gt;. */
    static String escLines(String s) {
        return esc(s).replace("\n", "<br/>");
    }

    /**
     * Plain number text: "—" for NaN, "∞"/"−∞", integers without a fraction, otherwise 4 significant digits
     * (scientific notation "1.2e-06" outside [1e-3, 1e6)).
     */
    static String num(double v) {
        return num(v, 4);
    }

    static String num(double v, int digits) {
        if (Double.isNaN(v)) return "—";
        if (Double.isInfinite(v)) return v > 0 ? "∞" : "−∞";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e6) {
            BigDecimal bd = new BigDecimal(v).round(new MathContext(digits));
            return bd.stripTrailingZeros().toPlainString();
        }
        String s = String.format(Locale.ROOT, "%." + (digits - 1) + "e", v); // e.g. 1.200e-06
        int e = s.indexOf('e');
        String mant = s.substring(0, e);
        if (mant.contains(".")) mant = mant.replaceAll("0+$", "").replaceAll("\\.$", "");
        int exp = Integer.parseInt(s.substring(e + 1));
        return mant + "e" + (exp < 0 ? "-" : "") + String.format(Locale.ROOT, "%02d", Math.abs(exp));
    }

    /** Number as HTML: like {@link #num} but scientific notation as "1.2 × 10<sup>−6</sup>". */
    static String numHtml(double v) {
        return numHtml(v, 4);
    }

    static String numHtml(double v, int digits) {
        String s = num(v, digits);
        int e = s.indexOf('e');
        if (e < 0) return esc(s.replace('-', '−'));
        String mant = s.substring(0, e);
        int exp = Integer.parseInt(s.substring(e + 1));
        String m = mant.equals("1") ? "" : mant.replace('-', '−') + " × ";
        if (mant.equals("-1")) m = "−";
        return m + "10<sup>" + (exp < 0 ? "−" : "") + Math.abs(exp) + "</sup>";
    }

    /** Relative tolerance under which an observed/bound ratio counts as exactly 1 (floating-point rounding). */
    static final double RATIO_ONE_TOLERANCE = 1e-9;

    /** Whether an observed/bound ratio exceeds 1 by more than rounding ({@code r > 1 + 1e-9}): a violation. */
    static boolean exceedsOne(double r) {
        return r > 1 + RATIO_ONE_TOLERANCE;
    }

    /**
     * An observed/bound ratio as HTML: within 1e-9 of 1 it is "1" (rounding, e.g. 1.0000000000000152), else like
     * {@link #numHtml}, except that a ratio that 4 significant digits would round to "1" although it is not within
     * the tolerance and above 1 is written as "1 + 1.26 × 10<sup>−8</sup>", so a violation does not look like 1.
     */
    static String ratioHtml(double r) {
        if (!Double.isFinite(r)) return numHtml(r);
        double d = r - 1;
        if (Math.abs(d) <= RATIO_ONE_TOLERANCE) return "1";
        if (d > 0 && num(r).equals("1")) return "1 + " + numHtml(d);
        return numHtml(r);
    }

    /** Like {@link #ratioHtml}, with a rounding-level difference from 1 spelled out ("1 (1 + 1.5 × 10⁻¹³, rounding)"). */
    static String ratioHtmlVerbose(double r) {
        String s = ratioHtml(r);
        if (s.equals("1") && r != 1) {
            double d = r - 1;
            s += " <span class=\"muted\">(1 " + (d > 0 ? "+" : "−") + " " + numHtml(Math.abs(d), 2) + ", rounding)</span>";
        }
        return s;
    }

    /** Integer with thin grouping: 1 234 567; null as "—". */
    static String count(Long v) {
        if (v == null) return "—";
        return String.format(Locale.ROOT, "%,d", v).replace(',', '\u2009');
    }

    /** Milliseconds as "850 ms", "3.46 s", "2 min 05 s", "1 h 02 min"; NaN as "—". */
    static String duration(double ms) {
        if (!Double.isFinite(ms) || ms < 0) return "—";
        if (ms < 1000) return Math.round(ms) + " ms";
        double s = ms / 1000.0;
        if (s < 60) return num(s, 3) + " s";
        long total = Math.round(s);
        if (total < 3600) return (total / 60) + " min " + String.format(Locale.ROOT, "%02d", total % 60) + " s";
        return (total / 3600) + " h " + String.format(Locale.ROOT, "%02d", (total % 3600) / 60) + " min";
    }

    /**
     * Readable math from the catalog's plain-text formulas. After escaping: {@code _{…}} and {@code _tok} become
     * subscripts, {@code ^{…}} and {@code ^tok} superscripts (tok = ASCII letters/digits/Greek, a leading sign
     * allowed for superscripts), and "&lt;=", "&gt;=", "!=", "-&gt;" become ≤, ≥, ≠, →. Braces are balanced
     * and nest; an unmatched brace is left as is.
     */
    static String math(String s) {
        if (s == null || s.isEmpty()) return "";
        String e = esc(s).replace("&lt;=", "≤").replace("&gt;=", "≥").replace("!=", "≠").replace("-&gt;", "→")
                .replace("\n", "<br/>");
        return scripts(e);
    }

    private static String scripts(String e) {
        StringBuilder out = new StringBuilder(e.length() + 32);
        int i = 0;
        while (i < e.length()) {
            char ch = e.charAt(i);
            if ((ch == '_' || ch == '^') && i > 0 && i + 1 < e.length() && !Character.isWhitespace(e.charAt(i - 1))) {
                String tag = ch == '_' ? "sub" : "sup";
                int j = i + 1;
                if (e.charAt(j) == '{') {
                    int close = matching(e, j);
                    if (close > 0) {
                        out.append('<').append(tag).append('>').append(scripts(e.substring(j + 1, close)))
                                .append("</").append(tag).append('>');
                        i = close + 1;
                        continue;
                    }
                } else {
                    int k = j;
                    if (ch == '^' && k < e.length() && (e.charAt(k) == '-' || e.charAt(k) == '−' || e.charAt(k) == '+')) k++;
                    int start = k;
                    while (k < e.length() && token(e.charAt(k))) k++;
                    if (k > start) {
                        out.append('<').append(tag).append('>').append(e, j, k).append("</").append(tag).append('>');
                        i = k;
                        continue;
                    }
                }
            }
            out.append(ch);
            i++;
        }
        return out.toString();
    }

    private static boolean token(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || Character.UnicodeBlock.of(c) == Character.UnicodeBlock.GREEK;
    }

    private static int matching(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '{') depth++;
            else if (c == '}' && --depth == 0) return i;
        }
        return -1;
    }
}
