package io.github.scratchpack.reference;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the HTML of a Javadoc comment, as maven-plugin-plugin keeps it for the reports, into Markdown: code, emphasis,
 * links, and paragraphs (a line break starts one too). Any other element is refused, so that the page never shows raw HTML by surprise.
 */
final class JavadocMarkdown {
    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z]+)([^>]*?)(/?)>");
    private static final Pattern HREF = Pattern.compile("href\\s*=\\s*\"([^\"]*)\"");
    private static final Map<String, String> ENTITIES = Map.of("&lt;", "<", "&gt;", ">", "&quot;", "\"", "&apos;", "'",
            "&#39;", "'", "&nbsp;", " ", "&amp;", "&");

    private JavadocMarkdown() {}

    /** The Markdown for one description. */
    static String of(String html) {
        StringBuilder out = new StringBuilder();
        Matcher tag = TAG.matcher(html);
        int at = 0;
        boolean inCode = false;
        String href = null;
        while (tag.find()) {
            String text = html.substring(at, tag.start());
            out.append(inCode ? decode(text) : escape(text));
            at = tag.end();
            boolean closing = !tag.group(1).isEmpty();
            switch (tag.group(2).toLowerCase(java.util.Locale.ROOT)) {
                case "code", "tt" -> {
                    out.append('`');
                    inCode = !closing;
                }
                case "i", "em" -> out.append('*');
                case "b", "strong" -> out.append("**");
                case "p", "br" -> out.append("\n\n");
                case "a" -> {
                    if (closing) {
                        out.append("](").append(href).append(')');
                    } else {
                        Matcher link = HREF.matcher(tag.group(3));
                        if (!link.find()) {
                            throw new IllegalArgumentException("A link without href in: " + html);
                        }
                        href = decode(link.group(1));
                        out.append('[');
                    }
                }
                default -> throw new IllegalArgumentException("No Markdown for <" + tag.group(2)
                        + "> yet; add it to JavadocMarkdown or use <code>, <i>, <b>, <a>, <p> or <br> in: " + html);
            }
        }
        out.append(inCode ? decode(html.substring(at)) : escape(html.substring(at)));
        return out.toString().strip().replaceAll("[ \t]*\n[ \t]*\n\\s*", "\n\n");
    }

    /** The plain text a reader sees in the Markdown: what Maven's own plain-text descriptions say. */
    static String plainText(String markdown) {
        return markdown.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replaceAll("(?<!\\\\)[`*]", "")
                .replaceAll("\\\\([\\\\`*_\\[\\]<>&])", "$1").replaceAll("\\s+", " ").strip();
    }

    private static String escape(String html) {
        return decode(html).replaceAll("([\\\\`*_\\[\\]<>&])", "\\\\$1");
    }

    private static String decode(String html) {
        String text = html;
        for (Map.Entry<String, String> entity : ENTITIES.entrySet()) {
            if (!entity.getKey().equals("&amp;")) {
                text = text.replace(entity.getKey(), entity.getValue());
            }
        }
        return text.replace("&amp;", "&");
    }
}
