package org.saddlecheck.report;

import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * The claims' proofs-notes (Markdown, {@code proofs-notes/ID.md}) rendered into the report with commonmark-java, so
 * that the report is self-contained: each note becomes {@code notes/STEM.html}, and its statement section (the first
 * {@code ## Statement…} heading, which lists the assumptions) is shown on the claim page. Raw HTML in a note is
 * escaped, not passed through.
 */
final class ProofNotes {
    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS).escapeHtml(true)
            .sanitizeUrls(true).build();

    private ProofNotes() {}

    /** Markdown to an HTML fragment. */
    static String html(String markdown) {
        Node doc = PARSER.parse(markdown == null ? "" : markdown);
        return RENDERER.render(doc);
    }

    /**
     * The body of the note's first section whose heading starts with "Statement" (level 2), up to the next level-2
     * heading; null when the note has none.
     */
    static String statementMarkdown(String markdown) {
        if (markdown == null) return null;
        List<String> lines = markdown.lines().toList();
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("## Statement")) {
                start = i + 1;
                break;
            }
        }
        if (start < 0) return null;
        StringBuilder b = new StringBuilder();
        for (int i = start; i < lines.size() && !lines.get(i).startsWith("## "); i++) b.append(lines.get(i)).append('\n');
        String s = b.toString().strip();
        return s.isEmpty() ? null : s;
    }

    /** A complete page for one note, linking back to its claim page and the index. */
    static String page(String id, String markdown, String claimHref, String sourceText) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"
                + "<meta name=\"generator\" content=\"saddlecheck report\"/>"
                + "<title>" + Html.esc(id) + " — proofs note</title>\n<script>\n" + PageAssets.ERROR_HOOK + "</script>\n<style>\n"
                + PageAssets.CSS + "</style></head>\n<body data-note=\"" + Html.esc(id) + "\">\n<div id=\"js-errors\" role=\"alert\"></div>\n"
                + "<nav class=\"top\"><a href=\"../index.html\">← all claims</a> · <a href=\"" + Html.esc(claimHref) + "\">← "
                + Html.esc(id) + "</a></nav>\n<article class=\"proof-note\">\n" + html(markdown) + "</article>\n"
                + "<p class=\"muted\">Rendered from <code>" + Html.esc(sourceText) + "</code>.</p>\n"
                + "<script>\n" + PageAssets.runner("") + "</script>\n</body></html>\n";
    }
}
