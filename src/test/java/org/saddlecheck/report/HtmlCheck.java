package org.saddlecheck.report;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A tolerant well-formedness check for the generated pages: balanced tags, and the links they contain. */
final class HtmlCheck {
    private HtmlCheck() {}

    /** Every link of {@code page} (whose HTML is {@code html}) is relative (nothing fetched) and resolves on disk. */
    static void assertLinksResolve(java.nio.file.Path page, String html) {
        for (String link : links(html)) {
            org.assertj.core.api.Assertions.assertThat(link).as(page + " links " + link).doesNotStartWith("http").doesNotStartWith("//");
            String path = link.replaceFirst("#.*$", "");
            if (path.isEmpty()) continue;
            java.nio.file.Path target = page.getParent()
                    .resolve(java.net.URLDecoder.decode(path, java.nio.charset.StandardCharsets.UTF_8)).normalize();
            org.assertj.core.api.Assertions.assertThat(target).as(page + " links " + link).exists();
        }
    }

    private static final Set<String> VOID = Set.of("area", "base", "br", "col", "embed", "hr", "img", "input", "link",
            "meta", "source", "track", "wbr");
    private static final Pattern TAG = Pattern.compile("<(/?)([A-Za-z][A-Za-z0-9:-]*)([^>]*?)(/?)>", Pattern.DOTALL);
    private static final Pattern LINK = Pattern.compile("\\s(?:href|src)=\"([^\"]*)\"");

    /** Problems found: unclosed or mismatched tags (content of script/style is skipped). */
    static List<String> problems(String html) {
        List<String> out = new ArrayList<>();
        String s = html.replaceAll("(?s)<!--.*?-->", "").replaceAll("(?s)<!DOCTYPE[^>]*>", "")
                .replaceAll("(?s)<\\?xml[^>]*\\?>", "")
                .replaceAll("(?s)(<script[^>]*>).*?(</script>)", "$1$2").replaceAll("(?s)(<style[^>]*>).*?(</style>)", "$1$2");
        Deque<String> stack = new ArrayDeque<>();
        Matcher m = TAG.matcher(s);
        while (m.find()) {
            String name = m.group(2).toLowerCase(Locale.ROOT);
            boolean closing = !m.group(1).isEmpty();
            boolean selfClosing = !m.group(4).isEmpty();
            if (closing) {
                if (stack.isEmpty()) {
                    out.add("closing </" + name + "> without an open tag at " + m.start());
                } else if (!stack.peek().equals(name)) {
                    out.add("closing </" + name + "> but <" + stack.peek() + "> is open at " + m.start());
                    return out;
                } else {
                    stack.pop();
                }
            } else if (!selfClosing && !VOID.contains(name)) {
                stack.push(name);
            }
        }
        if (!stack.isEmpty()) out.add("unclosed tags: " + stack);
        return out;
    }

    /** Every href/src attribute value (HTML-unescaped). */
    static List<String> links(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = LINK.matcher(html);
        while (m.find()) out.add(m.group(1).replace("&amp;", "&"));
        return out;
    }
}
