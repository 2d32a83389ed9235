package io.github.scratchpack.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keeps README.md a short front page whose links, and the guides' links, all lead somewhere. */
class DocumentationLinksTest {
    private static final Path README = Path.of("README.md");

    @Test
    void everyRelativeLinkAndAnchorInReadmeAndDocsExists() {
        List<String> broken = new ArrayList<>();
        for (Path page : GuidePages.pages()) {
            for (GuidePages.Link link : GuidePages.relativeLinks(page)) {
                String file = link.target().contains("#") ? link.target().substring(0, link.target().indexOf('#'))
                        : link.target();
                String anchor = link.target().contains("#") ? link.target().substring(link.target().indexOf('#') + 1)
                        : null;
                Path target = file.isEmpty() ? page : page.toAbsolutePath().getParent().resolve(file).normalize();
                if (!Files.exists(target)) {
                    broken.add(link + ": no such file");
                } else if (anchor != null && target.toString().endsWith(".md")
                        && !GuidePages.anchors(target).contains(anchor)) {
                    broken.add(link + ": no heading makes the anchor #" + anchor);
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void readmeIsAFrontPageThatLinksEveryGuide() throws IOException {
        long size = Files.size(README);
        assertTrue(size <= 15_000, "README.md is " + size + " bytes; move detail into a guide under docs/");
        String readme = Files.readString(README);
        for (Path page : GuidePages.pages().subList(1, GuidePages.pages().size())) {
            assertTrue(readme.contains("](docs/" + page.getFileName() + ")"), "README.md does not link " + page);
        }
    }

    @Test
    void everyGuideStartsWithAnExampleAndLinksItsParameters() {
        List<String> missing = new ArrayList<>();
        for (Path page : GuidePages.pages().subList(1, GuidePages.pages().size())) {
            if (page.getFileName().toString().equals("reference.md")) {
                continue;
            }
            List<String> lines = GuidePages.lines(page);
            int firstSection = lines.stream().filter(line -> line.startsWith("## ")).findFirst().map(lines::indexOf)
                    .orElse(lines.size());
            if (lines.subList(0, firstSection).stream().noneMatch(line -> line.startsWith("```"))) {
                missing.add(page + ": no example before its first section");
            }
            boolean aboutGoals = !List.of("testing.md", "performance.md", "reliability.md")
                    .contains(page.getFileName().toString());
            if (aboutGoals && GuidePages.relativeLinks(page).stream()
                    .noneMatch(link -> link.target().startsWith("reference.md"))) {
                missing.add(page + ": no link to its parameters in reference.md");
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void readmeTestCommandIsTheOneCiRuns() throws IOException {
        List<String> ci = Files.readAllLines(Path.of(".ci/run"));
        String command = ci.get(ci.size() - 1).strip();
        List<String> readme = Files.readAllLines(README);
        assertTrue(readme.contains(command), "README.md, Testing, must show .ci/run's command as it is: " + command);
    }
}
