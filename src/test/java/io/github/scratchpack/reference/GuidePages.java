package io.github.scratchpack.reference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The front page and the guides as Markdown: their XML snippets (marked as checked or not), their relative links,
 * and the anchors their headings make, as GitHub makes them.
 */
final class GuidePages {
    /** The line before an XML fence that says the snippet is in a project that the build runs. */
    static final String CHECKED_MARKER = "<!-- snippet: checked -->";
    /** The line before an XML fence that says the snippet test configures the snippet's goals with it. */
    static final String CONFIGURED_MARKER = "<!-- snippet: checked, configured by the test -->";

    private GuidePages() {
    }

    /**
     * An XML snippet: where it is, whether it is marked as checked, whether the test configures goals with it rather
     * than finding it in a project, and its text.
     */
    record Snippet(Path page, int line, boolean checked, boolean configured, String xml) {
        @Override
        public String toString() {
            return page + ":" + line;
        }
    }

    /** A relative link: the page it is on, its line, and the target as written. */
    record Link(Path page, int line, String target) {
        @Override
        public String toString() {
            return page + ":" + line + " (" + target + ")";
        }
    }

    /** README.md and every page under docs/. */
    static List<Path> pages() {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(page -> page.toString().endsWith(".md")).sorted().forEach(pages::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pages;
    }

    static List<String> lines(Path page) {
        try {
            return Files.readAllLines(page, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every fenced {@code xml} block of a page. */
    static List<Snippet> xmlSnippets(Path page) {
        List<String> lines = lines(page);
        List<Snippet> snippets = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).strip().equals("```xml")) {
                continue;
            }
            int start = i;
            StringBuilder xml = new StringBuilder();
            for (i++; i < lines.size() && !lines.get(i).strip().startsWith("```"); i++) {
                xml.append(lines.get(i)).append('\n');
            }
            String marker = start > 0 ? lines.get(start - 1).strip() : "";
            boolean configured = marker.equals(CONFIGURED_MARKER);
            snippets.add(new Snippet(page, start + 1, configured || marker.equals(CHECKED_MARKER), configured,
                    xml.toString()));
        }
        return snippets;
    }

    /** Every Markdown link outside code whose target is not a URL with a scheme. */
    static List<Link> relativeLinks(Path page) {
        List<Link> links = new ArrayList<>();
        List<String> lines = lines(page);
        boolean fenced = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            String text = line.replaceAll("`[^`]*`", "");
            for (int at = text.indexOf("]("); at >= 0; at = text.indexOf("](", at + 2)) {
                int end = text.indexOf(')', at);
                String target = end < 0 ? text.substring(at + 2) : text.substring(at + 2, end);
                if (!target.matches("[a-z][a-z0-9+.-]*:.*")) {
                    links.add(new Link(page, i + 1, target));
                }
            }
        }
        return links;
    }

    /**
     * The anchors a page's headings make on GitHub: lower case, punctuation dropped, spaces as dashes, numbered when
     * repeated.
     */
    static Set<String> anchors(Path page) {
        Set<String> anchors = new LinkedHashSet<>();
        boolean fenced = false;
        for (String line : lines(page)) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
            }
            if (fenced || !line.matches("#{1,6} .*")) {
                continue;
            }
            String slug = line.replaceFirst("^#+ ", "").strip().toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N}_ -]", "").replace(' ', '-');
            String anchor = slug;
            for (int n = 1; anchors.contains(anchor); n++) {
                anchor = slug + "-" + n;
            }
            anchors.add(anchor);
        }
        return anchors;
    }
}
