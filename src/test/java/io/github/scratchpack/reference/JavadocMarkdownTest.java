package io.github.scratchpack.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JavadocMarkdownTest {
    @Test
    void codeKeepsItsCharactersAndTextOutsideIsEscaped() {
        assertEquals("Each `<check>` has a `port`; 2 \\* 3 \\<b\\> \\& x\\_y",
                JavadocMarkdown.of("Each <code>&lt;check&gt;</code> has a <code>port</code>; 2 * 3 &lt;b&gt; &amp; x_y"));
    }

    @Test
    void linksParagraphsAndEmphasisBecomeMarkdown() {
        assertEquals("See [the *spec*](https://example.com/a?b=1&c=2).\n\nSecond **part**.",
                JavadocMarkdown.of("See <a href=\"https://example.com/a?b=1&amp;c=2\">the <i>spec</i></a>.\n<p>Second <b>part</b>.</p>"));
        assertEquals("Line one.\n\nLine two.", JavadocMarkdown.of("Line one.\n<br />\n Line two."));
    }

    @Test
    void plainTextIsWhatTheMarkdownReads() {
        String markdown = JavadocMarkdown.of("A <code>x*y</code>-free <a href=\"u\">link</a>, 2 * 3 &lt;b&gt;\n  wrapped");
        assertEquals("A xy-free link, 2 * 3 <b> wrapped", JavadocMarkdown.plainText(markdown));
    }

    @Test
    void anElementWithoutAMarkdownFormIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JavadocMarkdown.of("A <table><tr><td>1</td></tr></table>"));
        assertTrue(e.getMessage().startsWith("No Markdown for <table> yet"), e.getMessage());
    }
}
